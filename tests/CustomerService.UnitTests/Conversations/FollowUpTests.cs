using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Agent;
using CustomerService.Core.Agent.FollowUps;
using CustomerService.UnitTests.Handoff;

namespace CustomerService.UnitTests.Conversations;

public sealed class FollowUpTests
{
    private static readonly FaqEntry[] Shop =
    [
        new("shipping_fee.zh", "shipping_fee", ["运费多少", "运费怎么收"], "满¥99包邮，不满收¥8；新疆、西藏地区运费为¥20。"),
        new("delivery_area.zh", "delivery_area", ["配送范围有哪些", "哪些地方能送到"], "全国大陆地区均可配送。"),
        new("member_level.zh", "member_level", ["会员有什么好处", "会员等级怎么划分"], "会员按年消费分级，银卡起积分加倍。"),
        new("points_rules.zh", "points_rules", ["积分怎么获得", "积分规则是什么"], "每实付¥1获得1积分。"),
        new("points_use.zh", "points_use", ["积分怎么用", "积分能抵扣吗"], "100积分抵¥1。"),
        new("return_how.zh", "return_how", ["怎么退货", "退货流程"], "在订单页申请退货。"),
        new("refund_time.zh", "refund_time", ["退款多久到账", "退款要多久"], "验收后48小时内完成退款。"),
    ];

    [Theory]
    [InlineData("那新疆呢", "新疆")]
    [InlineData("那么积分呢？", "积分")]
    [InlineData("what about points?", "points")]
    [InlineData("And the fee", "the fee")]
    [InlineData("新疆", null)]
    [InlineData("android phones", null)]
    [InlineData("那我上周买的那件衣服怎么现在还没有发货呢", null)]
    public void A_follow_up_is_known_by_its_form_and_length(string text, string? remainder)
    {
        Assert.Equal(remainder, FollowUpDetector.Remainder(text, new FollowUpOptions()));
    }

    [Fact]
    public async Task A_detail_of_the_topic_is_answered_from_the_topics_entry()
    {
        var store = new FakeConversationStore().Customer("运费多少").Bot("满¥99包邮…", "shipping_fee", 0.95);

        var reply = await (await ResponderAsync(store)).RespondAsync(store.Turn("那新疆呢"), CancellationToken.None);

        Assert.Equal("shipping_fee", reply.MatchedIntent);
        Assert.Contains("新疆、西藏地区运费为¥20", reply.Text, StringComparison.Ordinal);
        Assert.False(reply.Handoff);
    }

    [Fact]
    public async Task A_new_subject_is_not_answered_with_the_old_topic_but_offered_by_its_own_entries()
    {
        var store = new FakeConversationStore().Customer("会员有什么好处").Bot("会员按年消费分级…", "member_level", 0.95);

        var reply = await (await ResponderAsync(store)).RespondAsync(store.Turn("那积分呢"), CancellationToken.None);

        Assert.NotEqual("member_level", reply.MatchedIntent);
        Assert.Contains("积分怎么获得", reply.Text, StringComparison.Ordinal);
        Assert.Contains("积分怎么用", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_detail_another_entry_asks_about_is_offered_with_the_topic_first()
    {
        // 新疆 is also a delivery question here: shipping fee or delivery area? Both are offered, the topic first.
        FaqEntry[] shop = [.. Shop.Select(e => e.Intent == "delivery_area" ? e with { Questions = [.. e.Questions, "新疆西藏能发吗"] } : e)];
        var store = new FakeConversationStore().Customer("运费多少").Bot("满¥99包邮…", "shipping_fee", 0.95);
        var responder = await ResponderAndPolicyTests.ResponderAsync(0.8, conversations: store, knowledge: shop);

        var reply = await responder.RespondAsync(store.Turn("那新疆呢"), CancellationToken.None);

        Assert.Null(reply.MatchedIntent);
        Assert.Contains("1. 运费多少", reply.Text, StringComparison.Ordinal);
        Assert.Contains("配送范围有哪些", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_that_is_a_question_of_its_own_is_answered_as_one()
    {
        var store = new FakeConversationStore().Customer("怎么退货").Bot("在订单页申请退货。", "return_how", 0.97);

        var reply = await (await ResponderAsync(store)).RespondAsync(store.Turn("那退款要多久"), CancellationToken.None);

        Assert.Equal("refund_time", reply.MatchedIntent);
    }

    [Fact]
    public async Task Without_an_answered_topic_a_follow_up_is_judged_on_its_own()
    {
        var store = new FakeConversationStore().Customer("你好").Bot("您好，请问有什么可以帮您？", null, 0);

        var reply = await (await ResponderAsync(store)).RespondAsync(store.Turn("那新疆呢"), CancellationToken.None);

        Assert.NotEqual("shipping_fee", reply.MatchedIntent);
    }

    private static Task<ExtractiveResponder> ResponderAsync(FakeConversationStore store) =>
        ResponderAndPolicyTests.ResponderAsync(0.8, conversations: store, knowledge: Shop);
}
