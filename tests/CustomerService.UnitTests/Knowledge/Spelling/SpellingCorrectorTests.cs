using CustomerService.Core.Knowledge.Matching.Spelling;

namespace CustomerService.UnitTests.Knowledge.Spelling;

public sealed class SpellingCorrectorTests
{
    private static readonly SpellingCorrector Corrector = SpellingCorrector.Build(
    [
        "怎么申请退货？", "退款多久到账", "怎么开发票？", "发票抬头怎么修改", "优惠券怎么用？", "优惠活动有哪些", "会员费多少钱", "会员费怎么交",
        "How do I return an item?", "I forgot my password", "How much is shipping?", "returns are free", "Can I pay by card?",
    ]);

    [Theory]
    [InlineData("怎么退伙", "怎么退货")]          // huo, the same syllable; one side is enough
    [InlineData("怎么开发漂", "怎么开发票")]      // piao
    [InlineData("怎么退伙呢", "怎么退货呢")]      // a particle neighbour neither confirms nor blocks
    [InlineData("优惠卷怎么用", "优惠券怎么用")]  // juan/quan share the rhyme, and 惠券 and 券怎 both confirm it
    public void A_chinese_character_read_alike_becomes_the_one_the_knowledge_base_uses(string typed, string corrected)
    {
        Assert.Equal(corrected, Corrector.Correct(typed));
    }

    [Theory]
    [InlineData("优惠卷")]          // the same rhyme with one confirming side is too weak
    [InlineData("会员卡怎么交")]    // 员卡/卡怎 unknown, but ka and fei neither share a syllable nor a rhyme
    [InlineData("退款多久到账")]    // every bigram known
    [InlineData("买的裤子不合适")]  // words the knowledge base lacks, with nothing read alike to put in their place
    public void Text_with_no_misspelling_it_can_confirm_is_returned_as_it_was(string text)
    {
        Assert.Same(text, Corrector.Correct(text));
    }

    [Theory]
    [InlineData("how do I retrun an item", "how do i return an item")]  // a transposition
    [InlineData("I forgot my pasword", "i forgot my password")]         // a dropped letter
    public void An_english_word_the_knowledge_base_never_uses_becomes_its_nearest_word(string typed, string corrected)
    {
        Assert.Equal(corrected, Corrector.Correct(typed));
    }

    [Theory]
    [InlineData("can I pay by cart")]               // short words have too many real neighbours
    [InlineData("how do returning items work")]     // an inflection of a known word
    [InlineData("How much is shiping?")]            // its stem is a known word's: "ship", as "shipping" stems, so it matches as typed
    [InlineData("retrun2026 parcel")]               // letters glued to digits are an identifier; "parcel" has no word within one edit
    public void Short_words_inflections_and_identifiers_are_left_alone(string text)
    {
        Assert.Same(text, Corrector.Correct(text));
    }

    [Fact]
    public void Only_the_first_unknown_words_of_a_long_message_are_looked_up()
    {
        var filler = string.Join(' ', Enumerable.Repeat("zzzzz", SpellingCorrector.MaxWordsLookedUp));

        Assert.Equal("retrun", Corrector.Correct(filler + " retrun").Split(' ')[^1]);
        Assert.Equal("return", Corrector.Correct("retrun " + filler).Split(' ')[0]);
    }

    [Fact]
    public void An_empty_knowledge_base_corrects_nothing()
    {
        Assert.Same("怎么退伙", SpellingCorrector.Empty.Correct("怎么退伙"));
    }
}
