namespace CustomerService.Channels.DingTalk;

/// <summary>
/// DingTalk did not accept a call: its HTTP status and error code (spec §1 and §3), never the request, the token or
/// the text. Thrown out of the sender, it makes the bus retry the reply later.
/// </summary>
public sealed class DingTalkApiException(string operation, int? httpStatus, string? code, Exception? inner = null)
    : Exception($"DingTalk {operation} failed: {Describe(httpStatus, code)}", inner)
{
    /// <summary>The codes that mean the access token expired or is unknown: refresh it and retry once (spec §1, §3.2).</summary>
    private static readonly HashSet<string> TokenInvalidCodes = new(StringComparer.OrdinalIgnoreCase) { "InvalidAuthentication", "token.notExisted" };

    public string Operation { get; } = operation;

    /// <summary>Null when no response came (timeout, connection refused).</summary>
    public int? HttpStatus { get; } = httpStatus;

    /// <summary>The body's <c>code</c> (OpenAPI) or <c>errcode</c> (webhook), when it had one.</summary>
    public string? Code { get; } = code;

    public bool IsTokenInvalid => Code is not null && TokenInvalidCodes.Contains(Code);

    private static string Describe(int? status, string? code) =>
        (status, code) switch
        {
            (null, null) => "no response",
            (null, _) => $"no response ({code})",
            (_, null) => $"HTTP {status}",
            _ => $"HTTP {status} {code}",
        };
}
