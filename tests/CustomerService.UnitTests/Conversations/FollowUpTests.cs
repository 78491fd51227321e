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
        new("return_how.zh", "return_how", ["怎么退货", "退货流程"], "在订单页申请退货，仓库验收后为您办理退款。"),
        new("refund_time.zh", "refund_time", ["退款多久到账", "退款几天到"], "验收后48小时内完成退款。"),
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
        var store = new FakeConversationStore().Customer("运费多少").Bot(Answer("shipping_fee.zh"), "shipping_fee", 0.95);

        var reply = await (await ResponderAsync(store)).RespondAsync(store.Turn("那新疆呢"), CancellationToken.None);

        Assert.Equal("shipping_fee", reply.MatchedIntent);
        Assert.Contains("新疆、西藏地区运费为¥20", reply.Text, StringComparison.Ordinal);
        Assert.False(reply.Handoff);
    }

    [Fact]
    public async Task A_detail_the_topics_answer_holds_stays_with_the_topic_though_another_entry_has_a_question_on_it()
    {
        // One delivery question in three names 新疆: the delivery entry is not about 新疆, the fee answer speaks of it.
        FaqEntry[] shop = [.. Shop.Select(e => e.Intent == "delivery_area" ? e with { Questions = [.. e.Questions, "新疆西藏能发吗"] } : e)];
        var store = new FakeConversationStore().Customer("运费多少").Bot(Answer("shipping_fee.zh"), "shipping_fee", 0.95);
        var responder = await ResponderAndPolicyTests.ResponderAsync(0.8, conversations: store, knowledge: shop);

        var reply = await responder.RespondAsync(store.Turn("那新疆呢"), CancellationToken.None);

        Assert.Equal("shipping_fee", reply.MatchedIntent);
        Assert.Equal("shipping_fee.zh", Assert.Single(reply.Citations).Id);
    }

    [Fact]
    public async Task A_new_subject_is_answered_by_its_entry_nearest_the_topic()
    {
        // Both points entries are about 积分; the one on earning speaks of member levels, as the membership answer does.
        FaqEntry[] shop = [.. Shop.Select(e => e.Intent == "points_rules" ? e with { Answer = "每实付¥1获得1积分，会员按等级加倍，银卡起积分加倍。" } : e)];
        var store = new FakeConversationStore().Customer("会员有什么好处").Bot(Answer("member_level.zh"), "member_level", 0.95);
        var responder = await ResponderAndPolicyTests.ResponderAsync(0.8, conversations: store, knowledge: shop);

        var reply = await responder.RespondAsync(store.Turn("那积分呢"), CancellationToken.None);

        Assert.Equal("points_rules", reply.MatchedIntent);
        Assert.Equal("points_rules.zh", Assert.Single(reply.Citations).Id);
        Assert.False(reply.Handoff);
    }

    [Fact]
    public async Task The_topic_is_the_cited_entry_not_whatever_came_with_its_answer()
    {
        // A welcome before the answer says nothing of membership; the cited entry does.
        FaqEntry[] shop = [.. Shop.Select(e => e.Intent == "points_rules" ? e with { Answer = "每实付¥1获得1积分，会员按等级加倍，银卡起积分加倍。" } : e)];
        var store = new FakeConversationStore().Customer("会员有什么好处").Bot("您好，欢迎光临！", "member_level", 0.95, "member_level.zh");
        var responder = await ResponderAndPolicyTests.ResponderAsync(0.8, conversations: store, knowledge: shop);

        var reply = await responder.RespondAsync(store.Turn("那积分呢"), CancellationToken.None);

        Assert.Equal("points_rules", reply.MatchedIntent);
    }

    [Fact]
    public async Task A_new_subject_near_none_of_its_entries_is_offered_by_them_not_answered_with_the_old_topic()
    {
        var store = new FakeConversationStore().Customer("运费多少").Bot(Answer("shipping_fee.zh"), "shipping_fee", 0.95);

        var reply = await (await ResponderAsync(store)).RespondAsync(store.Turn("那积分呢"), CancellationToken.None);

        Assert.Null(reply.MatchedIntent);
        Assert.Contains("积分怎么获得", reply.Text, StringComparison.Ordinal);
        Assert.Contains("积分怎么用", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("运费多少", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("退款要多久", "退款")]
    [InlineData("积分", "积分")]
    [InlineData("how long for the refund", "refund")]
    public void The_subject_of_a_remainder_leaves_out_what_it_asks(string remainder, string subject)
    {
        Assert.Equal(Core.Knowledge.Matching.TextAnalyzer.Terms(subject).ToHashSet(), FollowUpReading.SubjectTerms(remainder));
    }

    [Fact]
    public void An_entry_is_about_a_subject_half_of_its_questions_name()
    {
        var subject = FollowUpReading.SubjectTerms("新疆");
        FaqEntry entry = new("d", "d", ["配送范围有哪些", "新疆西藏能发吗"], "…");

        Assert.True(FollowUpReading.IsAbout(entry, subject));
        Assert.False(FollowUpReading.IsAbout(entry with { Questions = [.. entry.Questions, "能送到哪"] }, subject));
        Assert.False(FollowUpReading.IsAbout(entry, []));
    }

    [Fact]
    public void Relatedness_leaves_out_the_subject_both_answers_name()
    {
        var subject = FollowUpReading.SubjectTerms("积分");

        Assert.Equal(0, FollowUpReading.Relatedness("积分加倍", "积分抵现", subject));
        Assert.True(FollowUpReading.Relatedness("会员等级越高积分越多", "会员等级加赠积分", subject)
            > FollowUpReading.Relatedness("会员等级越高积分越多", "积分抵现", subject));
    }

    [Fact]
    public async Task A_follow_up_on_a_subject_one_entry_is_about_is_answered_by_it()
    {
        // 退款要多久 is about 退款 (what it asks, 要多久, aside), and only the refund entry is.
        var store = new FakeConversationStore().Customer("怎么退货").Bot(Answer("return_how.zh"), "return_how", 0.97);

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

    private static string Answer(string id) => Shop.Single(e => e.Id == id).Answer;

    private static Task<ExtractiveResponder> ResponderAsync(FakeConversationStore store) =>
        ResponderAndPolicyTests.ResponderAsync(0.8, conversations: store, knowledge: Shop);
}
