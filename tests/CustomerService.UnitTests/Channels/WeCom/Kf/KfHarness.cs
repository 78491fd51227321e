using CustomerService.Abstractions.Channels;
using CustomerService.Channels.WeCom;
using CustomerService.Channels.WeCom.Kf;
using CustomerService.Conformance;
using CustomerService.Core.Policies.Welcome;
using CustomerService.UnitTests.Conversations;
using CustomerService.UnitTests.Plugins;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CustomerService.UnitTests.Channels.WeCom.WeComVectors;

namespace CustomerService.UnitTests.Channels.WeCom.Kf;

/// <summary>The kf pieces wired as the host wires them, over one in-memory state store, a recording bus and <see cref="FakeKfApi"/>.</summary>
internal sealed class KfHarness
{
    /// <summary>The fake clock's start (2026-11-20 08:00 UTC) in Unix seconds.</summary>
    public const long Now = 1795161600;

    public KfHarness(WeComKfOptions? kf = null)
    {
        var options = Options.Create(new WeComOptions { Apps = [App("acme")] });
        var kfOptions = Options.Create(kf ?? new WeComKfOptions());
        var tokens = new WeComAccessTokens(options, new WeComApi(Api), Time, NullLogger<WeComAccessTokens>.Instance);
        var kfApi = new WeComKfApi(Api);
        Sessions = new WeComKfSessions(State);
        var welcome = new StaticOptionsMonitor<WelcomeOptions>(new WelcomeOptions());
        var inbox = new WeComKfInbox(kfOptions, welcome, tokens, kfApi, Sessions, Bus, State, Time, NullLogger<WeComKfInbox>.Instance);
        Sync = new WeComKfSync(kfOptions, tokens, kfApi, inbox, State, Time, NullLogger<WeComKfSync>.Instance);
        Sender = new WeComKfSender(options, tokens, kfApi, Sessions, new CustomerService.Channels.SentReplies(State), Time, NullLogger<WeComKfSender>.Instance);
        Handoff = new WeComKfHandoff(kfOptions, tokens, kfApi, Sessions, NullLogger<WeComKfHandoff>.Instance);
    }

    public FakeKfApi Api { get; } = new();

    public InMemoryState State { get; } = new();

    public RecordingEventBus Bus { get; } = new();

    public FakeTimeProvider Time { get; } = new();

    public WeComKfSessions Sessions { get; }

    public WeComKfSync Sync { get; }

    public WeComKfSender Sender { get; }

    public WeComKfHandoff Handoff { get; }

    public Task PullAsync(string token = "ENC-token") =>
        Sync.PullAsync(new WeComKfEventReceived("acme", "wkKF1", token, Now) { OccurredAt = Time.GetUtcNow() }, default);

    /// <summary>The reply the pipeline would queue for a published customer message.</summary>
    public static ChannelReplyReady ReplyTo(ChannelMessageReceived message, string text = "您好", string? key = null) =>
        new(message.Channel, message.App, message.AccountId, "conv-1", text, message.ReplyContext, key ?? $"reply-{message.MessageId}")
        {
            OccurredAt = DateTimeOffset.UnixEpoch,
        };
}
