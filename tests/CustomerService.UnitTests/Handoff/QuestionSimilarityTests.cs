using CustomerService.Core.Handoff;

namespace CustomerService.UnitTests.Handoff;

public sealed class QuestionSimilarityTests
{
    [Theory]
    [InlineData("怎么退货？", "怎么退货")]
    [InlineData("可以退货吗", "可以退货")]
    [InlineData("ＨＯＷ do I return it?!", "howdoireturnit")]
    [InlineData("怎么 退货 呢？？", "怎么退货")]
    public void Normalising_folds_width_case_spaces_punctuation_and_final_particles(string text, string expected) =>
        Assert.Equal(expected, QuestionSimilarity.Normalise(text));

    [Fact]
    public void What_and_how_keep_their_last_character() => Assert.Equal("这是什么", QuestionSimilarity.Normalise("这是什么？"));

    [Fact]
    public void Jaccard_of_bigram_sets()
    {
        // {我想,想退,退货,货怎,怎么,么办} and {我想,想退,退货,货怎,怎么,么弄}: 5 shared of 7.
        Assert.Equal(5.0 / 7, QuestionSimilarity.Similarity("我想退货怎么办", "我想退货怎么弄"), precision: 10);
        Assert.Equal(1.0, QuestionSimilarity.Similarity("abc", "abc"));
        Assert.Equal(0.0, QuestionSimilarity.Similarity("ab", "cd"));
    }

    [Theory]
    [InlineData("我想申请退货应该怎么操作", "请问我想申请退货应该怎么操作呢？", true)]
    [InlineData("how long does a refund take", "how long does delivery take", false)]
    [InlineData("How long does a refund take?", "so how long does a refund take", true)]
    [InlineData("怎么退货", "运费多少钱", false)]
    [InlineData("a", "b", false)]
    [InlineData("a", "a", true)]
    public void Same_means_at_least_the_threshold(string a, string b, bool same) =>
        Assert.Equal(same, QuestionSimilarity.Same(QuestionSimilarity.Normalise(a), QuestionSimilarity.Normalise(b), 0.8));
}
