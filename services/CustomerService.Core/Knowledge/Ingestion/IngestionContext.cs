using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Chunking;
using CustomerService.Core.Knowledge.Extraction;

namespace CustomerService.Core.Knowledge.Ingestion;

/// <summary>What the steps of one upload share: the input, and what each step produced for the next.</summary>
public sealed class IngestionContext(string jobId, KnowledgeDocument document, string fileName, DocumentMetadata metadata, byte[] content)
{
    public string JobId { get; } = jobId;

    /// <summary>The document with the version this upload will become.</summary>
    public KnowledgeDocument Document { get; } = document;

    public string FileName { get; } = fileName;

    public DocumentMetadata Metadata { get; set; } = metadata;

    public byte[] Content { get; } = content;

    public ExtractedDocument? Extracted { get; set; }

    public IReadOnlyList<ChunkDraft> Drafts { get; set; } = [];

    public IReadOnlyList<KnowledgeChunk> Chunks { get; set; } = [];

    /// <summary>Vectors to index, one per chunk text (a passage) or per question (an FAQ unit).</summary>
    public IReadOnlyList<VectorPoint> Points { get; set; } = [];
}
