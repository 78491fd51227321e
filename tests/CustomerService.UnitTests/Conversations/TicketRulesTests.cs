using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using CustomerService.Core.Tickets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerService.UnitTests.Conversations;

public sealed class TicketRulesTests
{
    private static readonly TicketRuleOptions Options = new()
    {
        Rules =
        [
            new TicketRule { Intent = "damaged_or_missing", Category = "售后", Urgency = "normal" },
            new TicketRule { HandoffReason = "negative_sentiment", Category = "投诉", Urgency = "high" },
        ],
        Messages = new(StringComparer.OrdinalIgnoreCase) { ["zh"] = "已为您创建{category}工单。", ["en"] = "I've opened a ticket." },
    };

    private static readonly AgentReply Answer = new("请申请售后。", 0.9, "damaged_or_missing", Handoff: false);

    private readonly List<AIFunctionArguments> _calls = [];

    [Fact]
    public async Task An_answered_rule_intent_calls_create_ticket_with_the_rule_and_the_customer_words_and_says_so()
    {
        var reply = await ApplyAsync(Answer, "收到的货少了一件", toolAnswer: "Created ticket T-1 (category 售后, urgency Normal).");

        Assert.Equal("请申请售后。\n\n已为您创建售后工单。", reply.Text);
        var call = Assert.Single(_calls);
        Assert.Equal(("收到的货少了一件", "售后", "normal"), ((string)call["question"]!, (string)call["category"]!, (string)call["urgency"]!));
    }

    [Fact]
    public async Task A_rule_hand_off_reason_opens_its_ticket()
    {
        var handoff = new AgentReply("非常抱歉。", 1.0, MatchedIntent: null, Handoff: true, "negative_sentiment");

        var reply = await ApplyAsync(handoff, "太差了，我要投诉", toolAnswer: "Created ticket T-2 (category 投诉, urgency High).");

        Assert.Equal("非常抱歉。\n\n已为您创建投诉工单。", reply.Text);
        Assert.Equal(("投诉", "high"), ((string)Assert.Single(_calls)["category"]!, (string)_calls[0]["urgency"]!));
    }

    [Fact]
    public async Task An_english_turn_gets_the_english_line()
    {
        var reply = await ApplyAsync(Answer, "my parcel is missing an item", toolAnswer: "Created ticket T-3 (category 售后, urgency Normal).");

        Assert.EndsWith("I've opened a ticket.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_picked_suggestion_files_and_speaks_in_the_words_of_the_question_it_answers()
    {
        var reply = await ApplyAsync(Answer, "2", toolAnswer: "Created ticket T-7.", questionAnswered: "收到的货少了一件");

        Assert.EndsWith("已为您创建售后工单。", reply.Text, StringComparison.Ordinal);
        Assert.Equal("收到的货少了一件", (string)Assert.Single(_calls)["question"]!);
    }

    [Theory]
    [InlineData("return_how", false, null)]
    [InlineData(null, true, "customer_request")]
    [InlineData("damaged_or_missing", true, "low_confidence")] // an intent rule is for answers, not hand-offs
    public async Task Other_replies_open_nothing(string? intent, bool handoff, string? reason)
    {
        var other = new AgentReply("好的。", 0.9, intent, handoff, reason);

        var reply = await ApplyAsync(other, "怎么退货", toolAnswer: "Created ticket T-4.");

        Assert.Equal("好的。", reply.Text);
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task With_a_model_the_model_decides_about_answers_but_hand_off_rules_still_apply()
    {
        var model = new NoChatClient();

        var answered = await ApplyAsync(Answer, "少件", toolAnswer: "Created ticket T-5.", model);
        Assert.Equal(Answer.Text, answered.Text);
        Assert.Empty(_calls);

        await ApplyAsync(new AgentReply("抱歉。", 1.0, null, Handoff: true, "negative_sentiment"), "太差了", toolAnswer: "Created ticket T-6.", model);
        Assert.Single(_calls);
    }

    [Fact]
    public async Task When_the_tool_refuses_the_reply_does_not_promise_a_ticket()
    {
        var reply = await ApplyAsync(Answer, "少件", toolAnswer: "Error: there is no conversation in progress.");

        Assert.Equal("请申请售后。", reply.Text);
        Assert.Single(_calls);
    }

    [Fact]
    public void Bad_rules_are_named_at_start_up()
    {
        var bad = new TicketRuleOptions
        {
            Rules = [new TicketRule { Category = "售后", Urgency = "soon" }, new TicketRule { Intent = "a", HandoffReason = "b", Category = "" }],
        };

        var result = new TicketRuleOptionsValidator().Validate(null, bad);

        Assert.Equal(
            ["Tickets:Rules:0 must set exactly one of Intent and HandoffReason.",
             "Tickets:Rules:0:Urgency must be one of low, normal, high, urgent (was 'soon').",
             "Tickets:Rules:1 must set exactly one of Intent and HandoffReason.",
             "Tickets:Rules:1:Category must be 1 to 32 characters.",
             "Tickets:Messages:zh must be set.", "Tickets:Messages:en must be set."],
            result.Failures);
        Assert.True(new TicketRuleOptionsValidator().Validate(null, Options).Succeeded);
    }

    private Task<AgentReply> ApplyAsync(AgentReply reply, string text, string toolAnswer, IChatClient? model = null, string? questionAnswered = null)
    {
        var tool = AIFunctionFactory.Create((AIFunctionArguments arguments) =>
        {
            _calls.Add(new AIFunctionArguments(arguments));
            return toolAnswer;
        }, "create_ticket");
        var rules = new TicketRules([tool], new StaticOptionsMonitor<TicketRuleOptions>(Options), NullLogger<TicketRules>.Instance, model);
        var turn = new ConversationTurn(
            new Conversation("conv-1", "webchat", "c-1", ConversationStatus.Open, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
            new InboundMessage("webchat", "c-1", text));
        turn.Text = questionAnswered ?? text;
        return rules.ApplyAsync(turn, reply, CancellationToken.None);
    }

    // Only its presence matters: TicketRules never calls the model.
    private sealed class NoChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not called");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not called");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
