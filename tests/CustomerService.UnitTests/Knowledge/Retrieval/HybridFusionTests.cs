using CustomerService.Core.Knowledge.Retrieval;

namespace CustomerService.UnitTests.Knowledge.Retrieval;

public sealed class HybridFusionTests
{
    // The defaults are tuned on data; these cases pin the formula's inputs themselves.
    private static FusionOptions Rrf() => new() { Mode = FusionMode.ReciprocalRank, RrfK = 60, LexicalWeight = 0.5, VectorWeight = 0.5 };

    private static readonly RankedId[] Lexical = [new("a", 10), new("b", 6), new("c", 2)];
    private static readonly RankedId[] Vector = [new("b", 0.9), new("d", 0.7)];

    [Fact]
    public void Reciprocal_rank_sums_weight_over_k_plus_rank()
    {
        var hits = HybridFusion.Fuse(Lexical, Vector, Rrf(), 10);

        Assert.Equal(["b", "a", "d", "c"], hits.Select(h => h.Id));
        Assert.Equal(0.5 / 62 + 0.5 / 61, hits[0].Score, precision: 12);
        Assert.Equal(0.5 / 61, hits[1].Score, precision: 12);
        Assert.Equal(0.5 / 62, hits[2].Score, precision: 12);
        Assert.Equal(0.5 / 63, hits[3].Score, precision: 12);
    }

    [Fact]
    public void Reciprocal_rank_uses_the_configured_k_and_weights()
    {
        var options = new FusionOptions { Mode = FusionMode.ReciprocalRank, RrfK = 1, LexicalWeight = 2, VectorWeight = 1 };

        var hits = HybridFusion.Fuse(Lexical, Vector, options, 10);

        Assert.Equal(["b", "a", "c", "d"], hits.Select(h => h.Id));
        Assert.Equal(2.0 / 3 + 1.0 / 2, hits[0].Score, precision: 12);
        Assert.Equal(2.0 / 2, hits[1].Score, precision: 12);
        Assert.Equal(2.0 / 4, hits[2].Score, precision: 12);
        Assert.Equal(1.0 / 3, hits[3].Score, precision: 12);
    }

    [Fact]
    public void Weighted_normalises_each_list_to_zero_one_then_sums()
    {
        var options = new FusionOptions { Mode = FusionMode.Weighted, LexicalWeight = 0.3, VectorWeight = 0.7 };

        var hits = HybridFusion.Fuse(Lexical, Vector, options, 10);

        // Lexical 10/6/2 → 1/0.5/0; vector 0.9/0.7 → 1/0. c and d tie at 0 and are ordered by id.
        Assert.Equal(["b", "a", "c", "d"], hits.Select(h => h.Id));
        Assert.Equal(0.3 * 0.5 + 0.7 * 1, hits[0].Score, precision: 12);
        Assert.Equal(0.3 * 1, hits[1].Score, precision: 12);
        Assert.Equal(0, hits[2].Score);
        Assert.Equal(0, hits[3].Score);
    }

    [Fact]
    public void Weighted_counts_a_list_without_spread_as_all_best()
    {
        var options = new FusionOptions { Mode = FusionMode.Weighted, LexicalWeight = 0.5, VectorWeight = 0.5 };

        var hits = HybridFusion.Fuse([new("a", 3)], [new("a", 0.4), new("b", 0.4)], options, 10);

        Assert.Equal(1.0, hits.Single(h => h.Id == "a").Score, precision: 12);
        Assert.Equal(0.5, hits.Single(h => h.Id == "b").Score, precision: 12);
    }

    [Fact]
    public void Ranks_and_raw_scores_are_reported_one_based_and_null_when_missing()
    {
        var hits = HybridFusion.Fuse(Lexical, Vector, new FusionOptions { Mode = FusionMode.Weighted, LexicalWeight = 0.5, VectorWeight = 0.5 }, 10).ToDictionary(h => h.Id);

        Assert.Equal(new FusedHit("b", hits["b"].Score, 2, 1, 6, 0.9), hits["b"]);
        Assert.Equal((1, (int?)null, 10.0, (double?)null), (hits["a"].LexicalRank, hits["a"].VectorRank, hits["a"].LexicalScore, hits["a"].VectorScore));
        Assert.Equal(((int?)null, 2, (double?)null, 0.7), (hits["d"].LexicalRank, hits["d"].VectorRank, hits["d"].LexicalScore, hits["d"].VectorScore));
    }

    [Fact]
    public void One_empty_list_leaves_the_other_ranking()
    {
        var hits = HybridFusion.Fuse([], Vector, Rrf(), 10);

        Assert.Equal(["b", "d"], hits.Select(h => h.Id));
        Assert.All(hits, h => Assert.Null(h.LexicalRank));
        Assert.Empty(HybridFusion.Fuse([], [], Rrf(), 10));
    }

    [Fact]
    public void A_repeated_id_keeps_its_first_position()
    {
        var hits = HybridFusion.Fuse([new("a", 5), new("b", 4), new("a", 1)], [], Rrf(), 10);

        Assert.Equal(["a", "b"], hits.Select(h => h.Id));
        Assert.Equal((1, 5.0), (hits[0].LexicalRank, hits[0].LexicalScore));
    }

    [Fact]
    public void Equal_scores_are_ordered_by_id_whatever_the_input_order()
    {
        var options = Rrf();

        var one = HybridFusion.Fuse([new("y", 1)], [new("x", 1)], options, 10);
        var other = HybridFusion.Fuse([new("x", 1)], [new("y", 1)], options, 10);

        Assert.Equal(["x", "y"], one.Select(h => h.Id));
        Assert.Equal(one.Select(h => (h.Id, h.Score)), other.Select(h => (h.Id, h.Score)));
    }

    [Fact]
    public void Top_limits_the_result()
    {
        Assert.Equal(["b", "a"], HybridFusion.Fuse(Lexical, Vector, Rrf(), 2).Select(h => h.Id));
        Assert.Empty(HybridFusion.Fuse(Lexical, Vector, Rrf(), 0));
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_key_named() =>
        Assert.Contains("Knowledge:Retrieval:RrfK", Assert.Throws<ArgumentException>(() => HybridFusion.Fuse(Lexical, Vector, new FusionOptions { RrfK = 0 }, 5)).Message, StringComparison.Ordinal);
}
