using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;
using CustomerService.Channels.DingTalk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CustomerService.FunctionalTests;

/// <summary>
/// The real host with two DingTalk apps (<c>support</c> with event subscription, <c>robot-only</c>), recording the messages its
/// callbacks deliver and the DingTalk log lines; inbound only: no reply may leave for the real oapi.dingtalk.com.
/// </summary>
internal sealed class DingTalkCallbackHost : IAsyncDisposable
{
    public const string AppSecret = "dk-app-secret-0123456789abcdef";
    public const string AppKey = "ding6ccabc44d2c8d38b";
    public const string Token = "mryue";
    public const string AesKey = "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7";
    public const string Callback = "/channels/dingtalk/support/callback";
    public const string Events = "/channels/dingtalk/support/events";
    public const string CustomerText = "我的订单什么时候发货";

    public static readonly DingTalkEventCrypto Crypto = new(Token, AesKey, AppKey);

    public DingTalkCallbackHost()
    {
        App = new CustomerServiceApp(settings: new Dictionary<string, string?>
        {
            ["EventBus:PollInterval"] = "00:00:00.100",
            ["Logging:LogLevel:CustomerService.Channels.DingTalk"] = "Debug",
            ["Channels:DingTalk:Apps:0:Name"] = "support",
            ["Channels:DingTalk:Apps:0:AppKey"] = AppKey,
            ["Channels:DingTalk:Apps:0:AppSecret"] = AppSecret,
            ["Channels:DingTalk:Apps:0:Token"] = Token,
            ["Channels:DingTalk:Apps:0:AesKey"] = AesKey,
            ["Channels:DingTalk:Apps:1:Name"] = "robot-only",
            ["Channels:DingTalk:Apps:1:AppKey"] = "dingrobotonly",
            ["Channels:DingTalk:Apps:1:AppSecret"] = "another-secret",
            ["Channels:DingTalk:Apps:1:RobotCode"] = "dingRobotCode1",
        }, services: s =>
        {
            s.AddSingleton(Received);
            s.AddEventHandler<ChannelMessageReceived, DingTalkReceived.Handler>();
            s.AddSingleton<ILoggerProvider>(Logs);
            s.RemoveAll<IChannelSender>(); // DingTalkReplyTests send replies, to a fake DingTalk
        });
        Client = App.CreateClient();
    }

    public DingTalkReceived Received { get; } = new();

    public CapturedLogs Logs { get; } = new("CustomerService.Channels.DingTalk");

    public CustomerServiceApp App { get; }

    public HttpClient Client { get; }

    public async Task<HttpResponseMessage> PostRobotAsync(string path, string body, string? timestamp = null, string secret = AppSecret)
    {
        using var request = DingTalkTestApp.RobotCallback(path, body, secret, timestamp);
        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostEventAsync(string path, string encrypt, string timestamp, string nonce, string? signature = null,
        string signatureQuery = "msg_signature", string timestampQuery = "timestamp")
    {
        signature ??= Crypto.Signature(timestamp, nonce, encrypt);
        return Client.PostAsJsonAsync($"{path}?{signatureQuery}={signature}&{timestampQuery}={timestamp}&nonce={nonce}", new { encrypt });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(App.DataDirectory);
    }
}

internal sealed class DingTalkReceived
{
    private readonly ConcurrentQueue<ChannelMessageReceived> _messages = new();

    /// <summary>Waits for <paramref name="expected"/> deliveries, then a little longer, so a second delivery would show.</summary>
    public async Task<IReadOnlyList<ChannelMessageReceived>> SettledAsync(int expected)
    {
        for (var i = 0; i < 100 && _messages.Count < expected; i++)
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        return [.. _messages];
    }

    public sealed class Handler(DingTalkReceived log) : IIntegrationEventHandler<ChannelMessageReceived>
    {
        public Task HandleAsync(ChannelMessageReceived @event, CancellationToken cancellationToken)
        {
            log._messages.Enqueue(@event);
            return Task.CompletedTask;
        }
    }
}
