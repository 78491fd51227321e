using CustomerService.Evals.Datasets;
using CustomerService.Evals.Reports;

namespace CustomerService.Evals.Tests;

/// <summary>Small cases computed by hand.</summary>
public sealed class MetricsTests
{
    [Fact]
    public void Auroc_is_the_share_of_positive_negative_pairs_ranked_right()
    {
        // positives 0.9, 0.7; negatives 0.8, 0.6: 0.9>0.8, 0.9>0.6, 0.7<0.8, 0.7>0.6 → 3 of 4 pairs.
        Assert.Equal(0.75, ScoreStatistics.Auroc([(0.9, true), (0.8, false), (0.7, true), (0.6, false)]));
    }

    [Fact]
    public void Auroc_counts_ties_as_half_and_is_null_without_both_classes()
    {
        Assert.Equal(0.5, ScoreStatistics.Auroc([(0.5, true), (0.5, false)]));
        // 0.9 beats both negatives; 0.4 ties 0.4 (½) and loses to 0.6 → (2 + 0.5) / 4.
        Assert.Equal(0.625, ScoreStatistics.Auroc([(0.9, true), (0.4, true), (0.4, false), (0.6, false)]));
        Assert.Null(ScoreStatistics.Auroc([(0.9, true), (0.1, true)]));
        Assert.Equal(1.0, ScoreStatistics.Auroc([(0.9, true), (0.1, false)]));
        Assert.Equal(0.0, ScoreStatistics.Auroc([(0.1, true), (0.9, false)]));
    }

    [Fact]
    public void Ece_weights_each_bins_gap_between_confidence_and_accuracy()
    {
        // bin 9: confidence 0.95, accuracy 0.5 → 0.45 × 2/4; bin 1: confidence 0.15, accuracy 0 → 0.15 × 2/4.
        Assert.Equal(0.3, ScoreStatistics.Ece([(0.95, true), (0.95, false), (0.15, false), (0.15, false)])!.Value, precision: 10);
        Assert.Equal(0.0, ScoreStatistics.Ece([(1.0, true)])); // 1.0 belongs to the last bin
        Assert.Equal(0.2, ScoreStatistics.Ece([(0.8, true), (0.8, true), (0.8, true), (0.8, true), (0.8, true)])!.Value, precision: 10);
        Assert.Null(ScoreStatistics.Ece([]));
    }

    [Fact]
    public void Rates_follow_their_definitions()
    {
        var metrics = DatasetMetrics.From(
        [
            new QueryOutcome("a", "a", "a", 0.9, 1),    // in scope, answered right
            new QueryOutcome("a", "b", "b", 0.85, 2),   // in scope, answered wrong
            new QueryOutcome("b", "b", null, 0.5, 3),   // in scope, best match right but handed off
            new QueryOutcome(null, "c", "c", 0.95, 4),  // out of scope, answered: not rejected
            new QueryOutcome(null, null, null, 0, 100), // out of scope, rejected
        ]);

        Assert.Equal((5, 3, 2), (metrics.Queries, metrics.InScope, metrics.OutOfScope));
        Assert.Equal(2.0 / 3, metrics.Top1Accuracy!.Value, precision: 10);
        Assert.Equal(1.0 / 3, metrics.AnsweredCorrectRate!.Value, precision: 10);
        Assert.Equal(1.0 / 3, metrics.AnsweredWrongRate!.Value, precision: 10);
        Assert.Equal(0.5, metrics.OosRejectionRate);
        // positives (top-1 right, in scope): 0.9 and 0.5; negatives 0.85, 0.95, 0: pairs won 0.9>0.85, 0.9>0, 0.5>0 → 3/6.
        Assert.Equal(0.5, metrics.Auroc);
        Assert.Equal((3.0, 100.0), (metrics.LatencyMsP50, metrics.LatencyMsP99));
    }

    [Fact]
    public void Oos_rejection_is_null_without_out_of_scope_queries() =>
        Assert.Null(DatasetMetrics.From([new QueryOutcome("a", "a", "a", 0.9, 1)]).OosRejectionRate);

    [Theory]
    [InlineData(0.50, 3)]
    [InlineData(0.99, 100)]
    [InlineData(0.20, 1)]
    public void Percentiles_use_the_nearest_rank(double p, double expected) =>
        Assert.Equal(expected, Percentiles.Of([4, 100, 2, 3, 1], p));
}
