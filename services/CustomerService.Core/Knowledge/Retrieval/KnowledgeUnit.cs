using CustomerService.Abstractions.Knowledge;

namespace CustomerService.Core.Knowledge.Retrieval;

/// <summary>
/// One thing retrieval returns: an FAQ entry (matched by its questions, answered with its answer) or a
/// document passage. Only what filtering and citing need stays in memory: a passage's text is read from
/// the document store for the few hits a search returns, so 100,000 passages do not sit on the heap twice.
/// </summary>
/// <param name="Intent">The FAQ entry's intent; null for a passage.</param>
/// <param name="Faq">The FAQ entry's questions and answer; null for a passage.</param>
public sealed record KnowledgeUnit(
    string Id,
    string DocumentId,
    string Title,
    IReadOnlyList<string> HeadingPath,
    string? Intent,
    DocumentMetadata Metadata,
    int Start,
    int End,
    FaqEntry? Faq)
{
    public const string FaqPrefix = "faq:";

    /// <summary>Where the reply came from, as a citation names it: the FAQ entry id or the document id.</summary>
    public string SourceId => DocumentId.StartsWith(FaqPrefix, StringComparison.Ordinal) ? DocumentId[FaqPrefix.Length..] : DocumentId;

    public static KnowledgeUnit FromFaq(FaqEntry entry) => new(
        FaqPrefix + entry.Id, FaqPrefix + entry.Id, entry.Questions[0], [], entry.Intent,
        new DocumentMetadata(entry.Questions[0], Source: "faq", Language: entry.Questions[0].Any(Matching.TextAnalyzer.IsCjk) ? "zh" : "en"), 0, 0, entry);

    public static KnowledgeUnit FromChunk(KnowledgeDocument document, KnowledgeChunk chunk) => new(
        chunk.Id, document.Id, document.Metadata.Title, chunk.HeadingPath, null, document.Metadata, chunk.Start, chunk.End, null);

    /// <summary>What BM25 and the vectors match: the questions of an FAQ-like chunk, else the passage.</summary>
    public static IReadOnlyList<string> MatchedTexts(KnowledgeChunk chunk) => chunk.Questions.Count > 0 ? chunk.Questions : [chunk.Text];

    /// <summary>The FAQ entry as a chunk, so its questions are embedded like any other unit's texts.</summary>
    public static KnowledgeChunk ChunkOf(FaqEntry entry) =>
        new(FaqPrefix + entry.Id, FaqPrefix + entry.Id, 0, entry.Answer, [], 0, 0, entry.Questions, entry.Answer);

    /// <summary>Whether the unit passes a search's filters at <paramref name="now"/>.</summary>
    public bool Matches(SearchRequest request, DateTimeOffset now) =>
        (request.Category is null || string.Equals(Metadata.Category, request.Category, StringComparison.OrdinalIgnoreCase))
        && (request.Language is null || string.Equals(Metadata.Language, request.Language, StringComparison.OrdinalIgnoreCase))
        && (request.Tags is not { Count: > 0 } tags || (Metadata.Tags ?? []).Any(t => tags.Contains(t, StringComparer.OrdinalIgnoreCase)))
        && (Metadata.ValidFrom is not { } from || from <= now)
        && (Metadata.ValidTo is not { } to || now <= to);
}
