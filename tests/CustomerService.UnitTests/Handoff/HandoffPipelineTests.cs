using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Customers;
using CustomerService.Core.Agent;
using CustomerService.Core.BusinessHours;
using CustomerService.Core.Conversations;
using CustomerService.Core.Customers;
using CustomerService.Core.Handoff;
using CustomerService.Core.Tickets;
using CustomerService.UnitTests.Conversations;
using CustomerService.UnitTests.Customers;
using CustomerService.UnitTests.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerService.UnitTests.Handoff;

/// <summary>The triggers inside the real pipeline: the transcript it writes is the one they read.</summary>
public sealed class HandoffPipelineTests
{
    private readonly FakeConversationStore _store = new();
    private readonly RecordingEventBus _bus = new();

    private ConversationPipeline Pipeline(AgentReply answer)
    {
        var handoff = new StaticOptionsMonitor<HandoffOptions>(new HandoffOptions());
        IConversationPolicy[] policies =
        [
            new NegativeSentimentPolicy(handoff),
            new RepeatedQuestionPolicy(_store, handoff),
            new UnansweredTurnsPolicy(_store, handoff, new StaticOptionsMonitor<AgentOptions>(new AgentOptions())),
        ];
        return new ConversationPipeline(_store, new OneIdResolver(new CountingCustomerDirectory()), policies, new FixedResponder(answer), AlwaysOpen,
            new TicketRules([], new StaticOptionsMonitor<TicketRuleOptions>(new TicketRuleOptions()), NullLogger<TicketRules>.Instance), _bus, new ConversationContextAccessor(), new RecentMessages(),
            TimeProvider.System, NullLogger<ConversationPipeline>.Instance);
    }

    // No channel has business hours: every hand-off goes through.
    internal static readonly AfterHoursHandoff AlwaysOpen = new(
        new BusinessCalendar(new StaticOptionsMonitor<BusinessHoursOptions>(new BusinessHoursOptions()), TimeProvider.System), new InMemoryState(),
        new StaticOptionsMonitor<BusinessHoursOptions>(new BusinessHoursOptions()), TimeProvider.System, NullLogger<AfterHoursHandoff>.Instance,
        new StaticOptionsMonitor<TicketRuleOptions>(new TicketRuleOptions()));

    private static Task<TurnResult> SendAsync(ConversationPipeline pipeline, string text) =>
        pipeline.HandleAsync(new InboundMessage("webchat", "c-1", text), CancellationToken.None);

    [Fact]
    public async Task The_third_asking_hands_off_once()
    {
        var pipeline = Pipeline(new AgentReply("在订单页申请退货。", 0.95, "return_how", Handoff: false));

        Assert.False((await SendAsync(pipeline, "怎么退货")).Reply.Handoff);
        Assert.False((await SendAsync(pipeline, "怎么退货？")).Reply.Handoff);
        var third = await SendAsync(pipeline, "怎么退货呢");
        await SendAsync(pipeline, "怎么退货");

        Assert.Equal("repeated_question", third.Reply.HandoffReason);
        Assert.Equal(ConversationStatus.NeedsHuman, _store.Conversation.Status);
        Assert.Equal("repeated_question", Assert.Single(_bus.Of<HandoffRequested>()).Reason);
    }

    [Fact]
    public async Task Two_misses_hand_off_the_third_turn()
    {
        // A responder that misses without handing off itself (a clarifying question).
        var pipeline = Pipeline(new AgentReply("您能换个说法吗？", 0.2, MatchedIntent: null, Handoff: false));

        await SendAsync(pipeline, "你们卖汽车吗");
        await SendAsync(pipeline, "有没有汽车");
        var third = await SendAsync(pipeline, "汽车");

        Assert.Equal("unanswered_turns", third.Reply.HandoffReason);
        Assert.Equal("unanswered_turns", Assert.Single(_bus.Of<HandoffRequested>()).Reason);
    }

    [Fact]
    public async Task An_angry_message_hands_off_before_the_responder()
    {
        var pipeline = Pipeline(new AgentReply("在订单页申请退货。", 0.95, "return_how", Handoff: false));

        var reply = (await SendAsync(pipeline, "垃圾服务，我要投诉！")).Reply;

        Assert.Equal("negative_sentiment", reply.HandoffReason);
        Assert.Equal(new HandoffOptions().SentimentMessages["zh"], reply.Text);
    }

    private sealed class FixedResponder(AgentReply reply) : IResponder
    {
        public Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken) => Task.FromResult(reply);
    }
}
