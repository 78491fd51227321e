namespace CustomerService.Evals.Suites;

/// <summary>A suite file: what to load, how to configure the host, and the conversations to play.</summary>
internal sealed record EvalSuite(
    string Name,
    string File,
    string? Description,
    IReadOnlyList<string> Knowledge,
    IReadOnlyDictionary<string, string?> Settings,
    string Channel,
    IReadOnlyList<string> SensitiveWords,
    SuiteTolerance Tolerance,
    IReadOnlyList<EvalCase> Cases);

/// <summary>How much worse than the baseline a run may be before <c>--baseline</c> fails it.</summary>
/// <param name="PassRateDrop">Largest allowed drop of the pass rate (a fraction).</param>
/// <param name="LatencyP99IncreaseMs">Largest allowed increase of the p99 turn latency; null: not checked.</param>
internal sealed record SuiteTolerance(double PassRateDrop = 0, double? LatencyP99IncreaseMs = null);

/// <param name="Pending">Why the case cannot pass yet (the feature it needs); null for a live case.</param>
internal sealed record EvalCase(string Id, string? Description, string? Pending, CustomerProfile Customer, IReadOnlyList<EvalTurn> Turns, int Line);

/// <param name="Id">The customer id used for every turn of the case; null: a fresh one per case.</param>
internal sealed record CustomerProfile(string? Id, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Profile)
{
    public static CustomerProfile Anonymous { get; } = new(null, [], new Dictionary<string, string>());
}

/// <param name="Source">The channel code (活码) the message says the customer arrived through; null for most turns.</param>
internal sealed record EvalTurn(string Text, string Channel, IReadOnlyList<Expectation> Expectations, int Line, EvalSource? Source = null);

/// <summary>A turn's <c>source: { code: qr-store-12, params: { store_id: "12" } }</c>, sent as the web chat's <c>source</c>.</summary>
internal sealed record EvalSource(string Code, IReadOnlyDictionary<string, string> Params);
