namespace CustomerService.Benchmarks;

/// <summary>What one round trip came back with; only successes count towards the latency figures.</summary>
internal readonly record struct Outcome(bool Success, bool Handoff, string? Error)
{
    public static Outcome Ok(bool handoff = false) => new(true, handoff, null);

    public static Outcome Fail(string error) => new(false, false, error);
}
