using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Agent;
using CustomerService.Core.Agent.IntentTickets;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerService.UnitTests.Conversations;

public sealed class IntentTicketResponderTests
{
    private static readonly IntentTicketOptions Options = new()
    {
        Rules = [new IntentTicketRule { Intent = "damaged_or_missing", Category = "售后", Urgency = "high" }],
        Messages = new(StringComparer.OrdinalIgnoreCase) { ["zh"] = "已为您创建工单。", ["en"] = "I've opened a ticket." },
    };

    private readonly List<AIFunctionArguments> _calls = [];

    [Fact]
    public async Task A_rule_intent_calls_create_ticket_with_the_rule_and_the_customer_words_and_says_so()
    {
        var reply = await RespondAsync("damaged_or_missing", "收到的货少了一件", toolAnswer: "Created ticket T-1 (category 售后, urgency High).");

        Assert.Equal("请申请售后。\n\n已为您创建工单。", reply.Text);
        var call = Assert.Single(_calls);
        Assert.Equal(("收到的货少了一件", "售后", "high"), ((string)call["question"]!, (string)call["category"]!, (string)call["urgency"]!));
    }

    [Fact]
    public async Task An_english_turn_gets_the_english_line()
    {
        var reply = await RespondAsync("damaged_or_missing", "my parcel is missing an item", toolAnswer: "Created ticket T-2 (category 售后, urgency High).");

        Assert.EndsWith("I've opened a ticket.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_intents_open_nothing()
    {
        var reply = await RespondAsync("return_how", "怎么退货", toolAnswer: "Created ticket T-3.");

        Assert.Equal("请申请售后。", reply.Text);
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task When_the_tool_refuses_the_answer_does_not_promise_a_ticket()
    {
        var reply = await RespondAsync("damaged_or_missing", "少件", toolAnswer: "Error: there is no conversation in progress.");

        Assert.Equal("请申请售后。", reply.Text);
        Assert.Single(_calls);
    }

    [Fact]
    public void Bad_rules_are_named_at_start_up()
    {
        var bad = new IntentTicketOptions { Rules = [new IntentTicketRule { Intent = "", Category = "售后", Urgency = "soon" }] };

        var result = new IntentTicketOptionsValidator().Validate(null, bad);

        Assert.Equal(
            ["IntentTickets:Rules:0:Intent must be set.", "IntentTickets:Rules:0:Urgency must be one of low, normal, high, urgent (was 'soon').",
             "IntentTickets:Messages:zh must be set.", "IntentTickets:Messages:en must be set."],
            result.Failures);
        Assert.True(new IntentTicketOptionsValidator().Validate(null, Options).Succeeded);
    }

    private Task<AgentReply> RespondAsync(string intent, string text, string toolAnswer)
    {
        var tool = AIFunctionFactory.Create((AIFunctionArguments arguments) =>
        {
            _calls.Add(new AIFunctionArguments(arguments));
            return toolAnswer;
        }, "create_ticket");
        var responder = new IntentTicketResponder(new FixedReply(intent), [tool], new StaticOptionsMonitor<IntentTicketOptions>(Options),
            NullLogger<IntentTicketResponder>.Instance);
        var turn = new ConversationTurn(
            new Conversation("conv-1", "webchat", "c-1", ConversationStatus.Open, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
            new InboundMessage("webchat", "c-1", text));
        return responder.RespondAsync(turn, CancellationToken.None);
    }

    private sealed class FixedReply(string intent) : IResponder
    {
        public Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken) =>
            Task.FromResult(new AgentReply("请申请售后。", 0.9, intent, Handoff: false));
    }
}
