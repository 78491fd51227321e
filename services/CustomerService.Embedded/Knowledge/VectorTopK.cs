namespace CustomerService.Embedded.Knowledge;

/// <summary>
/// The best <c>capacity</c> (score, row) pairs seen so far: a min-heap whose root is the one to beat. Equal
/// scores are ordered by row (the lower row is better), so every scan order keeps the same rows.
/// </summary>
internal sealed class VectorTopK(int capacity)
{
    private readonly float[] _scores = new float[capacity];
    private readonly int[] _rows = new int[capacity];

    public int Count { get; private set; }

    public int Capacity => capacity;

    /// <summary>The score to beat once full.</summary>
    public float Min => _scores[0];

    /// <summary>In heap order, not sorted.</summary>
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    /// <summary>Parallel to <see cref="Rows"/>.</summary>
    public ReadOnlySpan<float> Scores => _scores.AsSpan(0, Count);

    public void Offer(float score, int row)
    {
        if (Count < capacity)
        {
            var i = Count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (!Worse(score, row, _scores[parent], _rows[parent]))
                {
                    break;
                }

                _scores[i] = _scores[parent];
                _rows[i] = _rows[parent];
                i = parent;
            }

            _scores[i] = score;
            _rows[i] = row;
        }
        else if (capacity > 0 && Worse(_scores[0], _rows[0], score, row))
        {
            SiftDown(score, row);
        }
    }

    private static bool Worse(float score, int row, float otherScore, int otherRow) =>
        score < otherScore || (score == otherScore && row > otherRow);

    private void SiftDown(float score, int row)
    {
        var i = 0;
        while (true)
        {
            var child = (i << 1) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && Worse(_scores[child + 1], _rows[child + 1], _scores[child], _rows[child]))
            {
                child++;
            }

            if (!Worse(_scores[child], _rows[child], score, row))
            {
                break;
            }

            _scores[i] = _scores[child];
            _rows[i] = _rows[child];
            i = child;
        }

        _scores[i] = score;
        _rows[i] = row;
    }
}
