using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// Calls to api.dingtalk.com with the app's token in <c>x-acs-dingtalk-access-token</c>. A token DingTalk calls invalid
/// (expired early, revoked) is dropped, refreshed and the call retried once; any other error surfaces with its code.
/// </summary>
public sealed class DingTalkOpenApi(IHttpClientFactory clients, DingTalkAccessTokens tokens, IOptions<DingTalkOptions> options)
{
    public const string TokenHeader = "x-acs-dingtalk-access-token";

    /// <exception cref="DingTalkApiException">DingTalk did not accept the call.</exception>
    public async Task<JsonElement> PostAsync(DingTalkApp app, string path, object body, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var token = await tokens.GetAsync(app, cancellationToken);
        try
        {
            return await SendAsync(token, path, body, operation, cancellationToken);
        }
        catch (DingTalkApiException e) when (e.IsTokenInvalid)
        {
            tokens.Invalidate(app, token);
            return await SendAsync(await tokens.GetAsync(app, cancellationToken), path, body, operation, cancellationToken);
        }
    }

    private async Task<JsonElement> SendAsync(string token, string path, object body, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUrl.TrimEnd('/') + path)) { Content = JsonContent.Create(body) };
        request.Headers.Add(TokenHeader, token);
        return await DingTalkHttp.SendAsync(clients.CreateClient(DingTalkHttp.ClientName), request, operation, cancellationToken);
    }
}
