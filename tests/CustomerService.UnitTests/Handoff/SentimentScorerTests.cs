using CustomerService.Core.Handoff;

namespace CustomerService.UnitTests.Handoff;

public sealed class SentimentScorerTests
{
    private static readonly SentimentScorer Scorer = new(new Dictionary<string, double>());

    [Theory]
    [InlineData("你们的服务太差了！")]
    [InlineData("垃圾客服，骗子")]
    [InlineData("气死我了，给我退钱")]
    [InlineData("我要投诉你们，差评！")]
    [InlineData("This is the worst service ever")]
    [InlineData("You guys are a scam!!")]
    [InlineData("so useless, I'm really angry")]
    [InlineData("Terrible and ridiculous")]
    public void Clearly_upset_messages_score_below_the_default_threshold(string text) =>
        Assert.InRange(Scorer.Score(text), -1, -0.6 - 1e-9);

    [Theory]
    [InlineData("怎么退货？")]
    [InlineData("运费多少钱")]
    [InlineData("How long do refunds take?")]
    [InlineData("Can I change my delivery address")]
    [InlineData("不好意思，差价怎么算")]
    [InlineData("我出差了，差不多下周回来")]
    public void Ordinary_questions_score_zero(string text) => Assert.Equal(0, Scorer.Score(text));

    [Theory]
    [InlineData("不差")]
    [InlineData("质量不差")]
    [InlineData("not bad")]
    [InlineData("It's not that bad")]
    [InlineData("没有差评")]
    public void A_negated_negative_word_is_not_negative(string text) => Assert.InRange(Scorer.Score(text), 0.01, 1);

    [Theory]
    [InlineData("不满意")]
    [InlineData("不太好")]
    [InlineData("not good")]
    [InlineData("I'm not happy")]
    [InlineData("that wasn’t helpful")]
    public void A_negated_positive_word_is_negative(string text) => Assert.InRange(Scorer.Score(text), -1, -0.01);

    [Fact]
    public void Intensifiers_and_exclamation_marks_strengthen()
    {
        Assert.True(Scorer.Score("太差") < Scorer.Score("差"));
        Assert.True(Scorer.Score("very bad") < Scorer.Score("bad"));
        Assert.True(Scorer.Score("bad!!!") < Scorer.Score("bad"));
        Assert.Equal(Scorer.Score("bad!!!"), Scorer.Score("bad!!!!!!"));
    }

    [Fact]
    public void A_negation_does_not_reach_across_a_clause()
    {
        Assert.True(Scorer.Score("not sure why, this is terrible") < -0.6);
        Assert.True(Scorer.Score("没收到货，太差了") < -0.6);
    }

    [Fact]
    public void Praise_is_positive() => Assert.True(Scorer.Score("谢谢，非常满意") > 0.5);

    [Fact]
    public void Configured_words_add_to_and_switch_off_built_in_ones()
    {
        var scorer = new SentimentScorer(new Dictionary<string, double> { ["黑心商家"] = -1, ["rip-off merchant"] = -1, ["投诉"] = 0 });

        Assert.True(scorer.Score("黑心商家") < -0.6);
        Assert.True(scorer.Score("a rip off merchant") < -0.6);
        Assert.Equal(0, scorer.Score("怎么投诉"));
        Assert.True(Scorer.Score("怎么投诉") < -0.6);
    }

    [Fact]
    public void Full_width_and_upper_case_are_folded() => Assert.Equal(Scorer.Score("scam!"), Scorer.Score("ＳＣＡＭ！"));
}
