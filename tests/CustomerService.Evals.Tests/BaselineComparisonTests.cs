using CustomerService.Evals.Baselines;
using CustomerService.Evals.Reports;
using CustomerService.Evals.Suites;

namespace CustomerService.Evals.Tests;

public sealed class BaselineComparisonTests
{
    private static CaseRecord Case(string id, CaseStatus status, double latency = 10) =>
        new(id, null, status, status == CaseStatus.Pending ? "later" : null, false,
            [new TurnRecord("q", new TurnOutcome("r", 0.9, "i", false, [], latency), [])]);

    private static EvalReport Report(SuiteTolerance tolerance, params CaseRecord[] cases) =>
        new(DateTimeOffset.UnixEpoch, "in-process", [new SuiteRecord("faq", "faq.yaml", tolerance, cases)]);

    [Fact]
    public void A_case_that_passed_and_now_fails_is_a_new_failure()
    {
        var baseline = Report(new(), Case("a", CaseStatus.Passed), Case("b", CaseStatus.Failed), Case("c", CaseStatus.Pending));
        var current = Report(new(1.0), Case("a", CaseStatus.Failed), Case("b", CaseStatus.Failed), Case("c", CaseStatus.Failed));

        var comparison = BaselineComparison.Compare(baseline, current);

        Assert.Equal([new CaseChange("faq", "a", "was passed"), new CaseChange("faq", "c", "was pending")], comparison.NewFailures);
        Assert.True(comparison.IsWorse);
    }

    [Fact]
    public void A_new_case_that_fails_counts_and_a_repaired_one_is_listed_as_fixed()
    {
        var baseline = Report(new(), Case("a", CaseStatus.Failed));
        var current = Report(new(1.0), Case("a", CaseStatus.Passed), Case("new", CaseStatus.Failed));

        var comparison = BaselineComparison.Compare(baseline, current);

        Assert.Equal([new CaseChange("faq", "new", "new case")], comparison.NewFailures);
        Assert.Equal([new CaseChange("faq", "a", null)], comparison.Fixed);
    }

    [Fact]
    public void An_unchanged_run_is_not_worse() =>
        Assert.False(BaselineComparison.Compare(Report(new(), Case("a", CaseStatus.Passed), Case("b", CaseStatus.Failed)),
            Report(new(), Case("a", CaseStatus.Passed), Case("b", CaseStatus.Failed))).IsWorse);

    [Fact]
    public void A_pass_rate_drop_beyond_the_tolerance_is_a_drop()
    {
        // 4 of 4 passed → 3 of 4.
        var baseline = Report(new(), Case("a", CaseStatus.Passed), Case("b", CaseStatus.Passed), Case("c", CaseStatus.Passed), Case("d", CaseStatus.Passed));
        var strict = Report(new(0.1), Case("a", CaseStatus.Passed), Case("b", CaseStatus.Passed), Case("c", CaseStatus.Passed), Case("d", CaseStatus.Pending), Case("e", CaseStatus.Pending));
        var rate = Report(new(0.3), Case("a", CaseStatus.Passed), Case("b", CaseStatus.Passed), Case("c", CaseStatus.Passed), Case("x", CaseStatus.Failed));
        var tight = Report(new(0.1), Case("a", CaseStatus.Passed), Case("b", CaseStatus.Passed), Case("c", CaseStatus.Passed), Case("x", CaseStatus.Failed));

        Assert.Empty(BaselineComparison.Compare(baseline, strict).Drops);                  // pending cases do not count
        Assert.Empty(BaselineComparison.Compare(baseline, rate).Drops);                    // a 0.25 drop within a 0.3 tolerance
        var drop = Assert.Single(BaselineComparison.Compare(baseline, tight).Drops);
        Assert.Equal(new MetricDrop("faq", "pass rate", 1.0, 0.75, 0.1), drop);
    }

    [Fact]
    public void A_latency_increase_beyond_the_tolerance_is_a_drop()
    {
        var baseline = Report(new(), Case("a", CaseStatus.Passed, latency: 10));
        var slower = Report(new(0, 50), Case("a", CaseStatus.Passed, latency: 70));
        var bitSlower = Report(new(0, 50), Case("a", CaseStatus.Passed, latency: 40));

        Assert.Equal("p99 latency (ms)", Assert.Single(BaselineComparison.Compare(baseline, slower).Drops).Metric);
        Assert.Empty(BaselineComparison.Compare(baseline, bitSlower).Drops);
    }
}
