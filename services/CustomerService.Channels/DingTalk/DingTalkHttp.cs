using System.Globalization;
using System.Text.Json;

namespace CustomerService.Channels.DingTalk;

/// <summary>One call to DingTalk: the JSON body of a success, else a <see cref="DingTalkApiException"/> with its status and code.</summary>
internal static class DingTalkHttp
{
    /// <summary>The <see cref="IHttpClientFactory"/> client every DingTalk call goes through (timeout set at registration).</summary>
    public const string ClientName = "dingtalk";

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DingTalkApiException(operation, null, "timeout", e);
        }
        catch (HttpRequestException e)
        {
            throw new DingTalkApiException(operation, null, "unreachable", e);
        }

        using (response)
        {
            var body = await ReadJsonAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            return !response.IsSuccessStatusCode ? throw new DingTalkApiException(operation, status, body is { } b ? Code(b) : null)
                : body ?? throw new DingTalkApiException(operation, status, "not JSON");
        }
    }

    /// <summary>The OpenAPI's <c>code</c>, or a webhook's non-zero <c>errcode</c>; only code-shaped values, nothing an echo could carry.</summary>
    public static string? Code(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var code = body.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()
            : body.TryGetProperty("errcode", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) && n != 0
                ? n.ToString(CultureInfo.InvariantCulture)
            : null;
        return code is { Length: > 0 and <= 128 } && code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-') ? code
            : code is null ? null : "(unprintable)";
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
