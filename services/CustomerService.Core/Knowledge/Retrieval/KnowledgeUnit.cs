using CustomerService.Abstractions.Knowledge;

namespace CustomerService.Core.Knowledge.Retrieval;

/// <summary>
/// One thing retrieval returns: an FAQ entry (matched by its questions, answered with its answer) or a
/// document passage (matched and answered by its text).
/// </summary>
/// <param name="Texts">What is matched: the questions of an FAQ unit, or the passage.</param>
/// <param name="Reply">What an extractive answer says.</param>
/// <param name="Intent">The FAQ entry's intent; null for a passage.</param>
public sealed record KnowledgeUnit(
    string Id,
    string DocumentId,
    string Title,
    IReadOnlyList<string> HeadingPath,
    IReadOnlyList<string> Texts,
    string Reply,
    string? Intent,
    DocumentMetadata Metadata,
    int Start,
    int End)
{
    public const string FaqPrefix = "faq:";

    /// <summary>Where the reply came from, as a citation names it: the FAQ entry id or the document id.</summary>
    public string SourceId => DocumentId.StartsWith(FaqPrefix, StringComparison.Ordinal) ? DocumentId[FaqPrefix.Length..] : DocumentId;

    public static KnowledgeUnit FromFaq(FaqEntry entry) => new(
        FaqPrefix + entry.Id, FaqPrefix + entry.Id, entry.Questions[0], [], entry.Questions, entry.Answer, entry.Intent,
        new DocumentMetadata(entry.Questions[0], Source: "faq", Language: entry.Questions[0].Any(Matching.TextAnalyzer.IsCjk) ? "zh" : "en"), 0, 0);

    public static KnowledgeUnit FromChunk(KnowledgeDocument document, KnowledgeChunk chunk) => new(
        chunk.Id, document.Id, document.Metadata.Title, chunk.HeadingPath, chunk.Questions.Count > 0 ? chunk.Questions : [chunk.Text],
        chunk.Answer ?? chunk.Text, null, document.Metadata, chunk.Start, chunk.End);

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
