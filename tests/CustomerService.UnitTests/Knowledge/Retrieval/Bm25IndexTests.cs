using CustomerService.Core.Knowledge.Retrieval;

namespace CustomerService.UnitTests.Knowledge.Retrieval;

public sealed class Bm25IndexTests
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    // Three one-text units whose terms are known exactly (asserted below), so scores can be computed by hand.
    private static readonly Bm25Index Small = Bm25Index.Build(
    [
        new LexicalUnit("ship", ["shipping"]),
        new LexicalUnit("ship-cost", ["shipping costs"]),
        new LexicalUnit("refund", ["refund"]),
    ]);

    private static double Idf(int documents, int frequency) => Math.Log(1 + (documents - frequency + 0.5) / (frequency + 0.5));

    private static double Term(double idf, int tf, int length, double averageLength, double b = B) =>
        idf * tf * (K1 + 1) / (tf + K1 * (1 - b + b * length / averageLength));

    [Fact]
    public void The_analyzer_gives_the_terms_the_hand_computations_assume()
    {
        // The light stemmer cuts "shipping" to "ship" (a doubled consonant is undone); what matters is one term per word plus the word bigram.
        Assert.Equal(["ship"], Bm25Index.QueryTerms("shipping").Select(t => t.Term));
        Assert.Equal(["ship", "cost", "ship_cost"], Bm25Index.QueryTerms("shipping costs").Select(t => t.Term));
        Assert.Equal(["ship", "refund", "ship_refund"], Bm25Index.QueryTerms("shipping refund").Select(t => t.Term));
        Assert.All(Bm25Index.QueryTerms("shipping refund"), t => Assert.Equal(1.0, t.Weight));
    }

    [Fact]
    public void Scores_match_the_bm25_formula()
    {
        // Texts of 1, 3 and 1 terms: avgdl 5/3; "shipping" is in 2 of 3 texts, "refund" in 1.
        const double averageLength = 5.0 / 3;
        var hits = Small.Search("shipping refund", 10);

        Assert.Equal(["refund", "ship", "ship-cost"], hits.Select(h => h.Id));
        Assert.Equal(Term(Idf(3, 1), 1, 1, averageLength), hits[0].Score, precision: 2) /* factors are stored at half precision: three significant digits */;
        Assert.Equal(Term(Idf(3, 2), 1, 1, averageLength), hits[1].Score, precision: 2) /* factors are stored at half precision: three significant digits */;
        Assert.Equal(Term(Idf(3, 2), 1, 3, averageLength), hits[2].Score, precision: 2) /* factors are stored at half precision: three significant digits */;
    }

    [Fact]
    public void A_rare_term_outweighs_a_common_one()
    {
        var hits = Small.Search("shipping refund", 10);

        Assert.True(hits[0].Score > hits[1].Score, $"{hits[0]} vs {hits[1]}");
        Assert.True(Idf(3, 1) > Idf(3, 2));
    }

    [Fact]
    public void A_term_in_every_text_still_scores_above_zero()
    {
        var index = Bm25Index.Build([new LexicalUnit("a", ["refund"]), new LexicalUnit("b", ["refund"])]);

        Assert.All(index.Search("refund", 5), hit => Assert.True(hit.Score > 0));
    }

    [Fact]
    public void Longer_texts_are_normalised_down_unless_b_is_zero()
    {
        var normalised = Small.Search("shipping", 10);
        var flat = Bm25Index.Build([new LexicalUnit("ship", ["shipping"]), new LexicalUnit("ship-cost", ["shipping costs"])], new Bm25Options(B: 0))
            .Search("shipping", 10);

        Assert.Equal(["ship", "ship-cost"], normalised.Select(h => h.Id));
        Assert.True(normalised[0].Score > normalised[1].Score);
        Assert.Equal(flat[0].Score, flat[1].Score, precision: 6);
        Assert.Equal(Term(Idf(2, 2), 1, 3, 2, b: 0), flat[1].Score, precision: 5);
    }

    [Fact]
    public void A_unit_appears_once_with_the_index_of_its_best_text()
    {
        var index = Bm25Index.Build(
        [
            new LexicalUnit("faq.refund", ["how do I pay", "refund policy", "refund money back"]),
            new LexicalUnit("faq.money", ["money transfer"]),
        ]);

        var hits = index.Search("refund money back", 10);

        Assert.Equal(["faq.refund", "faq.money"], hits.Select(h => h.Id));
        Assert.Equal(2, hits[0].TextIndex);
        Assert.Equal(0, hits[1].TextIndex);
        Assert.Single(index.Search("refund money back", 1));
    }

    [Fact]
    public void Paraphrases_do_not_add_up()
    {
        var one = Bm25Index.Build([new LexicalUnit("x", ["refund"]), new LexicalUnit("y", ["shipping"])]);
        var many = Bm25Index.Build([new LexicalUnit("x", ["refund", "refund", "refund"]), new LexicalUnit("y", ["shipping"])]);

        // The extra texts change idf (more texts hold the term) but the unit is still scored as one text, not three summed.
        Assert.True(many.Search("refund", 1)[0].Score < 2 * one.Search("refund", 1)[0].Score);
    }

    [Fact]
    public void The_filter_removes_units_without_changing_the_others_scores()
    {
        var all = Small.Search("shipping", 10);
        var filtered = Small.Search("shipping", 10, id => id != "ship");

        Assert.Equal(["ship-cost"], filtered.Select(h => h.Id));
        Assert.Equal(all.Single(h => h.Id == "ship-cost").Score, filtered[0].Score);
        Assert.Empty(Small.Search("shipping", 10, _ => false));
    }

    [Fact]
    public void Top_limits_the_hits_and_ties_go_to_the_smaller_id()
    {
        var index = Bm25Index.Build([new LexicalUnit("b", ["refund"]), new LexicalUnit("a", ["refund"]), new LexicalUnit("c", ["refund"])]);

        Assert.Equal(["a", "b"], index.Search("refund", 2).Select(h => h.Id));
        Assert.Empty(index.Search("refund", 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("？？？!!!")]
    [InlineData("您好，谢谢")]
    [InlineData("unknownword")]
    public void A_query_without_known_terms_finds_nothing(string query) => Assert.Empty(Small.Search(query, 10));

    [Fact]
    public void An_empty_index_finds_nothing()
    {
        Assert.Equal(0, Bm25Index.Empty.Count);
        Assert.Empty(Bm25Index.Empty.Search("refund", 10));
        Assert.Empty(Bm25Index.Build([new LexicalUnit("blank", ["", "！！"])]).Search("refund", 10));
    }

    [Fact]
    public void Duplicate_ids_and_out_of_range_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Bm25Index.Build([new LexicalUnit("a", ["x"]), new LexicalUnit("a", ["y"])]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bm25Index.Build([], new Bm25Options(K1: -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bm25Index.Build([], new Bm25Options(B: 1.5)));
    }

    [Fact]
    public void Concurrent_searches_agree_with_sequential_ones()
    {
        var index = Bm25IndexCorpus.Passages;
        string[] queries = ["怎么退货", "发票", "refund take", "会员积分", "运费多少", "shipping cost"];
        var expected = queries.Select(q => string.Join(",", index.Search(q, 5).Select(h => h.Id))).ToArray();

        var mismatches = 0;
        Parallel.For(0, 600, i =>
        {
            if (string.Join(",", index.Search(queries[i % queries.Length], 5).Select(h => h.Id)) != expected[i % queries.Length])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }
}
