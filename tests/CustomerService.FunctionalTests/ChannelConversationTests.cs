using System.Collections.Concurrent;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

/// <summary>
/// A channel's message through the real host's bus: answered after the channel's ack, replied through the channel's
/// sender, once however often the channel redelivers it, and still once after the sender's API was down for a while.
/// </summary>
public sealed class ChannelConversationTests
{
    private const string Channel = "testchannel";

    [Fact]
    public async Task A_message_delivered_three_times_is_answered_and_replied_once()
    {
        var sender = new RecordingSender(failures: 0);
        await using var app = App(sender);
        var bus = app.Services.GetRequiredService<IEventBus>();

        for (var i = 0; i < 3; i++)
        {
            await bus.PublishAsync(Message("m-1", "acct-1", "怎么退货"));
        }

        var reply = Assert.Single(await sender.WaitForAsync(1));
        await Task.Delay(500); // room for a wrongly doubled delivery to show up
        Assert.Single(sender.Sent);
        Assert.Contains("退货", reply.Text, StringComparison.Ordinal);
        Assert.Equal("acct-1", reply.AccountId);
        Assert.Equal("agent-7", reply.ReplyContext["agent_id"]);
        Assert.False(string.IsNullOrEmpty(reply.IdempotencyKey));
        var transcript = await app.Services.GetRequiredService<IConversationStore>().ListMessagesAsync(reply.ConversationId, 10);
        Assert.Equal(1, transcript.Count(m => m.Role == MessageRole.Customer));
        CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
    }

    [Fact]
    public async Task A_reply_survives_a_channel_outage_and_is_sent_once_it_recovers()
    {
        var sender = new RecordingSender(failures: 2);
        await using var app = App(sender);

        await app.Services.GetRequiredService<IEventBus>().PublishAsync(Message("m-2", "acct-2", "运费多少"));

        var reply = Assert.Single(await sender.WaitForAsync(1));
        Assert.Equal(3, sender.Attempts);
        Assert.Contains("包邮", reply.Text, StringComparison.Ordinal);
        CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
    }

    [Fact]
    public async Task An_arrival_through_a_channel_code_tags_the_customers_oneid_by_the_shipped_rules()
    {
        await using var app = App(new RecordingSender(failures: 0));
        var bus = app.Services.GetRequiredService<IEventBus>();
        var source = new ChannelSource("qr-store-12", new Dictionary<string, string> { ["store_id"] = "12", ["activity"] = "双11" });

        for (var i = 0; i < 2; i++) // a redelivery records nothing twice
        {
            await bus.PublishAsync(new ChannelCustomerArrived(Channel, "demo", "acct-arrived", source)
                { Id = ChannelEventIds.For(Channel, "demo", "arrival", "e1"), OccurredAt = DateTimeOffset.UtcNow });
        }

        var directory = app.Services.GetRequiredService<ICustomerDirectory>();
        var tags = app.Services.GetRequiredService<ICustomerTags>();
        IReadOnlyList<CustomerTag> tagged = [];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (tagged.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            if (await directory.FindByAccountAsync(new ChannelAccount(Channel, "acct-arrived")) is { } customer)
            {
                tagged = await tags.ListAsync(customer.Id);
            }
        }

        Assert.Equal(["双11到店", "线下客户", "门店12"], tagged.Select(t => t.Tag).Order(StringComparer.Ordinal));
        Assert.All(tagged, t => Assert.Equal("channel:qr-store-12", t.Source));
        CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
    }

    private static CustomerServiceApp App(RecordingSender sender) => new(
        settings: new Dictionary<string, string?>
        {
            ["EventBus:PollInterval"] = "00:00:00.050",
            ["EventBus:InitialBackoff"] = "00:00:00.100",
            ["EventBus:MaxBackoff"] = "00:00:00.200",
        },
        services: s => s.AddSingleton<IChannelSender>(sender));

    private static ChannelMessageReceived Message(string messageId, string account, string text) =>
        new(Channel, "demo", account, messageId, text, new Dictionary<string, string> { ["agent_id"] = "agent-7" })
        {
            Id = ChannelEventIds.For(Channel, "demo", messageId),
            OccurredAt = DateTimeOffset.UtcNow,
        };

    /// <summary>A channel's API: fails its first <c>failures</c> calls (an outage), then records what it is sent.</summary>
    private sealed class RecordingSender(int failures) : IChannelSender
    {
        private int _attempts;

        public string Channel => ChannelConversationTests.Channel;

        public ConcurrentQueue<ChannelReplyReady> Sent { get; } = new();

        public int Attempts => _attempts;

        public Task SendAsync(ChannelReplyReady reply, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) <= failures)
            {
                throw new HttpRequestException("503 Service Unavailable");
            }

            Sent.Enqueue(reply);
            return Task.CompletedTask;
        }

        public async Task<IReadOnlyList<ChannelReplyReady>> WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Sent.Count < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            return [.. Sent];
        }
    }
}
