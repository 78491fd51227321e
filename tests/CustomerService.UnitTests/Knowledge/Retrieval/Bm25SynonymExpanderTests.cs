using CustomerService.Core.Knowledge.Retrieval;

namespace CustomerService.UnitTests.Knowledge.Retrieval;

public sealed class Bm25SynonymExpanderTests
{
    private static readonly SynonymExpander Synonyms = new([["发票申请", "开票流程"], ["app", "application"]]);

    [Fact]
    public void A_synonym_phrase_makes_the_passage_that_uses_the_other_wording_rank_first()
    {
        var index = Bm25IndexCorpus.Passages;

        var plain = index.Search("发票申请怎么弄", 3);
        var expanded = index.Search("发票申请怎么弄", 3, synonyms: Synonyms);

        // Without synonyms 申请 pulls the after-sales passage up; with them 开票/流程 reach the invoicing passage.
        Assert.NotEqual("invoice.zh", plain[0].Id);
        Assert.Equal("invoice.zh", expanded[0].Id);
        Assert.True(expanded[0].Score > plain.Where(h => h.Id == "invoice.zh").Select(h => h.Score).DefaultIfEmpty(0).Single());
    }

    [Fact]
    public void Synonym_terms_join_at_a_lower_weight_and_shared_terms_keep_full_weight()
    {
        var terms = Bm25Index.QueryTerms("发票申请怎么弄", Synonyms).ToDictionary(t => t.Term, t => t.Weight);

        Assert.Equal(1.0, terms["发票"]);
        Assert.Equal(1.0, terms["票"]);                          // in both phrases: the query's own weight wins
        Assert.Equal(SynonymExpander.SynonymWeight, terms["开票"]);
        Assert.Equal(SynonymExpander.SynonymWeight, terms["流程"]);
        Assert.Equal(0.8, SynonymExpander.SynonymWeight);
    }

    [Fact]
    public void A_query_without_any_phrase_is_not_expanded() =>
        Assert.Equal(Bm25Index.QueryTerms("退货流程"), Bm25Index.QueryTerms("退货流程", Synonyms));

    [Theory]
    [InlineData("the APP crashes", true)]
    [InlineData("ａｐｐ crashes", true)]
    [InlineData("my apple arrived", false)]
    [InlineData("happy", false)]
    public void Latin_phrases_match_whole_words_after_normalisation(string query, bool expanded) =>
        Assert.Equal(expanded, Bm25Index.QueryTerms(query, Synonyms).Any(t => t.Term == "application"));

    [Fact]
    public void Groups_without_two_usable_phrases_are_ignored()
    {
        var synonyms = new SynonymExpander([["发票"], ["谢谢", "退款"], ["退款", "退款"], ["退货", "return"]]);

        Assert.Equal(1, synonyms.GroupCount);
    }

    [Fact]
    public void An_empty_query_stays_empty() => Assert.Empty(Synonyms.Expand("？？"));
}
