using CustomerService.Core.Handoff;
using CustomerService.UnitTests.Conversations;

namespace CustomerService.UnitTests.Handoff;

public sealed class RepeatedQuestionPolicyTests
{
    private static RepeatedQuestionPolicy Policy(FakeConversationStore store, HandoffOptions? options = null) =>
        new(store, new StaticOptionsMonitor<HandoffOptions>(options ?? new HandoffOptions()));

    [Fact]
    public async Task A_question_asked_twice_does_not_hand_off()
    {
        var store = new FakeConversationStore().Customer("怎么退货").Bot("在订单页申请退货。", "return_how", 0.9);

        var reply = await Policy(store).EvaluateAsync(store.Turn("怎么退货"), CancellationToken.None);

        Assert.Null(reply);
    }

    [Fact]
    public async Task The_third_time_hands_off_with_the_repeat_reply()
    {
        var store = new FakeConversationStore()
            .Customer("怎么退货").Bot("在订单页申请退货。", "return_how", 0.9)
            .Customer("怎么退货").Bot("在订单页申请退货。", "return_how", 0.9);

        var reply = await Policy(store).EvaluateAsync(store.Turn("怎么退货"), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.True(reply.Handoff);
        Assert.Equal("repeated_question", reply.HandoffReason);
        Assert.Equal(new HandoffOptions().RepeatedMessages["zh"], reply.Text);
        Assert.Null(reply.MatchedIntent);
    }

    [Fact]
    public async Task Near_duplicates_count_and_the_reply_follows_the_customers_language()
    {
        var store = new FakeConversationStore()
            .Customer("How do I return an item?").Bot("Use the order page.", "return_how", 0.9)
            .Customer("how do I return an item").Bot("Use the order page.", "return_how", 0.9);

        var reply = await Policy(store).EvaluateAsync(store.Turn("So how do I return an item??"), CancellationToken.None);

        Assert.Equal("repeated_question", reply?.HandoffReason);
        Assert.Equal(new HandoffOptions().RepeatedMessages["en"], reply?.Text);
    }

    [Fact]
    public async Task An_extra_particle_or_punctuation_is_the_same_question()
    {
        var store = new FakeConversationStore().Customer("可以退货").Customer("可以退货？");

        var reply = await Policy(store).EvaluateAsync(store.Turn("可以退货吗！"), CancellationToken.None);

        Assert.Equal("repeated_question", reply?.HandoffReason);
    }

    [Fact]
    public async Task Different_questions_do_not_count()
    {
        var store = new FakeConversationStore().Customer("怎么退货").Customer("运费多少钱").Customer("发票怎么开");

        var reply = await Policy(store).EvaluateAsync(store.Turn("怎么退货"), CancellationToken.None);

        Assert.Null(reply);
    }

    [Fact]
    public async Task Bot_replies_that_repeat_the_question_do_not_count()
    {
        var store = new FakeConversationStore().Customer("怎么退货").Bot("怎么退货", null, 0.3);

        var reply = await Policy(store).EvaluateAsync(store.Turn("怎么退货"), CancellationToken.None);

        Assert.Null(reply);
    }

    [Theory]
    [InlineData("好的")]
    [InlineData("ok")]
    [InlineData("2")]
    public async Task Acknowledgements_and_suggestion_picks_are_not_questions(string text)
    {
        var store = new FakeConversationStore().Customer(text).Customer(text).Customer(text);

        var reply = await Policy(store).EvaluateAsync(store.Turn(text), CancellationToken.None);

        Assert.Null(reply);
    }

    [Fact]
    public async Task The_limit_is_configurable()
    {
        var store = new FakeConversationStore().Customer("怎么退货");

        var reply = await Policy(store, new HandoffOptions { RepeatLimit = 2 }).EvaluateAsync(store.Turn("怎么退货"), CancellationToken.None);

        Assert.Equal("repeated_question", reply?.HandoffReason);
    }
}
