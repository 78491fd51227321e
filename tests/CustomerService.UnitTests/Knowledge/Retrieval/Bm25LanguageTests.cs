using CustomerService.Core.Knowledge.Retrieval;

namespace CustomerService.UnitTests.Knowledge.Retrieval;

public sealed class Bm25LanguageTests
{
    private static readonly Bm25Index Index = Bm25IndexCorpus.Passages;

    [Theory]
    [InlineData("怎么退货", "return.zh")]
    [InlineData("你好，请问如何退货呀？", "return.zh")]
    [InlineData("退款多久到账", "refund.zh")]
    [InlineData("会员积分怎么用", "points.zh")]
    [InlineData("运费多少", "shipping.zh")]
    [InlineData("ｆｏｒｇｏｔ ＰＡＳＳＷＯＲＤ", "faq.password")]
    [InlineData("忘记密码了", "faq.password")]
    public void Chinese_and_full_width_queries_find_their_passage(string query, string expected) =>
        Assert.Equal(expected, Index.Search(query, 3)[0].Id);

    [Theory]
    [InlineData("How long does a refund take?", "refund.en")]
    [InlineData("shipping cost for remote area", "shipping.en")]
    [InlineData("reset password", "faq.password")]
    public void English_queries_find_their_passage_through_stems(string query, string expected) =>
        Assert.Equal(expected, Index.Search(query, 3)[0].Id);

    [Fact]
    public void A_bigram_match_outranks_the_same_characters_apart()
    {
        // 退 and 货 occur in both passages; only return.zh has them together as 退货.
        var index = Bm25Index.Build(
        [
            new LexicalUnit("apart", ["退款审核通过，货物已经寄回仓库"]),
            new LexicalUnit("together", ["退货需要保持商品完好，包装齐全"]),
        ]);

        Assert.Equal("together", index.Search("退货", 2)[0].Id);
        Assert.Contains(Bm25Index.QueryTerms("退货"), t => t.Term == "退货");
    }

    [Fact]
    public void The_matched_question_of_an_faq_unit_is_reported()
    {
        var hit = Index.Search("忘记密码怎么办", 1)[0];

        Assert.Equal("faq.password", hit.Id);
        Assert.Equal(2, hit.TextIndex);
    }
}
