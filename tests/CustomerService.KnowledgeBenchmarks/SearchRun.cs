using System.Diagnostics;
using CustomerService.Core.Knowledge.Retrieval;

namespace CustomerService.KnowledgeBenchmarks;

/// <param name="MeanHits">Hits returned per query (at most 10).</param>
/// <param name="SourceFound">Share of queries whose source document has a hit in the top 10: a sanity check that the searches find text, not a relevance score.</param>
internal sealed record ModeFigures(string Mode, LatencySummary Latency, double MeanHits, double SourceFound)
{
    public const double TargetP50Ms = 10;
    public const double TargetP99Ms = 30;
}

/// <summary>
/// Times <see cref="KnowledgeSearch.SearchAsync"/> single-threaded, as a request would call it: embedding the query,
/// BM25, the vector index (its normal path) and fusion. Each series runs after its own warm-up queries.
/// </summary>
internal static class SearchRun
{
    public const int Top = 10;

    public static async Task<ModeFigures> MeasureAsync(KnowledgeSearch search, SearchMode mode, IReadOnlyList<BenchQuery> warmup,
        IReadOnlyList<BenchQuery> queries, CancellationToken cancellationToken)
    {
        var request = new SearchRequest(Top, mode);
        foreach (var query in warmup)
        {
            await search.SearchAsync(query.Text, request, cancellationToken);
        }

        // The ingestion's garbage is collected now, not during the first measured queries.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var ticks = new long[queries.Count];
        var (hits, found) = (0L, 0);
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = await search.SearchAsync(queries[i].Text, request, cancellationToken);
            ticks[i] = Stopwatch.GetTimestamp() - start;
            hits += result.Count;
            found += result.Any(h => h.Unit.DocumentId == queries[i].SourceDocumentId) ? 1 : 0;
        }

        return new ModeFigures(mode.ToString(), LatencySummary.From(ticks), (double)hits / queries.Count, (double)found / queries.Count);
    }
}
