using System.Numerics.Tensors;
using CustomerService.Abstractions.Knowledge;

namespace CustomerService.Embedded.Knowledge;

/// <summary>
/// One collection in memory, laid out for scanning: a contiguous row-major matrix of L2-normalised
/// vectors (so cosine similarity is a dot product), an int8 copy of it for the fast first pass, and
/// the filterable payload fields as a column of interned codes. A delete moves the last row into the
/// hole. Searches share a read lock; writes take the write lock.
/// </summary>
internal sealed partial class VectorCollection(string name, int dimensions) : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int> _rowOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
    private float[] _vectors = [];
    private sbyte[] _codes = [];
    private (float Scale, float L1)[] _codeScales = [];
    private string[] _ids = [];
    private VectorPayload[] _payloads = [];
    private VectorRowFields[] _fields = [];

    public string Name => name;

    public int Dimensions => dimensions;

    /// <summary>Rows in use; rows at and after this index are spare capacity.</summary>
    public int Count { get; private set; }

    /// <summary>Adds or replaces points by id; the caller has checked their dimensions.</summary>
    public void Upsert(IReadOnlyList<VectorPoint> points)
    {
        _lock.EnterWriteLock();
        try
        {
            EnsureCapacity(Count + points.Count);
            foreach (var point in points)
            {
                Put(point.Id, point.Vector.Span, point.Payload);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds one stored point while the collection is being loaded (before anyone else can see it).</summary>
    public void Load(string id, ReadOnlySpan<float> vector, VectorPayload payload, int expectedCount)
    {
        EnsureCapacity(Math.Max(Count + 1, expectedCount));
        Put(id, vector, payload);
    }

    /// <summary>The ids of every point the filter matches.</summary>
    public List<string> Match(VectorFilter filter)
    {
        _lock.EnterReadLock();
        try
        {
            var plan = VectorFilterPlan.Compile(filter, _terms);
            List<string> ids = [];
            for (var row = 0; row < Count && !plan.MatchesNothing; row++)
            {
                if (plan.Matches(in _fields[row]))
                {
                    ids.Add(_ids[row]);
                }
            }

            return ids;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Removes points by id, moving the last row into each hole.</summary>
    public void Remove(IEnumerable<string> ids)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var id in ids)
            {
                if (_rowOf.Remove(id, out var row))
                {
                    MoveLastInto(row);
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void Put(string id, ReadOnlySpan<float> vector, VectorPayload payload)
    {
        if (!_rowOf.TryGetValue(id, out var row))
        {
            row = Count++;
            _rowOf[id] = row;
            _ids[row] = id;
        }

        var target = _vectors.AsSpan(row * dimensions, dimensions);
        Normalize(vector, target);
        _codeScales[row] = VectorInt8.Quantize(target, _codes.AsSpan(row * dimensions, dimensions));
        var stored = payload with { Tags = payload.Tags is null ? null : [.. payload.Tags] };
        _payloads[row] = stored;
        _fields[row] = new VectorRowFields(
            Intern(stored.DocumentId), Intern(stored.Category), Intern(stored.Language),
            stored.Tags is null ? [] : [.. stored.Tags.Select(Intern).Distinct()],
            stored.ValidFrom?.UtcTicks ?? long.MinValue, stored.ValidTo?.UtcTicks ?? long.MaxValue);
    }

    private void MoveLastInto(int row)
    {
        var last = Count - 1;
        if (row != last)
        {
            _vectors.AsSpan(last * dimensions, dimensions).CopyTo(_vectors.AsSpan(row * dimensions, dimensions));
            _codes.AsSpan(last * dimensions, dimensions).CopyTo(_codes.AsSpan(row * dimensions, dimensions));
            _codeScales[row] = _codeScales[last];
            _ids[row] = _ids[last];
            _payloads[row] = _payloads[last];
            _fields[row] = _fields[last];
            _rowOf[_ids[row]] = row;
        }

        _ids[last] = null!;
        _payloads[last] = null!;
        _fields[last] = default;
        Count = last;
    }

    private void EnsureCapacity(int rows)
    {
        if (rows <= _ids.Length)
        {
            return;
        }

        var capacity = Math.Max(rows, Math.Max(16, _ids.Length * 2));
        Array.Resize(ref _vectors, checked(capacity * dimensions));
        Array.Resize(ref _codes, capacity * dimensions);
        Array.Resize(ref _codeScales, capacity);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _payloads, capacity);
        Array.Resize(ref _fields, capacity);
    }

    private int Intern(string? term)
    {
        if (term is null)
        {
            return VectorRowFields.None;
        }

        if (!_terms.TryGetValue(term, out var code))
        {
            code = _terms.Count;
            _terms.Add(term, code);
        }

        return code;
    }

    /// <summary>Scales to unit length; a zero vector stays zero (it is similar to nothing).</summary>
    internal static void Normalize(ReadOnlySpan<float> source, Span<float> target)
    {
        var norm = TensorPrimitives.Norm(source);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(source, norm, target);
        }
        else
        {
            target.Clear();
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>The filterable fields of one row: strings as interned codes (<see cref="None"/> when unset), times as UTC ticks.</summary>
internal readonly record struct VectorRowFields(int Document, int Category, int Language, int[] Tags, long ValidFrom, long ValidTo)
{
    public const int None = -1;
}
