using System.Text.Json.Serialization;
using CustomerService.Evals.Reports;

namespace CustomerService.Evals.Datasets;

/// <summary>What the bot did with one dataset query.</summary>
/// <param name="TopIntent">The best-matching entry's intent, whether or not the bot answered with it.</param>
/// <param name="AnsweredIntent">The intent the bot answered with; null when it handed off.</param>
/// <param name="RawTop">The best candidate's raw similarity (what a calibration is fitted on).</param>
/// <param name="RawSecond">The runner-up's raw similarity; 0 without one.</param>
internal sealed record QueryOutcome(string? ExpectedIntent, string? TopIntent, string? AnsweredIntent, double Confidence, double LatencyMs,
    double RawTop = 0, double RawSecond = 0)
{
    public bool InScope => ExpectedIntent is not null;

    /// <summary>The label confidence is judged against (AUROC, ECE): in scope and the best match is right.</summary>
    public bool TopCorrect => InScope && TopIntent == ExpectedIntent;
}

/// <summary>The figures the <c>dataset</c> command writes; the key names are a contract other tools read.</summary>
internal sealed record DatasetMetrics(
    [property: JsonPropertyName("queries")] int Queries,
    [property: JsonPropertyName("in_scope")] int InScope,
    [property: JsonPropertyName("out_of_scope")] int OutOfScope,
    [property: JsonPropertyName("top1_accuracy")] double? Top1Accuracy,
    [property: JsonPropertyName("answered_correct_rate")] double? AnsweredCorrectRate,
    [property: JsonPropertyName("answered_wrong_rate")] double? AnsweredWrongRate,
    [property: JsonPropertyName("oos_rejection_rate")] double? OosRejectionRate,
    [property: JsonPropertyName("auroc")] double? Auroc,
    [property: JsonPropertyName("ece")] double? Ece,
    [property: JsonPropertyName("latency_ms_p50")] double LatencyMsP50,
    [property: JsonPropertyName("latency_ms_p99")] double LatencyMsP99)
{
    public static DatasetMetrics From(IReadOnlyList<QueryOutcome> outcomes)
    {
        var inScope = outcomes.Where(o => o.InScope).ToList();
        var outOfScope = outcomes.Where(o => !o.InScope).ToList();
        return new DatasetMetrics(
            outcomes.Count,
            inScope.Count,
            outOfScope.Count,
            Fraction(inScope.Count(o => o.TopCorrect), inScope.Count),
            Fraction(inScope.Count(o => o.AnsweredIntent is not null && o.AnsweredIntent == o.ExpectedIntent), inScope.Count),
            Fraction(inScope.Count(o => o.AnsweredIntent is not null && o.AnsweredIntent != o.ExpectedIntent), inScope.Count),
            Fraction(outOfScope.Count(o => o.AnsweredIntent is null), outOfScope.Count),
            ScoreStatistics.Auroc(outcomes.Select(o => (o.Confidence, o.TopCorrect)).ToList()),
            ScoreStatistics.Ece(outcomes.Select(o => (o.Confidence, o.TopCorrect)).ToList()),
            Percentiles.Of(outcomes.Select(o => o.LatencyMs), 0.50),
            Percentiles.Of(outcomes.Select(o => o.LatencyMs), 0.99));
    }

    private static double? Fraction(int count, int of) => of == 0 ? null : (double)count / of;
}
