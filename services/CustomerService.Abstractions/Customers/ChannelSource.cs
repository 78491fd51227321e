namespace CustomerService.Abstractions.Customers;

/// <summary>
/// The channel code (活码) a customer arrived through: a web chat link's or QR code's code, WeCom's 联系我 <c>state</c> …
/// Channels fill it from what they received; the core records it and matches <c>channel_source</c> rules against it.
/// </summary>
/// <param name="Code">The code's id, e.g. <c>qr-store-12</c>.</param>
/// <param name="Params">What the code carries (<c>store_id</c>, <c>activity</c> …); empty when nothing.</param>
public sealed record ChannelSource(string Code, IReadOnlyDictionary<string, string> Params)
{
    public const int MaxCodeLength = 64;
    public const int MaxParams = 16;
    public const int MaxParamNameLength = 64;
    public const int MaxParamValueLength = 128;

    /// <summary>
    /// Shape errors by field, under <paramref name="field"/> (<c>source.code</c>, <c>source.params.store_id</c>), for a
    /// channel to answer 400 with; the same limits for every channel, so a code works wherever it is printed.
    /// </summary>
    public static Dictionary<string, string[]> Validate(string? code, IReadOnlyDictionary<string, string?>? parameters, string field = "source")
    {
        Dictionary<string, string[]> errors = [];
        var trimmed = code?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors[$"{field}.code"] = [$"{field}.code is required: the channel code's id, e.g. qr-store-12."];
        }
        else if (!IsId(trimmed, MaxCodeLength))
        {
            errors[$"{field}.code"] = [$"{field}.code must be at most {MaxCodeLength} characters of letters, digits and - _ . : @."];
        }

        if (parameters is null)
        {
            return errors;
        }

        if (parameters.Count > MaxParams)
        {
            errors[$"{field}.params"] = [$"{field}.params may carry at most {MaxParams} entries (it has {parameters.Count})."];
            return errors;
        }

        foreach (var (name, value) in parameters)
        {
            // No ':' in names: a rule's match is written as configuration keys, where ':' separates sections.
            if (!IsId(name, MaxParamNameLength, allowColonAndAt: false))
            {
                errors[$"{field}.params"] = [$"{field}.params names must be at most {MaxParamNameLength} characters of letters, digits and - _ ."];
            }
            else if (value is null || value.Trim() is not { Length: > 0 and <= MaxParamValueLength } text || text.Any(char.IsControl))
            {
                errors[$"{field}.params.{name}"] = [$"{field}.params.{name} must be text of 1 to {MaxParamValueLength} characters."];
            }
        }

        return errors;
    }

    /// <summary>A source from input that passed <see cref="Validate"/>: trimmed, params in name order.</summary>
    public static ChannelSource From(string code, IReadOnlyDictionary<string, string?>? parameters) =>
        new(code.Trim(), new SortedDictionary<string, string>(
            parameters?.ToDictionary(p => p.Key, p => p.Value!.Trim(), StringComparer.Ordinal) ?? [], StringComparer.Ordinal));

    private static bool IsId(string text, int maxLength, bool allowColonAndAt = true) =>
        text.Length > 0 && text.Length <= maxLength
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' || (allowColonAndAt && c is ':' or '@'));
}

/// <summary>A channel code a customer arrived through, as first seen; a customer's first is their first-touch source.</summary>
public sealed record CustomerSource(string Channel, string Code, IReadOnlyDictionary<string, string> Params, DateTimeOffset FirstSeenAt);

/// <summary>Every channel code (and its params) each customer arrived through, first arrival kept.</summary>
public interface ICustomerSources
{
    /// <summary>True when the customer already arrived through this code with these params (on any channel).</summary>
    Task<bool> HasAsync(string customerId, ChannelSource source, CancellationToken cancellationToken = default);

    /// <summary>Records the arrival; false when it was already recorded (the first arrival's channel and time are kept).</summary>
    Task<bool> RecordAsync(string customerId, string channel, ChannelSource source, CancellationToken cancellationToken = default);

    /// <summary>Oldest first: the first is the customer's first-touch source.</summary>
    Task<IReadOnlyList<CustomerSource>> ListAsync(string customerId, CancellationToken cancellationToken = default);
}
