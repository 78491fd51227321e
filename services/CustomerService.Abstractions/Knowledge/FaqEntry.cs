namespace CustomerService.Abstractions.Knowledge;

/// <summary>One question-and-answer entry; <see cref="Questions"/> holds the canonical question first, then paraphrases.</summary>
public sealed record FaqEntry(string Id, string Intent, IReadOnlyList<string> Questions, string Answer);

public sealed record FaqImportResult(int Added, int Replaced, int Total)
{
    public int Imported => Added + Replaced;
}
