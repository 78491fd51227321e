using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge;
using CustomerService.Core.Knowledge.Embeddings;
using CustomerService.Core.Knowledge.Retrieval;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerService.UnitTests.Conversations;

/// <summary>The retrieval a responder under test reads: the entries imported into memory, searched with the default fusion.</summary>
internal static class FaqSearch
{
    public static async Task<(FaqCatalog Catalog, KnowledgeSearch Search)> OverAsync(IReadOnlyList<FaqEntry> entries)
    {
        var store = new FixedFaqStore(entries);
        var catalog = new FaqCatalog(store);
        var vectors = new KnowledgeVectors(new InMemoryVectorIndex(), new LocalEmbeddingGenerator(256));
        var index = new KnowledgeIndex(store, new NoDocuments(), new NoDocuments(), NullLogger<KnowledgeIndex>.Instance);
        await new FaqImporter(store, catalog, vectors, index).SyncAsync(entries, CancellationToken.None);
        return (catalog, new KnowledgeSearch(index, vectors, new NoDocuments(), new StaticOptionsMonitor<FusionOptions>(new FusionOptions()), TimeProvider.System));
    }
}

/// <summary>FAQ entries fixed by the test: listed, never written.</summary>
internal sealed class FixedFaqStore(IReadOnlyList<FaqEntry> entries) : IFaqStore
{
    public Task<FaqImportResult> UpsertAsync(IReadOnlyList<FaqEntry> added, string source, string contentHash, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("read-only in these tests");

    public Task<bool> WasImportedAsync(string contentHash, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<IReadOnlyList<FaqEntry>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult(entries);
}

/// <summary>A brute-force vector index in memory: enough for tests that need retrieval, not the adapter's conformance.</summary>
internal sealed class InMemoryVectorIndex : IVectorIndex
{
    private readonly Dictionary<string, Dictionary<string, VectorPoint>> _collections = [];

    public Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken = default)
    {
        _collections.TryAdd(collection, []);
        return Task.CompletedTask;
    }

    public Task UpsertAsync(string collection, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default)
    {
        foreach (var point in points) _collections[collection][point.Id] = point;
        return Task.CompletedTask;
    }

    public Task<int> DeleteAsync(string collection, VectorFilter filter, CancellationToken cancellationToken = default)
    {
        var doomed = _collections[collection].Values.Where(p => filter.DocumentId is null || p.Payload.DocumentId == filter.DocumentId).ToList();
        foreach (var point in doomed) _collections[collection].Remove(point.Id);
        return Task.FromResult(doomed.Count);
    }

    public Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, ReadOnlyMemory<float> vector, int top, VectorFilter? filter = null,
        float? scoreThreshold = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<VectorHit>>([.. _collections[collection].Values
            .Select(p => new VectorHit(p.Id, Cosine(vector.Span, p.Vector.Span), p.Payload))
            .Where(h => scoreThreshold is null || h.Score >= scoreThreshold)
            .OrderByDescending(h => h.Score).Take(top)]);

    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) (dot, na, nb) = (dot + a[i] * b[i], na + a[i] * a[i], nb + b[i] * b[i]);
        return na == 0 || nb == 0 ? 0 : dot / MathF.Sqrt(na * nb);
    }
}

/// <summary>A knowledge base with no documents and no synonyms.</summary>
internal sealed class NoDocuments : IDocumentStore, ISynonymStore
{
    public Task<IReadOnlyList<(KnowledgeDocument Document, IReadOnlyList<KnowledgeChunk> Chunks)>> ListContentAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<(KnowledgeDocument, IReadOnlyList<KnowledgeChunk>)>>([]);

    public Task<IReadOnlyList<KnowledgeChunk>> GetChunksAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<KnowledgeChunk>>([]);

    Task<IReadOnlyList<SynonymGroup>> ISynonymStore.ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SynonymGroup>>([]);

    public Task<KnowledgeDocument> BeginVersionAsync(string? id, string fileName, DocumentMetadata metadata, CancellationToken cancellationToken = default) => throw Unused();
    public Task<bool> CommitVersionAsync(string id, int version, string fileName, DocumentMetadata metadata, IReadOnlyList<KnowledgeChunk> chunks, CancellationToken cancellationToken = default) => throw Unused();
    public Task MarkFailedAsync(string id, int version, string error, CancellationToken cancellationToken = default) => throw Unused();
    public Task<KnowledgeDocument?> FindAsync(string id, CancellationToken cancellationToken = default) => throw Unused();
    public Task<IReadOnlyList<KnowledgeDocument>> ListAsync(CancellationToken cancellationToken = default) => throw Unused();
    public Task<IReadOnlyList<KnowledgeChunk>> ListChunksAsync(string documentId, CancellationToken cancellationToken = default) => throw Unused();
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => throw Unused();
    public Task SaveAsync(SynonymGroup group, CancellationToken cancellationToken = default) => throw Unused();
    Task<bool> ISynonymStore.DeleteAsync(string id, CancellationToken cancellationToken) => throw Unused();

    private static InvalidOperationException Unused() => new("not used by these tests");
}

/// <summary>Key/value state in memory with ETags, for tests of code that keeps per-conversation memory.</summary>
internal sealed class InMemoryState : CustomerService.Abstractions.State.IStateStore
{
    private readonly Dictionary<string, (object Value, string ETag)> _entries = [];

    public Task<CustomerService.Abstractions.State.StateEntry<T>?> GetAsync<T>(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryGetValue(key, out var e) ? new CustomerService.Abstractions.State.StateEntry<T>(key, (T)e.Value, e.ETag) : null);

    public Task<string> SaveAsync<T>(string key, T value, string? etag, CancellationToken cancellationToken = default)
    {
        var exists = _entries.TryGetValue(key, out var current);
        if (etag is null ? exists : !exists || current.ETag != etag) throw new CustomerService.Abstractions.State.StateConflictException(key);
        var next = Guid.NewGuid().ToString("N");
        _entries[key] = (value!, next);
        return Task.FromResult(next);
    }

    public Task<bool> DeleteAsync(string key, string? etag, CancellationToken cancellationToken = default) => Task.FromResult(_entries.Remove(key));
}

/// <summary>Remembers what was scheduled; fires nothing.</summary>
internal sealed class RecordedTimers : CustomerService.Abstractions.Timers.IDurableTimers
{
    public Dictionary<string, CustomerService.Abstractions.Timers.DurableTimer> Scheduled { get; } = [];

    public Task ScheduleAsync(CustomerService.Abstractions.Timers.DurableTimer timer, CancellationToken cancellationToken = default)
    {
        Scheduled[timer.Key] = timer;
        return Task.CompletedTask;
    }

    public Task<bool> CancelAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(Scheduled.Remove(key));
}
