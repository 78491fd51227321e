using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Retrieval;
using CustomerService.Embedded.Knowledge;
using CustomerService.Embedded.Storage;

namespace CustomerService.KnowledgeBenchmarks;

/// <param name="UnitsBytes">The knowledge units (ids, heading paths, metadata; no passage text) keyed by id, as a snapshot holds them.</param>
/// <param name="Bm25Bytes">The BM25 index over those units.</param>
/// <param name="VectorsBytes">One vector collection loaded from SQLite (float32 rows, int8 copy, ids, payloads) at its exact size.</param>
internal sealed record ComponentFigures(long UnitsBytes, long Bm25Bytes, long VectorsBytes, int Units, int Terms, int Postings);

/// <summary>
/// Where the resident memory goes, measured after the run's own figures were taken: each structure the service
/// keeps is built a second time, the same way, and the live managed heap is compared before and after.
/// </summary>
internal static class ComponentSizes
{
    public static async Task<ComponentFigures> MeasureAsync(KnowledgeServices services, CancellationToken cancellationToken)
    {
        var content = await services.Get<IDocumentStore>().ListContentAsync(cancellationToken);
        var withContent = Live();
        var units = content.SelectMany(d => d.Chunks.Select(c => KnowledgeUnit.FromChunk(d.Document, c))).ToDictionary(u => u.Id, StringComparer.Ordinal);
        var afterUnits = Live();

        var lexical = Bm25Index.Build([.. content.SelectMany(d => d.Chunks.Select(c => new LexicalUnit(c.Id, KnowledgeUnit.MatchedTexts(c))))]);
        var afterBm25 = Live();
        GC.KeepAlive(content);

        var collectionName = services.VectorCollection;
        await using var connection = await services.Get<SqliteDatabase>().OpenReadAsync(cancellationToken);
        using var collection = await SqliteVectorRows.LoadAsync(connection, collectionName, cancellationToken);
        var afterVectors = Live();

        GC.KeepAlive(units);
        GC.KeepAlive(lexical);
        GC.KeepAlive(collection);
        return new ComponentFigures(afterUnits - withContent, afterBm25 - afterUnits, afterVectors - afterBm25, units.Count, lexical.TermCount, lexical.PostingCount);
    }

    private static long Live()
    {
        MemoryFigures.FullCollect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
