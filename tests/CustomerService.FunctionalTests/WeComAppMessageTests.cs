using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CustomerService.Abstractions.Channels;
using CustomerService.Channels.WeCom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using static CustomerService.FunctionalTests.WeComTestApp;

namespace CustomerService.FunctionalTests;

/// <summary>
/// A WeCom question answered through WeCom's own API: the real host sends its reply with <c>message/send</c> to a fake WeCom on
/// 127.0.0.1, once, through an expired token, an outage, a callback delivered three times and a redelivery after a restart.
/// </summary>
public sealed class WeComAppMessageTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private FakeWeCom _wecom = null!;
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _wecom = await FakeWeCom.StartAsync();
        _app = StartApp();
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _wecom.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    [Fact]
    public async Task A_question_is_answered_with_one_message_send_to_its_user_and_agent()
    {
        await PostAsync(Text("7100000001", "怎么退货", from: "LiSi"));

        var sent = Assert.Single(await _wecom.WaitForSentAsync(1));
        Assert.Equal("LiSi", sent.Body.GetProperty("touser").GetString());
        Assert.Equal(1000002, sent.Body.GetProperty("agentid").GetInt32());
        Assert.Equal("text", sent.Body.GetProperty("msgtype").GetString());
        Assert.Contains("填写退货原因", sent.Body.GetProperty("text").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, sent.Body.GetProperty("enable_duplicate_check").GetInt32());
        Assert.Equal("fake-token-1", sent.AccessToken);
        Assert.Equal((1, 1), (_wecom.TokenCalls, _wecom.SendCalls));
        Assert.Equal([$"corpid={CorpId}&corpsecret={Secret}"], _wecom.TokenQueries);
    }

    [Fact]
    public async Task A_token_expired_in_flight_is_refreshed_once_and_the_reply_still_sent_once()
    {
        _wecom.SendFailures.Enqueue(Results.Json(new { errcode = 42001, errmsg = "access_token expired" }));

        await PostAsync(Text("7100000002", "怎么退货", from: "WangWu"));

        var sent = Assert.Single(await _wecom.WaitForSentAsync(1));
        Assert.Equal(("WangWu", "fake-token-2"), (sent.Body.GetProperty("touser").GetString(), sent.AccessToken));
        Assert.Equal((2, 2), (_wecom.TokenCalls, _wecom.SendCalls));
    }

    [Fact]
    public async Task A_reply_waits_out_an_api_outage_and_is_sent_once_after_recovery_and_nothing_secret_is_logged()
    {
        for (var i = 0; i < 3; i++)
        {
            _wecom.SendFailures.Enqueue(Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        }

        await PostAsync(Text("7100000003", "怎么退货", from: "ZhaoLiu"));

        var sent = Assert.Single(await _wecom.WaitForSentAsync(1));
        Assert.Equal("ZhaoLiu", sent.Body.GetProperty("touser").GetString());
        Assert.Equal((1, 4), (_wecom.TokenCalls, _wecom.SendCalls)); // a 5xx is not the token's fault: no refresh
        Assert.Contains(_logs.Lines, l => l.Contains("503", StringComparison.Ordinal)); // the bus logged the failed attempts …
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal) || l.Contains("fake-token", StringComparison.Ordinal)
            || l.Contains("填写退货原因", StringComparison.Ordinal)); // … without the secret, the token or the reply
    }

    [Fact]
    public async Task A_callback_delivered_three_times_is_sent_once()
    {
        var message = Text("7100000004", "怎么退货", from: "SunQi");
        var first = Signed(message);

        // WeCom's retry of the same request (acked again), and a retry signed anew (the same MsgId: the same event).
        var statuses = new List<HttpStatusCode>();
        foreach (var callback in new[] { first, first, Signed(message) })
        {
            using var response = await _client.PostAsync(callback.Url, Xml(callback.Body));
            statuses.Add(response.StatusCode);
        }

        Assert.Single(await _wecom.WaitForSentAsync(1));
        await Task.Delay(1000); // room for a wrongly doubled send to show up
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Single(_wecom.Sent);
        Assert.Equal(1, _wecom.SendCalls);
    }

    [Fact]
    public async Task A_reply_redelivered_after_a_restart_is_not_sent_again()
    {
        var reply = new ChannelReplyReady("wecom", "acme", "ZhouBa", "conv-1", "您好", new Dictionary<string, string>
        {
            ["agent_id"] = "1000002",
            ["to_user"] = "ZhouBa",
        }, "reply-key-1") { OccurredAt = DateTimeOffset.UtcNow };

        // Sent, then the process "crashed" before the bus's ack: the same reply is delivered again, before and after a restart.
        await Sender(_app).SendAsync(reply, default);
        await Sender(_app).SendAsync(reply, default);
        _client.Dispose();
        await _app.DisposeAsync();
        _app = StartApp(_app.DataDirectory);
        _client = _app.CreateClient();
        await Sender(_app).SendAsync(reply, default);

        Assert.Single(_wecom.Sent);
        await Sender(_app).SendAsync(reply with { IdempotencyKey = "reply-key-2" }, default);
        Assert.Equal(2, _wecom.Sent.Count);
    }

    [Fact]
    public async Task Without_a_configured_app_there_is_no_wecom_sender()
    {
        await using var app = new CustomerServiceApp();

        Assert.DoesNotContain(app.Services.GetServices<IChannelSender>(), s => s.Channel == "wecom");
        Assert.Contains(_app.Services.GetServices<IChannelSender>(), s => s is WeComAppSender);
        CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
    }

    private CustomerServiceApp StartApp(string? dataDirectory = null)
    {
        var settings = Settings();
        settings["Channels:WeCom:ApiBaseUrl"] = _wecom.BaseUrl;
        settings["EventBus:PollInterval"] = "00:00:00.050";
        settings["EventBus:InitialBackoff"] = "00:00:00.100";
        settings["EventBus:MaxBackoff"] = "00:00:00.200";
        settings["Logging:LogLevel:CustomerService.Channels.WeCom"] = "Debug";
        settings["Logging:LogLevel:System.Net.Http"] = "Trace";
        return new CustomerServiceApp(dataDirectory, settings, s => s.AddSingleton<ILoggerProvider>(_logs));
    }

    private static IChannelSender Sender(CustomerServiceApp app) =>
        app.Services.GetServices<IChannelSender>().Single(s => s.Channel == "wecom");

    private async Task PostAsync(string message)
    {
        var callback = Signed(message);
        using var response = await _client.PostAsync(callback.Url, Xml(callback.Body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// WeCom's gettoken and message/send on 127.0.0.1: tokens <c>fake-token-1</c>, <c>-2</c> … for the test app's secret only, a send
    /// with anything but the latest token refused with 40014, and scripted failures for the next sends.
    /// </summary>
    private sealed class FakeWeCom : IAsyncDisposable
    {
        private readonly WebApplication _server;
        private int _tokenCalls;
        private int _sendCalls;
        private volatile string _currentToken = "";

        private FakeWeCom(WebApplication server) => _server = server;

        public string BaseUrl => _server.BaseUrl();

        public int TokenCalls => _tokenCalls;

        public int SendCalls => _sendCalls;

        public ConcurrentQueue<string> TokenQueries { get; } = new();

        public ConcurrentQueue<IResult> SendFailures { get; } = new();

        public ConcurrentQueue<(string AccessToken, JsonElement Body)> Sent { get; } = new();

        public static async Task<FakeWeCom> StartAsync()
        {
            var server = LoopbackApi.Create();
            var fake = new FakeWeCom(server);
            server.MapGet("/cgi-bin/gettoken", (string corpid, string corpsecret, HttpRequest request) =>
            {
                fake.TokenQueries.Enqueue(request.QueryString.Value!.TrimStart('?'));
                if (corpid != CorpId || corpsecret != Secret)
                {
                    return Results.Json(new { errcode = 40001, errmsg = "invalid credential" });
                }

                fake._currentToken = $"fake-token-{Interlocked.Increment(ref fake._tokenCalls)}";
                return Results.Json(new { errcode = 0, errmsg = "ok", access_token = fake._currentToken, expires_in = 7200 });
            });
            server.MapPost("/cgi-bin/message/send", async (string access_token, HttpRequest request) =>
            {
                Interlocked.Increment(ref fake._sendCalls);
                if (fake.SendFailures.TryDequeue(out var failure))
                {
                    return failure;
                }

                if (access_token != fake._currentToken)
                {
                    return Results.Json(new { errcode = 40014, errmsg = "invalid access_token" });
                }

                using var body = await JsonDocument.ParseAsync(request.Body);
                fake.Sent.Enqueue((access_token, body.RootElement.Clone()));
                return Results.Json(new { errcode = 0, errmsg = "ok", msgid = $"msg-{fake.Sent.Count}" });
            });
            await server.StartAsync();
            return fake;
        }

        public async Task<IReadOnlyList<(string AccessToken, JsonElement Body)>> WaitForSentAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Sent.Count < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            return [.. Sent];
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }
}
