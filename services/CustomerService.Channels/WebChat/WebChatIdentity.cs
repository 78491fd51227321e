using System.Security.Cryptography;
using System.Text;
using CustomerService.Abstractions.Customers;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WebChat;

/// <summary>
/// Who the website says its logged-in customer is, signed by the website's server:
/// <c>signature = hex(HMAC-SHA256(WebChat:IdentitySecret, phone + "\n" + userId))</c>, each exactly as sent (empty when left out).
/// </summary>
public sealed record WebChatIdentity(string? Phone, string? UserId, string? Signature);

/// <summary>Checks web chat identities against <see cref="WebChatOptions.IdentitySecret"/>; only a matching signature yields verified claims.</summary>
public sealed class WebChatIdentityVerifier(IOptions<WebChatOptions> options)
{
    private readonly byte[]? _key = options.Value.IdentitySecret is { Length: > 0 } secret ? Encoding.UTF8.GetBytes(secret) : null;

    public bool Enabled => _key is not null;

    /// <summary>The signature a website computes for an identity; public so integrators' tests and ours agree on it.</summary>
    public static string Sign(string secret, string? phone, string? userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Payload(phone, userId)));

    /// <summary>Shape errors by field (the caller answers 400); call only with <see cref="Enabled"/>.</summary>
    public static Dictionary<string, string[]> Validate(WebChatIdentity identity)
    {
        Dictionary<string, string[]> errors = [];
        if (string.IsNullOrWhiteSpace(identity.Phone) && string.IsNullOrWhiteSpace(identity.UserId))
        {
            errors["identity"] = ["identity needs a phone, a userId or both."];
        }

        if (identity.Phone is { Length: > 0 } phone && !PhoneNumbers.TryNormalize(phone, out _))
        {
            errors["identity.phone"] = ["identity.phone must be a mainland China mobile number or an international number starting with +."];
        }

        if (identity.UserId is { Length: > 0 } userId && (userId.Length > 128 || !userId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@')))
        {
            errors["identity.userId"] = ["identity.userId must be at most 128 characters of letters, digits and - _ . : @."];
        }

        if (identity.Signature is not { Length: 64 } signature || !signature.All(char.IsAsciiHexDigit))
        {
            errors["identity.signature"] = ["identity.signature must be the 64 hex digits of the HMAC-SHA256 of phone + \"\\n\" + userId."];
        }

        return errors;
    }

    /// <summary>The verified claims, or null when the signature does not match (compared in constant time).</summary>
    public VerifiedIdentity? Verify(WebChatIdentity identity)
    {
        var key = _key ?? throw new InvalidOperationException("WebChat:IdentitySecret is not set.");
        var expected = HMACSHA256.HashData(key, Payload(identity.Phone, identity.UserId));
        if (!CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(identity.Signature!)))
        {
            return null;
        }

        PhoneNumbers.TryNormalize(identity.Phone, out var phone);
        return new VerifiedIdentity(
            Phone: phone.Length > 0 ? phone : null,
            SiteUserId: string.IsNullOrEmpty(identity.UserId) ? null : identity.UserId);
    }

    private static byte[] Payload(string? phone, string? userId) => Encoding.UTF8.GetBytes($"{phone}\n{userId}");
}
