using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Agent;
using CustomerService.Core.Handoff;
using CustomerService.UnitTests.Conversations;

namespace CustomerService.UnitTests.Handoff;

public sealed class UnansweredTurnsPolicyTests
{
    private static UnansweredTurnsPolicy Policy(FakeConversationStore store, int limit = 2) => new(
        store,
        new StaticOptionsMonitor<HandoffOptions>(new HandoffOptions { UnansweredLimit = limit }),
        new StaticOptionsMonitor<AgentOptions>(new AgentOptions { AnswerThreshold = 0.8 }));

    [Fact]
    public async Task Two_unanswered_replies_in_a_row_hand_off()
    {
        var store = new FakeConversationStore()
            .Customer("你们卖汽车吗").Bot("抱歉，没太明白，您能换个说法吗？", null, 0.2)
            .Customer("汽车有没有").Bot("抱歉，没太明白，您能换个说法吗？", null, 0.3);

        var reply = await Policy(store).EvaluateAsync(store.Turn("汽车"), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.True(reply.Handoff);
        Assert.Equal("unanswered_turns", reply.HandoffReason);
        Assert.Equal(new HandoffOptions().UnansweredMessages["zh"], reply.Text);
    }

    [Fact]
    public async Task One_unanswered_reply_is_not_enough()
    {
        var store = new FakeConversationStore()
            .Customer("How do I return it?").Bot("Use the order page.", "return_how", 0.95)
            .Customer("Do you sell cars?").Bot("Sorry, could you rephrase?", null, 0.2);

        var reply = await Policy(store).EvaluateAsync(store.Turn("cars?"), CancellationToken.None);

        Assert.Null(reply);
    }

    [Fact]
    public async Task An_answered_reply_in_between_resets_the_count()
    {
        var store = new FakeConversationStore()
            .Customer("Do you sell cars?").Bot("Sorry, could you rephrase?", null, 0.2)
            .Customer("How do I return it?").Bot("Use the order page.", "return_how", 0.95)
            .Customer("And bikes?").Bot("Sorry, could you rephrase?", null, 0.1);

        var reply = await Policy(store).EvaluateAsync(store.Turn("bikes"), CancellationToken.None);

        Assert.Null(reply);
    }

    [Fact]
    public async Task The_reply_follows_the_customers_language()
    {
        var store = new FakeConversationStore()
            .Customer("Do you sell cars?").Bot("Sorry, could you rephrase?", null, 0.2)
            .Customer("Cars, do you have them").Bot("Sorry, could you rephrase?", null, 0.2);

        var reply = await Policy(store).EvaluateAsync(store.Turn("cars"), CancellationToken.None);

        Assert.Equal(new HandoffOptions().UnansweredMessages["en"], reply?.Text);
    }

    [Fact]
    public async Task A_hand_off_notice_from_a_policy_is_not_a_miss()
    {
        // Policies answer with confidence 1 and no intent (here: the customer asked for a person).
        var store = new FakeConversationStore()
            .Customer("人工").Bot("好的，正在为您转接人工客服，请稍候。", null, 1.0)
            .Customer("你们卖汽车吗").Bot("抱歉，没太明白。", null, 0.2);

        var reply = await Policy(store).EvaluateAsync(store.Turn("汽车"), CancellationToken.None);

        Assert.Null(reply);
    }

    [Fact]
    public async Task A_human_agents_message_ends_the_run()
    {
        var store = new FakeConversationStore()
            .Customer("你们卖汽车吗").Bot("抱歉，没太明白。", null, 0.2)
            .HumanAgent("您好，我来帮您看看。")
            .Customer("汽车").Bot("抱歉，没太明白。", null, 0.2);

        var reply = await Policy(store).EvaluateAsync(store.Turn("汽车呢"), CancellationToken.None);

        Assert.Null(reply);
    }

    [Fact]
    public async Task A_conversation_that_already_needs_a_person_is_left_alone()
    {
        // The responder's own low-confidence hand-offs look like misses; the next question should still be tried.
        var store = new FakeConversationStore()
            .Customer("你们卖汽车吗").Bot("抱歉，已为您转人工。", null, 0.2)
            .Customer("汽车有没有").Bot("抱歉，已为您转人工。", null, 0.2);

        Assert.Null(await Policy(store).EvaluateAsync(store.Turn("怎么退货", ConversationStatus.NeedsHuman), CancellationToken.None));
    }

    [Fact]
    public async Task The_limit_is_configurable()
    {
        var store = new FakeConversationStore()
            .Customer("a1").Bot("?", null, 0.2)
            .Customer("a2").Bot("?", null, 0.2);

        Assert.Null(await Policy(store, limit: 3).EvaluateAsync(store.Turn("a3"), CancellationToken.None));
        store.Bot("?", null, 0.2);
        Assert.Equal("unanswered_turns", (await Policy(store, limit: 3).EvaluateAsync(store.Turn("a4"), CancellationToken.None))?.HandoffReason);
    }

    [Fact]
    public async Task A_new_conversation_does_not_hand_off()
    {
        var store = new FakeConversationStore();

        Assert.Null(await Policy(store).EvaluateAsync(store.Turn("你好"), CancellationToken.None));
    }
}
