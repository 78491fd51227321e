namespace CustomerService.Abstractions.Knowledge;

/// <summary>What a knowledge manager says about a document; category, language, tags and validity filter retrieval.</summary>
public sealed record DocumentMetadata(
    string Title,
    string? Source = null,
    string? Category = null,
    string? Language = null,
    IReadOnlyList<string>? Tags = null,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidTo = null);

public enum DocumentStatus
{
    Processing,
    Ready,
    Failed,
}

/// <param name="Version">Increases with every upload of the same id; the chunks of one version replace the last.</param>
public sealed record KnowledgeDocument(
    string Id,
    int Version,
    string FileName,
    DocumentMetadata Metadata,
    DocumentStatus Status,
    int ChunkCount,
    string? Error,
    DateTimeOffset UpdatedAt);

/// <summary>
/// A unit of retrieval: a passage of a document under its heading path, or one FAQ entry with its
/// variant questions. <see cref="Start"/>/<see cref="End"/> locate the passage in the extracted text.
/// </summary>
/// <param name="Questions">For an FAQ unit: the question and its variants (matched); empty for a passage.</param>
/// <param name="Answer">For an FAQ unit: the answer to reply with; null for a passage (its text is the reply).</param>
public sealed record KnowledgeChunk(
    string Id,
    string DocumentId,
    int Index,
    string Text,
    IReadOnlyList<string> HeadingPath,
    int Start,
    int End,
    IReadOnlyList<string> Questions,
    string? Answer);
