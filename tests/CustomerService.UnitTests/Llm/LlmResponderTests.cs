using System.ComponentModel;
using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Agent;
using CustomerService.Core.Agent.Calibration;
using CustomerService.Core.Agent.FollowUps;
using CustomerService.Core.Agent.Ladder;
using CustomerService.Core.Agent.Llm;
using CustomerService.Core.Conversations;
using CustomerService.UnitTests.Conversations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoredMessage = CustomerService.Abstractions.Conversations.ChatMessage;

namespace CustomerService.UnitTests.Llm;

public sealed class LlmResponderTests
{
    private const string ReturnAnswer = "签收后 7 天内可在订单页申请退货。";

    private static readonly AIFunction Handoff = AIFunctionFactory.Create(
        ([Description("why")] string reason) => "handed off", "request_human", "Hands the conversation to a person");

    private static ConversationTurn Turn(string text) => new(
        new Conversation("conv-1", "webchat", "c-1", ConversationStatus.Open, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
        new InboundMessage("webchat", "c-1", text));

    private static async Task<LlmResponder> ResponderAsync(IChatClient client, double timeoutSeconds = 5, IReadOnlyList<StoredMessage>? history = null)
    {
        FaqEntry[] entries =
        [
            new FaqEntry("return.zh", "return_how", ["怎么退货", "我想退货"], ReturnAnswer),
            new FaqEntry("refund.zh", "refund_time", ["退款多久到账"], "退款 1–3 个工作日到账。"),
        ];
        var (catalog, search) = await FaqSearch.OverAsync(entries);
        var agent = new AgentOptions { FallbackMessages = new() { ["zh"] = "抱歉，已为您转人工。", ["en"] = "Sorry, a human will help you." } };
        var agentMonitor = new StaticOptionsMonitor<AgentOptions>(agent);
        var ladder = new AnswerLadder(new ConversationMemory(new InMemoryState()), new RecordedTimers(), agentMonitor, TimeProvider.System);
        var conversation = new FixedConversation(history ?? []);
        var followUps = new FollowUpDetector(conversation, agentMonitor);
        var extractive = new ExtractiveResponder(search, catalog, new ConfidenceCalibration(Options.Create(agent)), ladder, followUps, agentMonitor);
        var llm = new LlmOptions { Endpoint = new Uri("http://127.0.0.1:1/v1"), Model = "test", TimeoutSeconds = timeoutSeconds };
        return new LlmResponder(extractive, search, client, [Handoff], new PromptFiles(Options.Create(llm)), conversation, followUps,
            new StaticOptionsMonitor<LlmOptions>(llm), new StaticOptionsMonitor<AgentOptions>(agent), TimeProvider.System, NullLogger<LlmResponder>.Instance);
    }

    [Fact]
    public async Task A_cited_answer_is_sent_with_its_citation_and_the_retrieval_confidence()
    {
        var client = new ScriptedChatClient().ThenText("签收后 7 天内可以申请退货 [1]。");

        var reply = await (await ResponderAsync(client)).RespondAsync(Turn("怎么退货"), CancellationToken.None);

        Assert.Equal("签收后 7 天内可以申请退货 [1]。", reply.Text);
        Assert.False(reply.Handoff);
        Assert.Equal("return_how", reply.MatchedIntent);
        Assert.Equal([new Citation("return.zh", "怎么退货")], reply.Citations);
        Assert.True(reply.Confidence > 0.9);
        var prompt = client.Requests[0].Messages;
        Assert.Equal(ChatRole.System, prompt[0].Role);
        Assert.Contains("request_human", prompt[0].Text, StringComparison.Ordinal);
        Assert.Contains("[1] 怎么退货\n" + ReturnAnswer, prompt[^1].Text, StringComparison.Ordinal);
        Assert.Contains("request_human", client.Requests[0].Options!.Tools!.Select(t => t.Name));
    }

    [Fact]
    public async Task A_follow_up_is_rewritten_with_its_topic_before_retrieval_and_answered_from_what_that_finds()
    {
        var client = new ScriptedChatClient().ThenText("退款多久到账？").ThenText("退款 1–3 个工作日到账 [1]。");
        StoredMessage[] history =
        [
            new("conv-1", MessageRole.Customer, "怎么退货，我的手机13812345678", DateTimeOffset.UnixEpoch),
            new("conv-1", MessageRole.Bot, ReturnAnswer, DateTimeOffset.UnixEpoch, "return_how", 0.95),
        ];

        var reply = await (await ResponderAsync(client, history: history)).RespondAsync(Turn("那退款呢"), CancellationToken.None);

        var rewrite = Assert.Single(client.Requests[0].Messages).Text;
        Assert.Contains("怎么退货，我的手机138****5678", rewrite, StringComparison.Ordinal);
        Assert.Contains("那退款呢", rewrite, StringComparison.Ordinal);
        Assert.Contains("Customer question:\n退款多久到账？", client.Requests[1].Messages[^1].Text, StringComparison.Ordinal);
        Assert.Equal("refund_time", reply.MatchedIntent);
        Assert.Equal("refund.zh", Assert.Single(reply.Citations).Id);
    }

    [Fact]
    public async Task A_message_that_is_no_follow_up_costs_no_rewrite_call()
    {
        var client = new ScriptedChatClient().ThenText("签收后 7 天内可以申请退货 [1]。");

        await (await ResponderAsync(client, history: [new("conv-1", MessageRole.Bot, ReturnAnswer, DateTimeOffset.UnixEpoch, "return_how", 0.95)]))
            .RespondAsync(Turn("怎么退货"), CancellationToken.None);

        Assert.Single(client.Requests);
    }

    [Fact]
    public async Task Personal_data_in_the_question_and_history_is_masked_before_it_reaches_the_model()
    {
        var client = new ScriptedChatClient().ThenText("可以申请退货 [1]。");
        StoredMessage[] history =
        [
            new("conv-1", MessageRole.Customer, "我的卡号 4111 1111 1111 1111", DateTimeOffset.UnixEpoch),
            new("conv-1", MessageRole.Bot, "好的", DateTimeOffset.UnixEpoch),
            new("conv-1", MessageRole.Customer, "我的手机13812345678，怎么退货", DateTimeOffset.UnixEpoch), // the turn itself
        ];

        await (await ResponderAsync(client, history: history)).RespondAsync(Turn("我的手机13812345678，怎么退货"), CancellationToken.None);

        var sent = string.Join("\n", client.Requests[0].Messages.Select(m => m.Text));
        Assert.Contains("138****5678", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", sent, StringComparison.Ordinal);
        Assert.Contains("4111 **** **** 1111", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111 1111 1111", sent, StringComparison.Ordinal);
        // system, the two earlier messages, then passages + question: the turn is not sent twice.
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], client.Requests[0].Messages.Select(m => m.Role));
    }

    [Fact]
    public async Task A_slow_model_times_out_and_the_customer_gets_the_extractive_reply()
    {
        var client = new ScriptedChatClient().ThenHang();

        var reply = await (await ResponderAsync(client, timeoutSeconds: 0.2)).RespondAsync(Turn("怎么退货"), CancellationToken.None);

        Assert.Equal(ReturnAnswer, reply.Text);
        Assert.Equal([new Citation("return.zh", "怎么退货")], reply.Citations);
    }

    [Fact]
    public async Task A_failing_endpoint_falls_back_to_the_extractive_reply()
    {
        var client = new ScriptedChatClient().Then((_, _) => Task.FromException<ChatResponse>(new HttpRequestException("connection refused")));

        var reply = await (await ResponderAsync(client)).RespondAsync(Turn("怎么退货"), CancellationToken.None);

        Assert.Equal(ReturnAnswer, reply.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("我觉得可以退。")] // cites nothing: not grounded
    [InlineData("见 [9]。")] // cites a passage that was not given
    public async Task An_empty_or_ungrounded_answer_falls_back_to_the_extractive_reply(string answer)
    {
        var reply = await (await ResponderAsync(new ScriptedChatClient().ThenText(answer))).RespondAsync(Turn("怎么退货"), CancellationToken.None);

        Assert.Equal(ReturnAnswer, reply.Text);
    }

    [Fact]
    public async Task The_model_calling_the_handoff_tool_hands_the_conversation_off()
    {
        var client = new ScriptedChatClient().ThenCall("request_human", new() { ["reason"] = "no answer" }).ThenText("正在为您转接人工客服。");

        var reply = await (await ResponderAsync(client)).RespondAsync(Turn("你们卖汽车吗"), CancellationToken.None);

        Assert.True(reply.Handoff);
        Assert.Equal(LlmResponder.HandoffReason, reply.HandoffReason);
        Assert.Equal("正在为您转接人工客服。", reply.Text);
        Assert.Empty(reply.Citations);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_swallowed()
    {
        var responder = await ResponderAsync(new ScriptedChatClient().ThenHang());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => responder.RespondAsync(Turn("怎么退货"), cts.Token));
    }

    private sealed class FixedConversation(IReadOnlyList<StoredMessage> messages) : IConversationStore
    {
        public Task<IReadOnlyList<StoredMessage>> ListMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<StoredMessage>>([.. messages.TakeLast(limit)]);

        public Task<Conversation> GetOrOpenAsync(string channel, string customerId, DateTimeOffset now, CancellationToken cancellationToken = default) => throw Unused();
        public Task<Conversation?> FindAsync(string conversationId, CancellationToken cancellationToken = default) => throw Unused();
        public Task AppendAsync(StoredMessage message, CancellationToken cancellationToken = default) => throw Unused();
        public Task AppendAsync(StoredMessage message, ConversationStatus status, CancellationToken cancellationToken = default) => throw Unused();
        public Task<IReadOnlyList<SequencedMessage>> ListMessagesAfterAsync(string conversationId, long afterSequence, int limit,
            CancellationToken cancellationToken = default) => throw Unused();

        private static InvalidOperationException Unused() => new("not used by these tests");
    }
}
