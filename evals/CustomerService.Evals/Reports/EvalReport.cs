using CustomerService.Evals.Suites;

namespace CustomerService.Evals.Reports;

internal enum CaseStatus
{
    Passed,
    Failed,
    Pending,
}

/// <summary>One run of one or more suites: what <c>report.json</c> holds and <c>--baseline</c> reads back.</summary>
/// <param name="Target"><c>in-process</c>, or the URL of the instance that was evaluated.</param>
internal sealed record EvalReport(DateTimeOffset GeneratedAt, string Target, IReadOnlyList<SuiteRecord> Suites)
{
    public int Passed => Suites.Sum(s => s.Passed);

    public int Failed => Suites.Sum(s => s.Failed);

    public int Pending => Suites.Sum(s => s.Pending);
}

internal sealed record SuiteRecord(string Name, string File, SuiteTolerance Tolerance, IReadOnlyList<CaseRecord> Cases)
{
    public int Passed => Cases.Count(c => c.Status == CaseStatus.Passed);

    public int Failed => Cases.Count(c => c.Status == CaseStatus.Failed);

    public int Pending => Cases.Count(c => c.Status == CaseStatus.Pending);

    /// <summary>Passed among the cases that count (pending ones do not); 1 when none count.</summary>
    public double PassRate => Passed + Failed == 0 ? 1 : (double)Passed / (Passed + Failed);

    public double LatencyP50Ms => Percentiles.Of(TurnLatencies, 0.50);

    public double LatencyP99Ms => Percentiles.Of(TurnLatencies, 0.99);

    private IEnumerable<double> TurnLatencies =>
        Cases.SelectMany(c => c.Turns).Where(t => t.Outcome.Error is null).Select(t => t.Outcome.LatencyMs);
}

/// <param name="WouldPass">For a pending case: every expectation already holds, so the pending mark may be stale.</param>
internal sealed record CaseRecord(string Id, string? Description, CaseStatus Status, string? PendingReason, bool WouldPass, IReadOnlyList<TurnRecord> Turns)
{
    public IEnumerable<string> Failures =>
        Turns.SelectMany((t, i) => t.Expectations.Where(e => e.Failure is not null)
            .Select(e => $"turn {i + 1} \"{t.Text}\": expected {e.Expected}, but {e.Failure}"));
}

internal sealed record TurnRecord(string Text, TurnOutcome Outcome, IReadOnlyList<ExpectationRecord> Expectations);

/// <param name="Failure">null when the expectation held; else what happened instead.</param>
internal sealed record ExpectationRecord(string Kind, string Expected, string? Failure);
