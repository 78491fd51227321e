using CustomerService.Evals.Reports;

namespace CustomerService.Evals.Baselines;

/// <summary>What got worse or better than an earlier run.</summary>
internal sealed record BaselineComparison(IReadOnlyList<CaseChange> NewFailures, IReadOnlyList<CaseChange> Fixed, IReadOnlyList<MetricDrop> Drops)
{
    public bool IsWorse => NewFailures.Count > 0 || Drops.Count > 0;

    /// <summary>
    /// A case that fails now is a new failure unless it failed in the baseline too; a case that passes
    /// now and failed (or was missing as a failure) before is fixed. Each suite's metrics may drop by
    /// at most its own tolerance.
    /// </summary>
    public static BaselineComparison Compare(EvalReport baseline, EvalReport current)
    {
        var before = baseline.Suites.SelectMany(s => s.Cases.Select(c => (Key: (s.Name, c.Id), c.Status)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Status);
        List<CaseChange> newFailures = [], fixedCases = [];
        List<MetricDrop> drops = [];
        foreach (var suite in current.Suites)
        {
            foreach (var @case in suite.Cases)
            {
                var had = before.TryGetValue((suite.Name, @case.Id), out var status) ? status : (CaseStatus?)null;
                if (@case.Status == CaseStatus.Failed && had != CaseStatus.Failed)
                {
                    newFailures.Add(new CaseChange(suite.Name, @case.Id, had is null ? "new case" : $"was {had.Value.ToString().ToLowerInvariant()}"));
                }
                else if (@case.Status == CaseStatus.Passed && had == CaseStatus.Failed)
                {
                    fixedCases.Add(new CaseChange(suite.Name, @case.Id, null));
                }
            }

            if (baseline.Suites.FirstOrDefault(s => s.Name == suite.Name) is { } old)
            {
                drops.AddRange(MetricDrops(old, suite));
            }
        }

        return new BaselineComparison(newFailures, fixedCases, drops);
    }

    private static IEnumerable<MetricDrop> MetricDrops(SuiteRecord baseline, SuiteRecord current)
    {
        var tolerance = current.Tolerance;
        if (baseline.PassRate - current.PassRate > tolerance.PassRateDrop + 1e-9)
        {
            yield return new MetricDrop(current.Name, "pass rate", baseline.PassRate, current.PassRate, tolerance.PassRateDrop);
        }

        if (tolerance.LatencyP99IncreaseMs is { } allowed && current.LatencyP99Ms - baseline.LatencyP99Ms > allowed)
        {
            yield return new MetricDrop(current.Name, "p99 latency (ms)", baseline.LatencyP99Ms, current.LatencyP99Ms, allowed);
        }
    }
}

/// <param name="Detail">For a new failure: what the case was in the baseline ("was passed", "new case").</param>
internal sealed record CaseChange(string Suite, string CaseId, string? Detail);

/// <param name="Allowed">The suite's tolerance for this metric.</param>
internal sealed record MetricDrop(string Suite, string Metric, double Baseline, double Current, double Allowed);
