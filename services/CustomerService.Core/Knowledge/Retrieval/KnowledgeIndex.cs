using CustomerService.Abstractions.Knowledge;
using Microsoft.Extensions.Logging;

namespace CustomerService.Core.Knowledge.Retrieval;

/// <summary>
/// The searchable knowledge: every FAQ entry and ready document passage as units, with a BM25 index over
/// them. Rebuilt from the stores (the truth) and swapped in whole; concurrent rebuild requests coalesce.
/// </summary>
public sealed partial class KnowledgeIndex(IFaqStore faqs, IDocumentStore documents, ISynonymStore synonyms, ILogger<KnowledgeIndex> logger)
    : IDisposable
{
    /// <param name="HasValidityWindows">Some unit is valid only from or until a time, so every search must check the time.</param>
    public sealed record Snapshot(IReadOnlyDictionary<string, KnowledgeUnit> Units, Bm25Index Lexical, SynonymExpander Synonyms, bool HasValidityWindows);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot _current = new(new Dictionary<string, KnowledgeUnit>(), Bm25Index.Empty, new SynonymExpander([]), false);
    private long _requested;
    private long _built;

    public Snapshot Current => _current;

    public bool IsLoaded => Interlocked.Read(ref _built) > 0;

    /// <summary>Rebuilds unless a rebuild that started after this call already covers it.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var request = Interlocked.Increment(ref _requested);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Read(ref _built) >= request) return;
            var generation = Interlocked.Read(ref _requested);
            var previous = _current;
            _current = await BuildAsync(cancellationToken);
            Interlocked.Exchange(ref _built, generation);
            ReturnMemoryOf(previous);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rebuilds in the background (after an ingestion); a failure is logged, the old snapshot stays.</summary>
    public void RequestRebuild() => _ = Task.Run(async () =>
    {
        try
        {
            await RebuildAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            LogRebuildFailed(logger, e);
        }
    });

    private async Task<Snapshot> BuildAsync(CancellationToken cancellationToken)
    {
        // The texts are read here for BM25 and then let go: only the units' ids and metadata stay.
        var entries = await faqs.ListAsync(cancellationToken);
        var content = await documents.ListContentAsync(cancellationToken);
        var lexical = Bm25Index.Build([
            .. entries.Select(e => new LexicalUnit(KnowledgeUnit.FaqPrefix + e.Id, e.Questions)),
            .. content.SelectMany(d => d.Chunks.Select(c => new LexicalUnit(c.Id, KnowledgeUnit.MatchedTexts(c))))]);
        var units = entries.Select(KnowledgeUnit.FromFaq)
            .Concat(content.SelectMany(d => d.Chunks.Select(c => KnowledgeUnit.FromChunk(d.Document, c))))
            .ToDictionary(u => u.Id, StringComparer.Ordinal);
        var groups = await synonyms.ListAsync(cancellationToken);
        LogRebuilt(logger, units.Count, groups.Count);
        return new Snapshot(units, lexical, new SynonymExpander(groups.Select(g => g.Terms)),
            units.Values.Any(u => u.Metadata.ValidFrom is not null || u.Metadata.ValidTo is not null));
    }

    // A large snapshot that was swapped out leaves hundreds of megabytes the GC would otherwise keep committed
    // for later; rebuilds are rare (an upload, a synonym change), so one blocking, compacting collection that
    // hands the memory back to the OS is worth its pause. Small knowledge bases never pay it.
    private const int LargeSnapshotUnits = 20_000;

    private static void ReturnMemoryOf(Snapshot previous)
    {
        if (previous.Units.Count < LargeSnapshotUnits) return;
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index rebuilt: {Units} units, {SynonymGroups} synonym groups")]
    private static partial void LogRebuilt(ILogger logger, int units, int synonymGroups);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge index rebuild failed; searches keep the previous snapshot")]
    private static partial void LogRebuildFailed(ILogger logger, Exception error);
}
