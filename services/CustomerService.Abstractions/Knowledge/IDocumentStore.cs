namespace CustomerService.Abstractions.Knowledge;

/// <summary>
/// Knowledge documents and their chunks: the truth the lexical and vector indexes are built from.
/// A new version's chunks replace the old ones in one step; a version that fails leaves nothing behind.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Allocates the next version of a document (a new one when <paramref name="id"/> is null or unknown).</summary>
    Task<KnowledgeDocument> BeginVersionAsync(string? id, string fileName, DocumentMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes <paramref name="version"/> the document's content: its chunks replace the previous ones atomically.
    /// False when a newer version was committed meanwhile or the document was deleted (nothing is written then).
    /// </summary>
    Task<bool> CommitVersionAsync(string id, int version, string fileName, DocumentMetadata metadata, IReadOnlyList<KnowledgeChunk> chunks,
        CancellationToken cancellationToken = default);

    /// <summary>Records a failed version. A document that never had content is marked failed; one that had keeps it.</summary>
    Task MarkFailedAsync(string id, int version, string error, CancellationToken cancellationToken = default);

    Task<KnowledgeDocument?> FindAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<KnowledgeDocument>> ListAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<KnowledgeChunk>> ListChunksAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>The chunks with these ids (those that still exist), in no particular order.</summary>
    Task<IReadOnlyList<KnowledgeChunk>> GetChunksAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Every ready document with its chunks, to build the indexes from.</summary>
    Task<IReadOnlyList<(KnowledgeDocument Document, IReadOnlyList<KnowledgeChunk> Chunks)>> ListContentAsync(CancellationToken cancellationToken = default);

    /// <summary>False when no document has the id.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
