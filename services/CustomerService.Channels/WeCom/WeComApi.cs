using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// WeCom's server API (spec §6, §9) over the named <see cref="HttpClientName"/> client, whose base address is
/// <c>Channels:WeCom:ApiBaseUrl</c>. A non-2xx status, a timeout or a body that is not JSON throws; an <c>errcode</c> is the
/// caller's to judge (see <see cref="WeComAccessTokens.CallAsync{T}"/>). The URLs carry the secret and the access_token, so
/// the client logs nothing of its own (see <see cref="WeComCallbackApi.AddWeCom"/>).
/// </summary>
public sealed class WeComApi(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "wecom";

    /// <summary>Long enough for WeCom on a bad day; a send that times out is retried by the bus (WeCom's duplicate check covers one that did arrive).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // Chinese text as UTF-8 rather than \u escapes: a smaller body, and the one WeCom's own samples send.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The base address with a trailing slash, so a base with a path (a proxy's <c>/wecom</c>) keeps it.</summary>
    public static Uri BaseAddressOf(string apiBaseUrl) => new(apiBaseUrl.EndsWith('/') ? apiBaseUrl : apiBaseUrl + "/");

    public async Task<WeComTokenResponse> GetTokenAsync(string corpId, string secret, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.GetAsync(
            $"cgi-bin/gettoken?corpid={Uri.EscapeDataString(corpId)}&corpsecret={Uri.EscapeDataString(secret)}", cancellationToken);
        return await ReadAsync<WeComTokenResponse>(response, cancellationToken);
    }

    public async Task<WeComSendResponse> SendMessageAsync(string accessToken, WeComTextMessage message, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.PostAsJsonAsync(
            $"cgi-bin/message/send?access_token={Uri.EscapeDataString(accessToken)}", message, Json, cancellationToken);
        return await ReadAsync<WeComSendResponse>(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        response.EnsureSuccessStatusCode(); // its message names the status only, never the URL
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new JsonException($"WeCom answered {typeof(T).Name} with an empty body.");
    }
}

/// <summary>What every WeCom API answers (spec §7): decide on <see cref="ErrCode"/>, never on the message.</summary>
public abstract record WeComResponse
{
    [JsonPropertyName("errcode")]
    public int ErrCode { get; init; }
}

public sealed record WeComTokenResponse : WeComResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }
}

public sealed record WeComSendResponse : WeComResponse
{
    [JsonPropertyName("msgid")]
    public string? MsgId { get; init; }
}

/// <summary>An app message of type text (spec §9).</summary>
public sealed record WeComTextMessage(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("agentid")] int AgentId,
    [property: JsonPropertyName("text")] WeComText Text,
    [property: JsonPropertyName("duplicate_check_interval")] int DuplicateCheckInterval)
{
    [JsonPropertyName("msgtype")]
    public string MsgType { get; init; } = "text";

    [JsonPropertyName("enable_duplicate_check")]
    public int EnableDuplicateCheck { get; init; } = 1;
}

public sealed record WeComText([property: JsonPropertyName("content")] string Content);

/// <summary>A WeCom API answered a non-zero <c>errcode</c>. Carries the code; never the secret, the token or the errmsg.</summary>
public sealed class WeComApiException(string app, string api, int errorCode)
    : Exception($"WeCom {api} for app '{app}' answered errcode {errorCode}.")
{
    public string App { get; } = app;

    public string Api { get; } = api;

    public int ErrorCode { get; } = errorCode;
}
