using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Conversations;

namespace CustomerService.UnitTests.Handoff;

/// <summary>One conversation's transcript in memory, written the way the pipeline writes it.</summary>
internal sealed class FakeConversationStore : IConversationStore
{
    public const string ConversationId = "conv-1";

    private readonly List<ChatMessage> _messages = [];

    /// <summary>The one conversation, with the status the last bot reply left it in.</summary>
    public Conversation Conversation { get; private set; } =
        new(ConversationId, "webchat", "c-1", ConversationStatus.Open, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public FakeConversationStore Customer(string text) => Add(MessageRole.Customer, text);

    public FakeConversationStore Bot(string text, string? intent, double confidence, params string[] citations) =>
        Add(MessageRole.Bot, text, intent, confidence, citations);

    public FakeConversationStore HumanAgent(string text) => Add(MessageRole.Agent, text);

    /// <summary>Stores the customer's message as the pipeline does before policies run, and returns the turn.</summary>
    public ConversationTurn Turn(string text, ConversationStatus status = ConversationStatus.Open)
    {
        Customer(text);
        return new ConversationTurn(Conversation with { Status = status }, new InboundMessage("webchat", "c-1", text));
    }

    public Task<Conversation> GetOrOpenAsync(string channel, string customerId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult(Conversation);

    public Task<Conversation?> FindAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult<Conversation?>(conversationId == ConversationId ? Conversation : null);

    public Task AppendAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        _messages.Add(message);
        return Task.CompletedTask;
    }

    public Task AppendAsync(ChatMessage message, ConversationStatus status, CancellationToken cancellationToken = default)
    {
        Conversation = Conversation with { Status = status };
        return AppendAsync(message, cancellationToken);
    }

    public Task<IReadOnlyList<ChatMessage>> ListMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChatMessage>>([.. _messages.Where(m => m.ConversationId == conversationId).TakeLast(limit)]);

    public Task<IReadOnlyList<SequencedMessage>> ListMessagesAfterAsync(string conversationId, long afterSequence, int limit,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SequencedMessage>>([.. _messages.Select((m, i) => new SequencedMessage(i + 1, m))
            .Where(m => m.Message.ConversationId == conversationId && m.Sequence > afterSequence).Take(limit)]);

    private FakeConversationStore Add(MessageRole role, string text, string? intent = null, double? confidence = null, string[]? citations = null)
    {
        _messages.Add(new ChatMessage(ConversationId, role, text, DateTimeOffset.UnixEpoch.AddSeconds(_messages.Count), intent, confidence,
            Citations: citations));
        return this;
    }
}
