using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Ingestion;

namespace CustomerService.KnowledgeBenchmarks;

/// <summary>Times one ingestion step around the real one; the pipeline sees the same name and behaviour.</summary>
internal sealed class TimedStep(IIngestionStep inner, StageClock clock) : IIngestionStep
{
    public string Name => inner.Name;

    public Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken) =>
        clock.TimeAsync($"step: {Name}", () => inner.ExecuteAsync(context, cancellationToken));
}

/// <summary>Times the document store's writes and the full read a knowledge-index rebuild starts with.</summary>
internal sealed class TimedDocumentStore(IDocumentStore inner, StageClock clock) : IDocumentStore
{
    public Task<KnowledgeDocument> BeginVersionAsync(string? id, string fileName, DocumentMetadata metadata, CancellationToken cancellationToken = default) =>
        clock.TimeAsync(StageClock.BeginVersion, () => inner.BeginVersionAsync(id, fileName, metadata, cancellationToken));

    public Task<bool> CommitVersionAsync(string id, int version, string fileName, DocumentMetadata metadata, IReadOnlyList<KnowledgeChunk> chunks,
        CancellationToken cancellationToken = default) =>
        clock.TimeAsync(StageClock.Commit, () => inner.CommitVersionAsync(id, version, fileName, metadata, chunks, cancellationToken));

    public Task MarkFailedAsync(string id, int version, string error, CancellationToken cancellationToken = default) =>
        inner.MarkFailedAsync(id, version, error, cancellationToken);

    public Task<KnowledgeDocument?> FindAsync(string id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<KnowledgeDocument>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<IReadOnlyList<KnowledgeChunk>> ListChunksAsync(string documentId, CancellationToken cancellationToken = default) =>
        inner.ListChunksAsync(documentId, cancellationToken);

    public Task<IReadOnlyList<KnowledgeChunk>> GetChunksAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        inner.GetChunksAsync(ids, cancellationToken);

    public async Task<IReadOnlyList<(KnowledgeDocument Document, IReadOnlyList<KnowledgeChunk> Chunks)>> ListContentAsync(CancellationToken cancellationToken = default)
    {
        var content = await clock.TimeAsync(StageClock.RebuildRead, () => inner.ListContentAsync(cancellationToken));
        clock.MarkContentRead();
        return content;
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
}

/// <summary>Marks the end of a rebuild's in-memory build: the index reads the synonyms right after BM25 is built.</summary>
internal sealed class TimedSynonymStore(ISynonymStore inner, StageClock clock) : ISynonymStore
{
    public async Task<IReadOnlyList<SynonymGroup>> ListAsync(CancellationToken cancellationToken = default)
    {
        clock.MarkSynonymsRead();
        return await inner.ListAsync(cancellationToken);
    }

    public Task SaveAsync(SynonymGroup group, CancellationToken cancellationToken = default) => inner.SaveAsync(group, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
}

/// <summary>Times the progress rows every step writes (two per step and one at the end).</summary>
internal sealed class TimedJobStore(IIngestionJobStore inner, StageClock clock) : IIngestionJobStore
{
    public Task SaveAsync(IngestionJob job, CancellationToken cancellationToken = default) =>
        clock.TimeAsync(StageClock.JobSaves, () => inner.SaveAsync(job, cancellationToken));

    public Task<IngestionJob?> FindAsync(string id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<IngestionJob>> ListUnfinishedAsync(CancellationToken cancellationToken = default) => inner.ListUnfinishedAsync(cancellationToken);
}

/// <summary>
/// Times the vector index's writes and remembers the collection written to, so the exact reference searches the
/// very collection the knowledge base uses without repeating its naming rule. Searches pass straight through.
/// </summary>
internal sealed class TimedVectorIndex(IVectorIndex inner, StageClock clock) : IVectorIndex
{
    private volatile string? _collection;

    /// <summary>The collection points were last upserted into; null before the first upsert.</summary>
    public string? Collection => _collection;

    public Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken = default) =>
        inner.EnsureCollectionAsync(collection, dimensions, cancellationToken);

    public Task UpsertAsync(string collection, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default)
    {
        _collection = collection;
        return clock.TimeAsync(StageClock.VectorUpsert, () => inner.UpsertAsync(collection, points, cancellationToken));
    }

    public Task<int> DeleteAsync(string collection, VectorFilter filter, CancellationToken cancellationToken = default) =>
        clock.TimeAsync(StageClock.VectorDelete, () => inner.DeleteAsync(collection, filter, cancellationToken));

    public Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, ReadOnlyMemory<float> vector, int top, VectorFilter? filter = null,
        float? scoreThreshold = null, CancellationToken cancellationToken = default) =>
        inner.SearchAsync(collection, vector, top, filter, scoreThreshold, cancellationToken);
}
