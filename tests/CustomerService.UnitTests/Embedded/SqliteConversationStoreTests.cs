using CustomerService.Abstractions.Conversations;
using CustomerService.Conformance;
using CustomerService.Embedded.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

    [Fact]
    public async Task A_bot_reply_keeps_its_handoff_and_citations_and_other_messages_have_none()
    {
        var conversation = await Store.GetOrOpenAsync("wecom", "c-h", Now);
        await Store.AppendAsync(new ChatMessage(conversation.Id, MessageRole.Customer, "怎么退货", Now));
        await Store.AppendAsync(new ChatMessage(conversation.Id, MessageRole.Bot, "answer", Now, "return_how", 0.9, false, ["return_how.zh", "doc-7"]),
            ConversationStatus.Open);
        await Store.AppendAsync(new ChatMessage(conversation.Id, MessageRole.Bot, "handed off", Now, null, 0.2, true, []), ConversationStatus.NeedsHuman);

        var read = await Store.ListMessagesAsync(conversation.Id, 10);

        Assert.Equal([null, false, true], read.Select(m => m.Handoff));
        Assert.Null(read[0].Citations);
        Assert.Equal(["return_how.zh", "doc-7"], read[1].Citations!);
        Assert.Empty(read[2].Citations!);
    }

    [Fact]
    public async Task A_database_from_before_handoff_and_citations_gains_the_columns_and_keeps_its_messages()
    {
        var conversation = await Store.GetOrOpenAsync("webchat", "c-old", Now);
        var file = _harness.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DatabaseFile;
        await using (var old = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            // The messages table as the first release created it, with a reply written then.
            command.CommandText = $"""
                ALTER TABLE messages DROP COLUMN handoff;
                ALTER TABLE messages DROP COLUMN citations;
                INSERT INTO messages (conversation_id, role, text, sent_at, matched_intent, confidence)
                VALUES ('{conversation.Id}', 'bot', 'old reply', {Now.ToUnixTimeMilliseconds()}, 'return_how', 0.9);
                """;
            await command.ExecuteNonQueryAsync();
        }

        _harness = await _harness.RestartAsync();
        await Store.AppendAsync(new ChatMessage(conversation.Id, MessageRole.Bot, "new reply", Now, "ship_time", 0.8, false, ["ship_time.zh"]),
            ConversationStatus.Open);
        var read = await Store.ListMessagesAsync(conversation.Id, 10);

        Assert.Equal(new ChatMessage(conversation.Id, MessageRole.Bot, "old reply", Now, "return_how", 0.9), read[0]);
        Assert.Equal((false, "ship_time.zh"), (read[1].Handoff, Assert.Single(read[1].Citations!)));
    }
}
