using System.Diagnostics;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Retrieval;
using CustomerService.Embedded.Knowledge;
using Microsoft.Extensions.AI;

namespace CustomerService.KnowledgeBenchmarks;

/// <param name="Normal">The index's usual search (int8 first pass and float32 re-ranking at this size), query vector given.</param>
/// <param name="Exact">The index's exact path: every row scored in float32, the same filter; the reference.</param>
/// <param name="Recall">Mean over queries of |normal ∩ exact| / |exact| at <paramref name="Top"/>.</param>
/// <param name="QueriesBelowFullRecall">Queries where the two top lists differ in at least one id.</param>
internal sealed record VectorFigures(int Top, LatencySummary Normal, LatencySummary Exact, double Recall, int QueriesBelowFullRecall)
{
    public const double TargetRecall = 0.99;
}

/// <summary>
/// The vector side measured against brute force in the same run: for the same query vectors, the index's normal
/// search and its exact float32 scan, with the filter a knowledge search sends (validity at now). Recall is taken
/// at 10 (the target) and at the depth the hybrid search actually asks the vector index for.
/// </summary>
internal static class VectorReference
{
    /// <summary>What <see cref="KnowledgeSearch"/> asks the vector index for at top 10: max(10 × 5, 20) × 2.</summary>
    public const int HybridDepth = 100;

    public static async Task<List<VectorFigures>> MeasureAsync(KnowledgeServices services, IReadOnlyList<BenchQuery> warmup,
        IReadOnlyList<BenchQuery> queries, CancellationToken cancellationToken)
    {
        var index = services.Get<SqliteVectorIndex>();
        var collection = services.VectorCollection;
        var generator = services.Get<IEmbeddingGenerator<string, Embedding<float>>>();
        var filter = new SearchRequest(SearchRun.Top).ToVectorFilter(services.Get<TimeProvider>().GetUtcNow());
        var warmupVectors = await generator.GenerateAsync(warmup.Select(q => q.Text), cancellationToken: cancellationToken);
        var vectors = await generator.GenerateAsync(queries.Select(q => q.Text), cancellationToken: cancellationToken);

        List<VectorFigures> figures = [];
        foreach (var top in new[] { SearchRun.Top, HybridDepth })
        {
            foreach (var vector in warmupVectors)
            {
                await index.SearchAsync(collection, vector.Vector, top, filter, cancellationToken: cancellationToken);
                await index.SearchExactAsync(collection, vector.Vector, top, filter, cancellationToken: cancellationToken);
            }

            GC.Collect();
            var (normalTicks, exactTicks) = (new long[vectors.Count], new long[vectors.Count]);
            var (recall, below) = (0.0, 0);
            for (var i = 0; i < vectors.Count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var normal = await index.SearchAsync(collection, vectors[i].Vector, top, filter, cancellationToken: cancellationToken);
                var middle = Stopwatch.GetTimestamp();
                var exact = await index.SearchExactAsync(collection, vectors[i].Vector, top, filter, cancellationToken: cancellationToken);
                exactTicks[i] = Stopwatch.GetTimestamp() - middle;
                normalTicks[i] = middle - start;

                var shared = Overlap(normal, exact);
                recall += exact.Count == 0 ? 1 : (double)shared / exact.Count;
                below += shared < exact.Count ? 1 : 0;
            }

            figures.Add(new VectorFigures(top, LatencySummary.From(normalTicks), LatencySummary.From(exactTicks), recall / vectors.Count, below));
        }

        return figures;
    }

    private static int Overlap(IReadOnlyList<VectorHit> normal, IReadOnlyList<VectorHit> exact)
    {
        var ids = exact.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        return normal.Count(h => ids.Contains(h.Id));
    }
}
