using System.Buffers;

namespace CustomerService.Core.Knowledge.Retrieval;

/// <summary>
/// An immutable BM25 index over the texts of lexical units, built once and searched concurrently
/// without locks. Each text of a unit is one BM25 document (length normalised against the average
/// over all texts); a unit scores as its best text. Terms come from the same analyzer as the FAQ
/// matcher, so lexical retrieval and FAQ matching agree on what a word is.
/// </summary>
/// <remarks>
/// Postings are stored column-wise in three flat arrays indexed by term id (no per-term objects), and
/// each posting already holds its tf/length-normalised factor, so a query is one multiply-add per posting.
/// </remarks>
public sealed class Bm25Index
{
    private readonly string[] _unitIds;
    private readonly int[] _unitFirstText;     // unit u owns texts [_unitFirstText[u], _unitFirstText[u + 1])
    private readonly Dictionary<string, int> _termIds;
    private readonly float[] _idf;              // by term id
    private readonly int[] _postingStart;       // term t's postings are [_postingStart[t], _postingStart[t + 1])
    private readonly int[] _postingText;
    private readonly Half[] _postingFactor;     // tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl)); half precision: ranking needs 3 digits, memory is 2 bytes a posting

    internal Bm25Index(
        string[] unitIds, int[] unitFirstText, Dictionary<string, int> termIds, float[] idf, int[] postingStart, int[] postingText, Half[] postingFactor)
    {
        _unitIds = unitIds;
        _unitFirstText = unitFirstText;
        _termIds = termIds;
        _idf = idf;
        _postingStart = postingStart;
        _postingText = postingText;
        _postingFactor = postingFactor;
    }

    public static Bm25Index Empty { get; } = Build([]);

    /// <summary>Number of units.</summary>
    public int Count => _unitIds.Length;

    /// <summary>Distinct terms over all texts; for sizing and diagnostics.</summary>
    public int TermCount => _idf.Length;

    /// <summary>Stored postings (term, text) pairs; for sizing and diagnostics.</summary>
    public int PostingCount => _postingText.Length;

    private int TextCount => _unitFirstText[^1];

    /// <exception cref="ArgumentException">Two units share an id, or the options are out of range.</exception>
    public static Bm25Index Build(IReadOnlyList<LexicalUnit> units, Bm25Options? options = null) =>
        Bm25IndexBuilder.Build(units, options ?? new Bm25Options());

    /// <summary>The weighted terms a query searches for, after synonym expansion; for explanations and tests.</summary>
    public static IReadOnlyList<Bm25QueryTerm> QueryTerms(string query, SynonymExpander? synonyms = null) =>
        synonyms is null ? SynonymExpander.Unexpanded(query) : synonyms.Expand(query);

    /// <summary>
    /// The best <paramref name="top"/> units for <paramref name="query"/>, best first, one hit per unit
    /// (its best text). Units with no query term are not returned; ties go to the smaller id (ordinal).
    /// </summary>
    /// <param name="allow">
    /// Filters unit ids (null = all). Corpus statistics stay those of the whole index, so a unit's score
    /// does not depend on the filter.
    /// </param>
    /// <param name="synonyms">Adds the terms of a synonym of any phrase the query contains, at a lower weight.</param>
    public IReadOnlyList<LexicalHit> Search(string query, int top, Func<string, bool>? allow = null, SynonymExpander? synonyms = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (top <= 0 || TextCount == 0)
        {
            return [];
        }

        var terms = Resolve(QueryTerms(query, synonyms));
        if (terms.Count == 0)
        {
            return [];
        }

        var scores = ArrayPool<float>.Shared.Rent(TextCount);
        try
        {
            Array.Clear(scores, 0, TextCount);
            foreach (var (term, weight) in terms)
            {
                var end = _postingStart[term + 1];
                for (var p = _postingStart[term]; p < end; p++)
                {
                    scores[_postingText[p]] += weight * (float)_postingFactor[p];
                }
            }

            return SelectTop(scores, top, allow);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    // Query terms the index has never seen are dropped: they cannot move one unit above another.
    private List<(int Term, float Weight)> Resolve(IReadOnlyList<Bm25QueryTerm> terms)
    {
        List<(int, float)> resolved = new(terms.Count);
        foreach (var term in terms)
        {
            if (_termIds.TryGetValue(term.Term, out var id))
            {
                resolved.Add((id, (float)(term.Weight * _idf[id])));
            }
        }

        return resolved;
    }

    private LexicalHit[] SelectTop(float[] scores, int top, Func<string, bool>? allow)
    {
        var best = new Bm25TopK(Math.Min(top, _unitIds.Length), _unitIds);
        for (var u = 0; u < _unitIds.Length; u++)
        {
            var bestText = -1;
            var bestScore = 0f;
            for (var t = _unitFirstText[u]; t < _unitFirstText[u + 1]; t++)
            {
                if (scores[t] > bestScore)
                {
                    bestScore = scores[t];
                    bestText = t;
                }
            }

            // The filter runs only for units that matched, so a costly predicate is not paid for every unit.
            if (bestText >= 0 && best.Admits(bestScore, u) && (allow is null || allow(_unitIds[u])))
            {
                best.Add(bestScore, u, bestText - _unitFirstText[u]);
            }
        }

        return best.ToHitsBestFirst();
    }
}
