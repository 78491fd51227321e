using CustomerService.Abstractions.Knowledge;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Knowledge.Retrieval;

/// <summary>
/// Hybrid retrieval: BM25 over the units and cosine over their vectors, each asked for more than it
/// returns, fused by reciprocal rank (or weights), with the metadata filters applied in both.
/// </summary>
public sealed class KnowledgeSearch(KnowledgeIndex index, KnowledgeVectors vectors, IDocumentStore documents, IOptionsMonitor<FusionOptions> fusion,
    TimeProvider time)
{
    private const int Depth = 5; // candidates per index for each hit returned

    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, SearchRequest request, CancellationToken cancellationToken)
    {
        var snapshot = index.Current;
        var now = time.GetUtcNow();
        var depth = Math.Max(request.Top * Depth, 20);

        // Most searches (every chat turn) filter nothing: then no unit is checked one by one.
        var filtered = request.Category is not null || request.Language is not null || request.Tags is { Count: > 0 } || snapshot.HasValidityWindows;
        Func<string, bool>? allow = filtered ? id => snapshot.Units.TryGetValue(id, out var u) && u.Matches(request, now) : null;

        IReadOnlyList<RankedId> lexical = request.Mode == SearchMode.Vector ? [] :
            [.. snapshot.Lexical.Search(query, depth, allow, snapshot.Synonyms).Select(h => new RankedId(h.Id, h.Score))];

        var vectorScores = new Dictionary<string, double>(StringComparer.Ordinal);
        if (request.Mode != SearchMode.Lexical)
        {
            // Several points (questions) may belong to one unit: the unit scores as its best.
            foreach (var hit in await vectors.SearchAsync(query, depth * 2, filtered ? request.ToVectorFilter(now) : null, cancellationToken))
            {
                if (snapshot.Units.ContainsKey(hit.Payload.ChunkId) && !vectorScores.ContainsKey(hit.Payload.ChunkId))
                {
                    vectorScores[hit.Payload.ChunkId] = hit.Score;
                }
            }
        }

        IReadOnlyList<RankedId> vector = [.. vectorScores.Take(depth).Select(p => new RankedId(p.Key, p.Value))];
        var fused = HybridFusion.Fuse(lexical, vector, fusion.CurrentValue, request.Top);
        var passages = (await documents.GetChunksAsync([.. fused.Where(f => snapshot.Units[f.Id].Faq is null).Select(f => f.Id)], cancellationToken))
            .ToDictionary(c => c.Id, c => c.Answer ?? c.Text, StringComparer.Ordinal);
        return [.. fused
            .Select(f => (Fused: f, Unit: snapshot.Units[f.Id]))
            // A passage deleted since the snapshot was built has no text left: it is not returned.
            .Where(x => x.Unit.Faq is not null || passages.ContainsKey(x.Fused.Id))
            .Select(x => new KnowledgeHit(x.Unit, x.Unit.Faq?.Answer ?? passages[x.Fused.Id], x.Fused.Score, FoundBy(x.Fused), x.Fused.LexicalRank,
                x.Fused.VectorRank, x.Fused.LexicalScore, vectorScores.TryGetValue(x.Fused.Id, out var cosine) ? cosine : null))];
    }

    private static List<string> FoundBy(FusedHit hit) =>
        [.. new[] { hit.LexicalRank is null ? null : "lexical", hit.VectorRank is null ? null : "vector" }.OfType<string>()];
}
