namespace CustomerService.Core.Knowledge.Retrieval;

/// <summary>
/// Keeps the best k (score, unit) pairs in a min-heap whose root is the worst kept, so each of the
/// up to 100,000 candidates costs one comparison unless it beats the root. Equal scores are ordered
/// by unit id (ordinal), so results do not depend on the order units were indexed in.
/// </summary>
internal sealed class Bm25TopK(int capacity, string[] unitIds)
{
    private readonly (float Score, int Unit, int TextIndex)[] _heap = new (float, int, int)[capacity];
    private int _count;

    /// <summary>Whether a candidate would be kept; lets the caller skip work for ones that would not.</summary>
    public bool Admits(float score, int unit) =>
        _heap.Length > 0 && (_count < _heap.Length || IsWorse(_heap[0].Score, _heap[0].Unit, score, unit));

    public void Add(float score, int unit, int textIndex)
    {
        if (!Admits(score, unit)) return;
        if (_count < _heap.Length)
        {
            _heap[_count] = (score, unit, textIndex);
            SiftUp(_count++);
        }
        else
        {
            _heap[0] = (score, unit, textIndex);
            SiftDown(0);
        }
    }

    public LexicalHit[] ToHitsBestFirst()
    {
        var kept = _heap.AsSpan(0, _count).ToArray();
        Array.Sort(kept, (a, b) => IsWorse(a.Score, a.Unit, b.Score, b.Unit) ? 1 : IsWorse(b.Score, b.Unit, a.Score, a.Unit) ? -1 : 0);
        return Array.ConvertAll(kept, k => new LexicalHit(unitIds[k.Unit], k.Score, k.TextIndex));
    }

    private bool IsWorse(float score, int unit, float otherScore, int otherUnit) =>
        score < otherScore || score == otherScore && string.CompareOrdinal(unitIds[unit], unitIds[otherUnit]) > 0;

    private bool IsWorse(int i, int j) => IsWorse(_heap[i].Score, _heap[i].Unit, _heap[j].Score, _heap[j].Unit);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!IsWorse(i, parent)) return;
            (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var worst = i;
            var left = 2 * i + 1;
            if (left < _count && IsWorse(left, worst)) worst = left;
            if (left + 1 < _count && IsWorse(left + 1, worst)) worst = left + 1;
            if (worst == i) return;
            (_heap[i], _heap[worst]) = (_heap[worst], _heap[i]);
            i = worst;
        }
    }
}
