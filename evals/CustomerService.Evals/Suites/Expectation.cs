using System.Text.RegularExpressions;

namespace CustomerService.Evals.Suites;

/// <summary>One thing a turn must satisfy. <see cref="Check"/> returns null when it holds, else what happened instead.</summary>
internal abstract record Expectation(int Line)
{
    public abstract string Kind { get; }

    /// <summary>The expectation in the suite's own words, for reports.</summary>
    public abstract string Describe();

    public abstract string? Check(TurnOutcome outcome, EvalSuite suite);
}

internal sealed record ContainsExpectation(IReadOnlyList<string> Texts, int Line) : Expectation(Line)
{
    public override string Kind => "contains";
    public override string Describe() => $"reply contains {Quoted(Texts)}";
    public override string? Check(TurnOutcome outcome, EvalSuite suite) =>
        Texts.Where(t => !outcome.Reply.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList() is { Count: > 0 } missing
            ? $"reply lacks {Quoted(missing)}"
            : null;

    internal static string Quoted(IEnumerable<string> texts) => string.Join(", ", texts.Select(t => $"\"{t}\""));
}

internal sealed record NotContainsExpectation(IReadOnlyList<string> Texts, int Line) : Expectation(Line)
{
    public override string Kind => "not_contains";
    public override string Describe() => $"reply does not contain {ContainsExpectation.Quoted(Texts)}";
    public override string? Check(TurnOutcome outcome, EvalSuite suite) =>
        Texts.Where(t => outcome.Reply.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList() is { Count: > 0 } found
            ? $"reply contains {ContainsExpectation.Quoted(found)}"
            : null;
}

internal sealed record CitesExpectation(string SourceId, int Line) : Expectation(Line)
{
    public override string Kind => "cites";
    public override string Describe() => $"cites {SourceId}";
    public override string? Check(TurnOutcome outcome, EvalSuite suite) =>
        outcome.Citations.Contains(SourceId, StringComparer.Ordinal)
            ? null
            : $"cites {(outcome.Citations.Count == 0 ? "nothing" : string.Join(", ", outcome.Citations))}";
}

/// <param name="Intent">null: the reply must not come from any knowledge entry.</param>
internal sealed record IntentExpectation(string? Intent, int Line) : Expectation(Line)
{
    public override string Kind => "intent";
    public override string Describe() => $"intent {Intent ?? "none"}";
    public override string? Check(TurnOutcome outcome, EvalSuite suite) =>
        string.Equals(outcome.MatchedIntent, Intent, StringComparison.Ordinal)
            ? null
            : $"intent {outcome.MatchedIntent ?? "none"} (confidence {outcome.Confidence:0.###})";
}

internal sealed record HandoffExpectation(bool Handoff, int Line) : Expectation(Line)
{
    public override string Kind => "handoff";
    public override string Describe() => Handoff ? "hands off" : "does not hand off";
    public override string? Check(TurnOutcome outcome, EvalSuite suite) =>
        outcome.Handoff == Handoff ? null : (outcome.Handoff ? "handed off" : "did not hand off") + $" (confidence {outcome.Confidence:0.###})";
}

internal sealed record TagAddedExpectation(string Tag, int Line) : Expectation(Line)
{
    public override string Kind => "tag_added";
    public override string Describe() => $"adds tag {Tag}";
    public override string? Check(TurnOutcome outcome, EvalSuite suite) => outcome.TagsAdded switch
    {
        null => "the target reports no tags",
        var tags when tags.Contains(Tag, StringComparer.Ordinal) => null,
        var tags => $"added {(tags.Count == 0 ? "no tag" : string.Join(", ", tags))}",
    };
}

/// <param name="Category">null: any category.</param>
/// <param name="Urgency">null: any urgency.</param>
internal sealed record TicketCreatedExpectation(string? Category, string? Urgency, int Line) : Expectation(Line)
{
    public override string Kind => "ticket_created";
    public override string Describe() => "creates a ticket" + (Category is null ? "" : $" in {Category}") + (Urgency is null ? "" : $", urgency {Urgency}");
    public override string? Check(TurnOutcome outcome, EvalSuite suite) => outcome.Tickets switch
    {
        null => "the target reports no tickets",
        var tickets when tickets.Any(t => (Category is null || t.Category == Category) && (Urgency is null || t.Urgency == Urgency)) => null,
        var tickets => tickets.Count == 0 ? "created no ticket" : $"created {string.Join(", ", tickets.Select(t => $"{t.Category}/{t.Urgency}"))}",
    };
}

/// <summary>No word of the suite's sensitive list, and no phone number a customer could be identified by, in the reply.</summary>
internal sealed partial record NoSensitiveExpectation(int Line) : Expectation(Line)
{
    public override string Kind => "no_sensitive";
    public override string Describe() => "no sensitive word or unmasked phone number";
    public override string? Check(TurnOutcome outcome, EvalSuite suite)
    {
        var words = suite.SensitiveWords.Where(w => outcome.Reply.Contains(w, StringComparison.OrdinalIgnoreCase)).ToList();
        if (words.Count > 0) return $"reply contains sensitive {ContainsExpectation.Quoted(words)}";
        return MobileNumber().Match(outcome.Reply) is { Success: true } phone ? $"reply contains the unmasked phone number {phone.Value}" : null;
    }

    [GeneratedRegex(@"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])")]
    private static partial Regex MobileNumber();
}

internal sealed record LatencyUnderExpectation(double Milliseconds, int Line) : Expectation(Line)
{
    public override string Kind => "latency_under_ms";
    public override string Describe() => $"answers within {Milliseconds} ms";
    public override string? Check(TurnOutcome outcome, EvalSuite suite) =>
        outcome.LatencyMs < Milliseconds ? null : $"took {outcome.LatencyMs:0.#} ms";
}
