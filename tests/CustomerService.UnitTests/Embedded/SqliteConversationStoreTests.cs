using CustomerService.Abstractions.Conversations;
using CustomerService.Conformance;

namespace CustomerService.UnitTests.Embedded;

/// <summary>The sequence live views resume from: per conversation, increasing, durable across a restart.</summary>
public sealed class SqliteConversationStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private IPortHarness _harness = null!;

    private IConversationStore Store => _harness.Get<IConversationStore>();

    public async Task InitializeAsync() => _harness = await EmbeddedHarness.StartAsync(_ => { });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Messages_after_a_sequence_are_the_conversations_own_in_order_and_resume_exactly_after_it()
    {
        var a = await Store.GetOrOpenAsync("webchat", "c-a", Now);
        var b = await Store.GetOrOpenAsync("webchat", "c-b", Now);
        // Interleaved: b's messages take sequence numbers in between, which a's reader must skip.
        await Store.AppendAsync(new ChatMessage(a.Id, MessageRole.Customer, "a1", Now));
        await Store.AppendAsync(new ChatMessage(b.Id, MessageRole.Customer, "b1", Now));
        await Store.AppendAsync(new ChatMessage(a.Id, MessageRole.Bot, "a2", Now, "return_how", 0.9), ConversationStatus.Open);
        await Store.AppendAsync(new ChatMessage(b.Id, MessageRole.Bot, "b2", Now), ConversationStatus.Open);
        await Store.AppendAsync(new ChatMessage(a.Id, MessageRole.Customer, "a3", Now));

        var all = await Store.ListMessagesAfterAsync(a.Id, 0, 100);

        Assert.Equal(["a1", "a2", "a3"], all.Select(m => m.Message.Text));
        Assert.True(all[0].Sequence > 0 && all[0].Sequence < all[1].Sequence && all[1].Sequence < all[2].Sequence);
        Assert.Equal(new ChatMessage(a.Id, MessageRole.Bot, "a2", Now, "return_how", 0.9), all[1].Message);
        Assert.Equal(["a2", "a3"], (await Store.ListMessagesAfterAsync(a.Id, all[0].Sequence, 100)).Select(m => m.Message.Text));
        Assert.Equal(["a1", "a2"], (await Store.ListMessagesAfterAsync(a.Id, 0, 2)).Select(m => m.Message.Text));
        Assert.Empty(await Store.ListMessagesAfterAsync(a.Id, all[2].Sequence, 100));
        Assert.Equal(["b1", "b2"], (await Store.ListMessagesAfterAsync(b.Id, 0, 100)).Select(m => m.Message.Text));
        Assert.Empty(await Store.ListMessagesAfterAsync("no-such-conversation", 0, 100));
    }

    [Fact]
    public async Task Sequences_survive_a_restart_and_keep_growing()
    {
        var conversation = await Store.GetOrOpenAsync("webchat", "c-r", Now);
        await Store.AppendAsync(new ChatMessage(conversation.Id, MessageRole.Customer, "before", Now));
        var before = Assert.Single(await Store.ListMessagesAfterAsync(conversation.Id, 0, 10));

        _harness = await _harness.RestartAsync();
        await Store.AppendAsync(new ChatMessage(conversation.Id, MessageRole.Customer, "after", Now));
        var read = await Store.ListMessagesAfterAsync(conversation.Id, 0, 10);

        Assert.Equal(before, read[0]);
        Assert.Equal("after", Assert.Single(await Store.ListMessagesAfterAsync(conversation.Id, before.Sequence, 10)).Message.Text);
        Assert.True(read[1].Sequence > before.Sequence);
    }
}
