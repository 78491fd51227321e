using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using CustomerService.Channels.DingTalk;
using Microsoft.Extensions.Options;

namespace CustomerService.UnitTests.Channels.DingTalk;

/// <summary>
/// DingTalk's token endpoint, OpenAPI and webhooks in memory: records every call and answers with <see cref="Respond"/>,
/// by default a fresh token (<c>tok-1</c>, <c>tok-2</c> …, 7200 s) and success bodies.
/// </summary>
internal sealed class FakeDingTalkHandler : HttpMessageHandler
{
    private int _tokens;

    public FakeDingTalkHandler() => Respond = Default;

    public ConcurrentQueue<Call> Calls { get; } = new();

    public Func<Call, Task<HttpResponseMessage>> Respond { get; set; }

    public IReadOnlyList<Call> To(string path) => [.. Calls.Where(c => c.Uri.AbsolutePath == path)];

    public Task<HttpResponseMessage> Default(Call call) => Task.FromResult(call.Uri.AbsolutePath switch
    {
        "/v1.0/oauth2/accessToken" => Json(200, new { accessToken = $"tok-{Interlocked.Increment(ref _tokens)}", expireIn = 7200 }),
        "/robot/sendBySession" => Json(200, new { errcode = 0, errmsg = "ok" }),
        _ => Json(200, new { processQueryKey = "pqk" }),
    });

    public static HttpResponseMessage Json(int status, object body) =>
        new((HttpStatusCode)status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var token = request.Headers.TryGetValues(DingTalkOpenApi.TokenHeader, out var values) ? values.Single() : null;
        var call = new Call(request.Method, request.RequestUri!, token, body);
        Calls.Enqueue(call);
        return await Respond(call);
    }

    public sealed record Call(HttpMethod Method, Uri Uri, string? Token, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }
}

/// <summary>Every named client over the one fake handler.</summary>
internal sealed class FakeHttpClients(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}

internal static class DingTalkFakes
{
    public const string ApiBase = "https://api.dingtalk.test";

    public static DingTalkApp App => new() { Name = "support", AppKey = "dingkey", AppSecret = "app-secret-never-logged", RobotCode = "dingRobot" };

    public static IOptions<DingTalkOptions> Options(params string[] webhookHosts) =>
        Microsoft.Extensions.Options.Options.Create(new DingTalkOptions { Apps = [App], ApiBaseUrl = ApiBase, AllowedWebhookHosts = [.. webhookHosts] });
}
