using CustomerService.Abstractions.Knowledge;

namespace CustomerService.Core.Knowledge.Retrieval;

public enum SearchMode
{
    Hybrid,
    Lexical,
    Vector,
}

/// <summary>A knowledge search: how many hits, which indexes, and the metadata a hit must have.</summary>
public sealed record SearchRequest(int Top = 10, SearchMode Mode = SearchMode.Hybrid, string? Category = null, string? Language = null,
    IReadOnlyList<string>? Tags = null)
{
    public VectorFilter ToVectorFilter(DateTimeOffset now) =>
        new(Categories: Category is null ? null : [Category], Language: Language, AnyTags: Tags is { Count: > 0 } ? Tags : null, ValidAt: now);
}

/// <param name="Text">What an extractive answer says: the FAQ answer or the passage.</param>
/// <param name="FoundBy">Which indexes returned the unit: <c>lexical</c>, <c>vector</c> or both.</param>
/// <param name="VectorScore">Cosine similarity of the query and the unit's best text, when the vector index found it.</param>
public sealed record KnowledgeHit(KnowledgeUnit Unit, string Text, double Score, IReadOnlyList<string> FoundBy, int? LexicalRank, int? VectorRank,
    double? LexicalScore, double? VectorScore);
