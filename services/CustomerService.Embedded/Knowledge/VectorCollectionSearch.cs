using System.Buffers;
using System.Numerics.Tensors;
using CustomerService.Abstractions.Knowledge;

namespace CustomerService.Embedded.Knowledge;

internal sealed partial class VectorCollection
{
    /// <summary>Below this many rows an exact scan is about as fast as the int8 pass, so it is used alone.</summary>
    internal const int QuantizedMinRows = 1_024;

    /// <summary>The int8 pass keeps this many times <c>top</c> candidates (at least <see cref="MinCandidates"/>) for exact re-ranking.</summary>
    internal const int Oversampling = 4;

    internal const int MinCandidates = 40;

    /// <summary>
    /// The <paramref name="top"/> rows most similar to <paramref name="vector"/> that pass the filter, best
    /// first. Unless <paramref name="exact"/>, a large collection is scanned in int8 first and only the best
    /// candidates are scored in float32; scores returned are always exact cosines.
    /// </summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> vector, int top, VectorFilter? filter, float? scoreThreshold, bool exact)
    {
        var query = new float[dimensions];
        Normalize(vector, query);
        var threshold = scoreThreshold ?? float.NegativeInfinity;
        _lock.EnterReadLock();
        try
        {
            var plan = VectorFilterPlan.Compile(filter, _terms);
            if (plan.MatchesNothing || Count == 0)
            {
                return [];
            }

            var best = exact || Count < QuantizedMinRows ? ScanExact(query, top, plan, threshold) : ScanQuantized(query, top, plan, threshold);
            return ToHits(best);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private VectorTopK ScanExact(float[] query, int top, VectorFilterPlan plan, float threshold)
    {
        var best = new VectorTopK(Math.Min(top, Count));
        ReadOnlySpan<float> matrix = _vectors.AsSpan(0, Count * dimensions);
        ReadOnlySpan<float> q = query;
        for (var row = 0; row < Count; row++)
        {
            if (plan.IsEmpty || plan.Matches(in _fields[row]))
            {
                var score = TensorPrimitives.Dot(matrix.Slice(row * dimensions, dimensions), q);
                if (score >= threshold)
                {
                    best.Offer(score, row);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Scores every row in int8, re-ranks the best candidates in float32, then re-ranks any other row
    /// whose error bound says it could still beat the k-th score, so the result equals the exact scan.
    /// </summary>
    private VectorTopK ScanQuantized(float[] query, int top, VectorFilterPlan plan, float threshold)
    {
        var codes = new sbyte[dimensions];
        var (queryScale, queryL1) = VectorInt8.Quantize(query, codes);
        var wide = Array.ConvertAll(codes, c => (short)c);
        var candidates = new VectorTopK(Math.Min(Count, Math.Max(top * Oversampling, MinCandidates)));
        var ceilings = ArrayPool<float>.Shared.Rent(Count);
        try
        {
            ReadOnlySpan<sbyte> matrix = _codes.AsSpan(0, Count * dimensions);
            for (var row = 0; row < Count; row++)
            {
                if (!plan.IsEmpty && !plan.Matches(in _fields[row]))
                {
                    ceilings[row] = float.NegativeInfinity;
                    continue;
                }

                var (scale, l1) = _codeScales[row];
                var approx = VectorInt8.Dot(matrix.Slice(row * dimensions, dimensions), wide) * scale * queryScale;
                ceilings[row] = approx + VectorInt8.ErrorBound(scale, l1, queryScale, queryL1);
                candidates.Offer(approx, row);
            }

            var best = new VectorTopK(Math.Min(top, Count));
            foreach (var row in candidates.Rows)
            {
                Rerank(row, query, threshold, best);
                ceilings[row] = float.NegativeInfinity;
            }

            for (var row = 0; row < Count; row++)
            {
                if (ceilings[row] >= (best.Count == best.Capacity ? Math.Max(best.Min, threshold) : threshold))
                {
                    Rerank(row, query, threshold, best);
                }
            }

            return best;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(ceilings);
        }
    }

    private void Rerank(int row, float[] query, float threshold, VectorTopK best)
    {
        var score = TensorPrimitives.Dot(_vectors.AsSpan(row * dimensions, dimensions), query);
        if (score >= threshold)
        {
            best.Offer(score, row);
        }
    }

    private VectorHit[] ToHits(VectorTopK best)
    {
        var hits = new VectorHit[best.Count];
        var rows = best.Rows;
        var scores = best.Scores;
        for (var i = 0; i < hits.Length; i++)
        {
            hits[i] = new VectorHit(_ids[rows[i]], Math.Clamp(scores[i], -1f, 1f), _payloads[rows[i]]);
        }

        Array.Sort(hits, static (a, b) => b.Score.CompareTo(a.Score) is var c and not 0 ? c : string.CompareOrdinal(a.Id, b.Id));
        return hits;
    }
}
