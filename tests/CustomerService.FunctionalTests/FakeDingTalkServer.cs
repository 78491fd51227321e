using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

/// <summary>
/// DingTalk on 127.0.0.1: the token endpoint (one live token at a time, <see cref="RevokeToken"/> ends it), the robot
/// OpenAPI sends (400 <c>InvalidAuthentication</c> for any other token) and sessionWebhooks. <see cref="FailNext"/> sends
/// answer 503, an outage. Every request is recorded with the status it got.
/// </summary>
internal sealed class FakeDingTalkServer : IAsyncDisposable
{
    public const string TokenPath = "/v1.0/oauth2/accessToken";
    public const string OneToOnePath = "/v1.0/robot/oToMessages/batchSend";
    public const string GroupPath = "/v1.0/robot/groupMessages/send";
    public const string WebhookPath = "/robot/sendBySession";

    private readonly WebApplication _app;
    private readonly string _appKey;
    private readonly string _appSecret;
    private readonly Lock _gate = new();
    private string? _token;
    private int _issued;
    private int _failNext;

    private FakeDingTalkServer(WebApplication app, string appKey, string appSecret) => (_app, _appKey, _appSecret) = (app, appKey, appSecret);

    public string BaseUrl => _app.BaseUrl();

    public ConcurrentQueue<Request> Requests { get; } = new();

    public string Webhook(string session) => $"{BaseUrl}{WebhookPath}?session={session}";

    public void FailNext(int sends) => Interlocked.Exchange(ref _failNext, sends);

    /// <summary>The token handed out so far stops working; the next token request gets a new one.</summary>
    public void RevokeToken()
    {
        lock (_gate) _token = null;
    }

    public IReadOnlyList<Request> To(string path) => [.. Requests.Where(r => r.Path == path)];

    public IReadOnlyList<Request> Accepted(string path) => [.. Requests.Where(r => r.Path == path && r.Status == StatusCodes.Status200OK)];

    public static async Task<FakeDingTalkServer> StartAsync(string appKey, string appSecret)
    {
        var app = LoopbackApi.Create();
        var server = new FakeDingTalkServer(app, appKey, appSecret);
        app.MapPost(TokenPath, (Func<HttpContext, Task<IResult>>)server.IssueTokenAsync);
        app.MapPost(OneToOnePath, (Func<HttpContext, Task<IResult>>)server.RobotSendAsync);
        app.MapPost(GroupPath, (Func<HttpContext, Task<IResult>>)server.RobotSendAsync);
        app.MapPost(WebhookPath, (Func<HttpContext, Task<IResult>>)server.WebhookAsync);
        await app.StartAsync();
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> IssueTokenAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        if (body.GetProperty("appKey").GetString() != _appKey || body.GetProperty("appSecret").GetString() != _appSecret)
        {
            return Record(context, body, 400, new { code = "invalidClientIdOrSecret", message = "无效的clientId或者clientSecret" });
        }

        string token;
        lock (_gate) token = _token ??= $"tk-{++_issued}"; // inside its window, the same token again (spec §1)
        return Record(context, body, 200, new { accessToken = token, expireIn = 7200 });
    }

    private async Task<IResult> RobotSendAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            return Record(context, body, 503, new { code = "ServiceUnavailable", message = "down" });
        }

        string? live;
        lock (_gate) live = _token;
        return context.Request.Headers["x-acs-dingtalk-access-token"] != live || live is null
            ? Record(context, body, 400, new { code = "InvalidAuthentication", message = "不合法的access_token" })
            : Record(context, body, 200, new { processQueryKey = Guid.NewGuid().ToString("N") });
    }

    private async Task<IResult> WebhookAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        return Interlocked.Decrement(ref _failNext) >= 0
            ? Record(context, body, 503, new { errcode = -1, errmsg = "system busy" })
            : Record(context, body, 200, new { errcode = 0, errmsg = "ok" });
    }

    private static async Task<JsonElement> ReadAsync(HttpContext context) =>
        (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone();

    private IResult Record(HttpContext context, JsonElement body, int status, object response)
    {
        Requests.Enqueue(new Request(context.Request.Path, context.Request.QueryString.Value ?? "",
            context.Request.Headers["x-acs-dingtalk-access-token"].ToString(), body, status));
        return Results.Json(response, statusCode: status);
    }

    public sealed record Request(string Path, string Query, string Token, JsonElement Body, int Status)
    {
        /// <summary>The reply text: a webhook's <c>text.content</c>, or the content inside an OpenAPI send's msgParam string.</summary>
        public string Text => Body.TryGetProperty("msgParam", out var param)
            ? JsonDocument.Parse(param.GetString()!).RootElement.GetProperty("content").GetString()!
            : Body.GetProperty("text").GetProperty("content").GetString()!;
    }
}
