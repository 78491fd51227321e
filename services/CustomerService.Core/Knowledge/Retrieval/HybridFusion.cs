namespace CustomerService.Core.Knowledge.Retrieval;

/// <summary>One entry of a ranking, which lists entries best first.</summary>
public sealed record RankedId(string Id, double Score);

/// <param name="LexicalRank">1-based position in the lexical ranking; null when the id is not in it.</param>
/// <param name="LexicalScore">The score the lexical ranking gave (before any normalisation); null when absent.</param>
public sealed record FusedHit(string Id, double Score, int? LexicalRank, int? VectorRank, double? LexicalScore, double? VectorScore);

/// <summary>
/// Fuses a lexical and a vector ranking of the same units. Lexical search catches exact wording (order
/// numbers, product names, 开票) that embeddings blur; vector search catches paraphrases with no shared
/// term. An id missing from one ranking contributes nothing from it.
/// </summary>
public static class HybridFusion
{
    /// <param name="lexical">Best first; the position is the rank. A repeated id keeps its first (best) position.</param>
    /// <param name="vector">Best first, as <paramref name="lexical"/>.</param>
    /// <returns>Best first, at most <paramref name="top"/>; equal scores ordered by id (ordinal) so results are reproducible.</returns>
    /// <exception cref="ArgumentException">The options fail <see cref="FusionOptionsValidator"/>.</exception>
    public static IReadOnlyList<FusedHit> Fuse(IReadOnlyList<RankedId> lexical, IReadOnlyList<RankedId> vector, FusionOptions options, int top)
    {
        ArgumentNullException.ThrowIfNull(lexical);
        ArgumentNullException.ThrowIfNull(vector);
        var errors = FusionOptionsValidator.Errors(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        if (top <= 0)
        {
            return [];
        }

        var fused = new Dictionary<string, Contribution>(StringComparer.Ordinal);
        Collect(lexical, fused, isLexical: true);
        Collect(vector, fused, isLexical: false);
        var lexicalRange = Range(fused.Values.Select(c => c.LexicalScore));
        var vectorRange = Range(fused.Values.Select(c => c.VectorScore));

        return fused.Values
            .Select(c => new FusedHit(
                c.Id,
                options.Mode == FusionMode.Weighted
                    ? Weighted(c.LexicalScore, lexicalRange, options.LexicalWeight) + Weighted(c.VectorScore, vectorRange, options.VectorWeight)
                    : Reciprocal(c.LexicalRank, options.RrfK, options.LexicalWeight) + Reciprocal(c.VectorRank, options.RrfK, options.VectorWeight),
                c.LexicalRank,
                c.VectorRank,
                c.LexicalScore,
                c.VectorScore))
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => hit.Id, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }

    private sealed class Contribution(string id)
    {
        public string Id { get; } = id;

        public int? LexicalRank { get; set; }

        public int? VectorRank { get; set; }

        public double? LexicalScore { get; set; }

        public double? VectorScore { get; set; }
    }

    private static void Collect(IReadOnlyList<RankedId> ranking, Dictionary<string, Contribution> fused, bool isLexical)
    {
        for (var i = 0; i < ranking.Count; i++)
        {
            var (id, score) = ranking[i];
            if (!fused.TryGetValue(id, out var contribution))
            {
                fused[id] = contribution = new Contribution(id);
            }

            if (isLexical && contribution.LexicalRank is null)
            {
                (contribution.LexicalRank, contribution.LexicalScore) = (i + 1, score);
            }
            else if (!isLexical && contribution.VectorRank is null)
            {
                (contribution.VectorRank, contribution.VectorScore) = (i + 1, score);
            }
        }
    }

    private static double Reciprocal(int? rank, int k, double weight) => rank is { } r ? weight / (k + r) : 0;

    // Min-max within the list: BM25 scores are unbounded and cosine scores are not, so only relative position
    // inside each list is comparable. A list whose scores are all equal has no spread; its entries count as the best.
    private static double Weighted(double? score, (double Min, double Max) range, double weight)
    {
        if (score is not { } s) return 0;
        var spread = range.Max - range.Min;
        return weight * (spread > 0 ? (s - range.Min) / spread : 1);
    }

    // Over the scores that count (a repeated id's later scores do not), so the list's best is exactly 1 and its worst 0.
    private static (double Min, double Max) Range(IEnumerable<double?> scores)
    {
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var score in scores)
        {
            if (score is not { } s) continue;
            min = Math.Min(min, s);
            max = Math.Max(max, s);
        }

        return (min, max);
    }
}
