using System.Net;
using CustomerService.Channels.DingTalk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerService.FunctionalTests;

/// <summary>
/// A signed robot callback answered through the real host and a fake DingTalk on 127.0.0.1: by the live sessionWebhook,
/// else by the OpenAPI with a fetched token; once, through token revocation, an outage and redelivered callbacks.
/// </summary>
public sealed class DingTalkReplyTests : IAsyncLifetime
{
    private const string AppKey = "dingreplyapp";
    private const string AppSecret = "dk-reply-secret-0123456789";
    private const string Callback = "/channels/dingtalk/support/callback";
    private const string Question = "怎么退货";

    private readonly CapturedLogs _logs = new();
    private FakeDingTalkServer _dingTalk = null!;
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _dingTalk = await FakeDingTalkServer.StartAsync(AppKey, AppSecret);
        _app = new CustomerServiceApp(settings: new Dictionary<string, string?>
        {
            ["EventBus:PollInterval"] = "00:00:00.050",
            ["EventBus:InitialBackoff"] = "00:00:00.100",
            ["EventBus:MaxBackoff"] = "00:00:00.200",
            ["Logging:LogLevel:CustomerService"] = "Debug",
            ["Channels:DingTalk:Apps:0:Name"] = "support",
            ["Channels:DingTalk:Apps:0:AppKey"] = AppKey,
            ["Channels:DingTalk:Apps:0:AppSecret"] = AppSecret,
            ["Channels:DingTalk:ApiBaseUrl"] = _dingTalk.BaseUrl,
            ["Channels:DingTalk:AllowedWebhookHosts:0"] = "127.0.0.1",
        }, services: s => s.AddSingleton<ILoggerProvider>(_logs));
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _dingTalk.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    [Fact]
    public async Task A_question_with_a_live_webhook_is_answered_by_one_webhook_post()
    {
        await PostRobotAsync(SingleChat("msgLive1", Question, webhookExpiresIn: TimeSpan.FromHours(1)));

        var post = Assert.Single(await SettledAsync(FakeDingTalkServer.WebhookPath, 1));
        Assert.Equal("?session=live", post.Query);
        Assert.Equal("text", post.Body.GetProperty("msgtype").GetString());
        Assert.Contains("申请售后", post.Text, StringComparison.Ordinal); // the return FAQ's answer
        Assert.Single(_dingTalk.Requests); // no token, no OpenAPI
        AssertLogsHoldNoSecrets(post.Text);
    }

    [Fact]
    public async Task An_expired_webhook_is_replaced_by_one_batchSend_with_a_fetched_token()
    {
        await PostRobotAsync(SingleChat("msgExpired1", Question, webhookExpiresIn: TimeSpan.FromMinutes(-1)));

        var send = Assert.Single(await SettledAsync(FakeDingTalkServer.OneToOnePath, 1));
        var fetch = Assert.Single(_dingTalk.To(FakeDingTalkServer.TokenPath));
        Assert.Equal(("tk-1", 200), (send.Token, fetch.Status));
        Assert.Equal(("dingRobotFromMessage", "sampleText", "staff-001"), (send.Body.GetProperty("robotCode").GetString(),
            send.Body.GetProperty("msgKey").GetString(), send.Body.GetProperty("userIds").EnumerateArray().Single().GetString()));
        Assert.Contains("申请售后", send.Text, StringComparison.Ordinal);
        Assert.Empty(_dingTalk.To(FakeDingTalkServer.WebhookPath));
        AssertLogsHoldNoSecrets(send.Text, "tk-1");
    }

    [Fact]
    public async Task A_token_revoked_between_replies_is_refreshed_once_and_each_reply_still_sent_once()
    {
        await PostRobotAsync(SingleChat("msgToken1", Question, webhookExpiresIn: TimeSpan.FromMinutes(-1)));
        await SettledAsync(FakeDingTalkServer.OneToOnePath, 1);
        _dingTalk.RevokeToken();

        await PostRobotAsync(SingleChat("msgToken2", "运费多少", webhookExpiresIn: TimeSpan.FromMinutes(-1)));

        var sends = await SettledAsync(FakeDingTalkServer.OneToOnePath, 2);
        Assert.Equal([("tk-1", 200), ("tk-2", 200)], sends.Select(s => (s.Token, s.Status)));
        Assert.Contains("包邮", sends[1].Text, StringComparison.Ordinal);
        var rejected = Assert.Single(_dingTalk.To(FakeDingTalkServer.OneToOnePath), s => s.Status != 200);
        Assert.Equal(("tk-1", 400), (rejected.Token, rejected.Status));
        Assert.Equal(2, _dingTalk.To(FakeDingTalkServer.TokenPath).Count); // the first token was cached, one refresh after the revocation
    }

    [Fact]
    public async Task A_reply_waits_out_an_outage_and_is_sent_once_after_recovery()
    {
        _dingTalk.FailNext(3);

        await PostRobotAsync(SingleChat("msgOutage1", Question, webhookExpiresIn: TimeSpan.FromHours(1)));

        var accepted = Assert.Single(await SettledAsync(FakeDingTalkServer.WebhookPath, 1));
        Assert.Equal([503, 503, 503, 200], _dingTalk.To(FakeDingTalkServer.WebhookPath).Select(r => r.Status));
        Assert.Contains("申请售后", accepted.Text, StringComparison.Ordinal);
        Assert.Contains(_logs.Lines, l => l.Contains("DingTalk sessionWebhook failed: HTTP 503", StringComparison.Ordinal)); // the bus's retry, with the reason
        AssertLogsHoldNoSecrets(accepted.Text);
    }

    [Fact]
    public async Task The_same_callback_three_times_sends_one_reply()
    {
        var body = SingleChat("msgTwice1", Question, webhookExpiresIn: TimeSpan.FromHours(1));
        for (var i = 0; i < 3; i++)
        {
            await PostRobotAsync(body);
        }

        Assert.Single(await SettledAsync(FakeDingTalkServer.WebhookPath, 1));
        Assert.Single(_dingTalk.Requests);
    }

    private string SingleChat(string msgId, string text, TimeSpan webhookExpiresIn) =>
        DingTalkTestApp.SingleChat(msgId, text, _dingTalk.Webhook("live"), DateTimeOffset.UtcNow.Add(webhookExpiresIn).ToUnixTimeMilliseconds());

    private async Task PostRobotAsync(string body)
    {
        using var request = DingTalkTestApp.RobotCallback(Callback, body, AppSecret);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Waits for <paramref name="expected"/> accepted requests to <paramref name="path"/>, then a second more, so a double would show.</summary>
    private async Task<IReadOnlyList<FakeDingTalkServer.Request>> SettledAsync(string path, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_dingTalk.Accepted(path).Count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(1000);
        return _dingTalk.Accepted(path);
    }

    private void AssertLogsHoldNoSecrets(params string[] more)
    {
        Assert.NotEmpty(_logs.Lines);
        foreach (var secret in more.Concat([AppSecret, Question, "session=live"]))
        {
            Assert.DoesNotContain(_logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
