using System.Collections.Concurrent;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Embedded.Storage;

namespace CustomerService.Embedded.Knowledge;

/// <summary>
/// The embedded vector index: points are stored in SQLite and searched in memory by brute force
/// (see <see cref="VectorCollection"/>). A collection is read from SQLite the first time it is used,
/// so a restart keeps everything. Writes are serialised by one gate and reach SQLite before memory;
/// searches never wait for SQLite.
/// </summary>
internal sealed class SqliteVectorIndex(SqliteDatabase database) : IVectorIndex, IDisposable
{
    private readonly ConcurrentDictionary<string, VectorCollection> _collections = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writes = new(1, 1);

    public async Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var existing = await FindAsync(collection, cancellationToken);
            if (existing is not null)
            {
                if (existing.Dimensions != dimensions)
                {
                    throw new InvalidOperationException(
                        $"Vector collection '{collection}' exists with {existing.Dimensions} dimensions; {dimensions} were asked for.");
                }

                return;
            }

            await database.WriteAsync((c, t) => SqliteVectorRows.CreateCollectionAsync(c, t, collection, dimensions, cancellationToken), cancellationToken);
            _collections[collection] = new VectorCollection(collection, dimensions);
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task UpsertAsync(string collection, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var target = await GetAsync(collection, cancellationToken);
        Validate(points, target);
        if (points.Count == 0)
        {
            return;
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            await database.WriteAsync((c, t) => SqliteVectorRows.UpsertAsync(c, t, collection, points, cancellationToken), cancellationToken);
            target.Upsert(points);
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<int> DeleteAsync(string collection, VectorFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var target = await GetAsync(collection, cancellationToken);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var ids = target.Match(filter);
            if (ids.Count == 0)
            {
                return 0;
            }

            var all = ids.Count == target.Count;
            await database.WriteAsync((c, t) => SqliteVectorRows.DeleteAsync(c, t, collection, ids, all, cancellationToken), cancellationToken);
            target.Remove(ids);
            return ids.Count;
        }
        finally
        {
            _writes.Release();
        }
    }

    public Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, ReadOnlyMemory<float> vector, int top, VectorFilter? filter = null,
        float? scoreThreshold = null, CancellationToken cancellationToken = default) =>
        SearchAsync(collection, vector, top, filter, scoreThreshold, exact: false, cancellationToken);

    /// <summary>Like <see cref="SearchAsync(string, ReadOnlyMemory{float}, int, VectorFilter?, float?, CancellationToken)"/> but always scores every row in float32; the benchmark's recall reference.</summary>
    internal Task<IReadOnlyList<VectorHit>> SearchExactAsync(string collection, ReadOnlyMemory<float> vector, int top, VectorFilter? filter = null,
        float? scoreThreshold = null, CancellationToken cancellationToken = default) =>
        SearchAsync(collection, vector, top, filter, scoreThreshold, exact: true, cancellationToken);

    private async Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, ReadOnlyMemory<float> vector, int top, VectorFilter? filter,
        float? scoreThreshold, bool exact, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var target = await GetAsync(collection, cancellationToken);
        CheckVector(vector.Span, target, "The query vector", nameof(vector));
        cancellationToken.ThrowIfCancellationRequested();
        return target.Search(vector.Span, top, filter, scoreThreshold, exact);
    }

    private async ValueTask<VectorCollection> GetAsync(string collection, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        if (_collections.TryGetValue(collection, out var loaded))
        {
            return loaded;
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            return await FindAsync(collection, cancellationToken)
                ?? throw new InvalidOperationException($"Vector collection '{collection}' does not exist; create it with EnsureCollectionAsync first.");
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>The collection from memory, or loaded from SQLite; the caller holds the write gate so nothing changes meanwhile.</summary>
    private async Task<VectorCollection?> FindAsync(string collection, CancellationToken cancellationToken)
    {
        if (_collections.TryGetValue(collection, out var loaded))
        {
            return loaded;
        }

        await using var connection = await database.OpenReadAsync(cancellationToken);
        var read = await SqliteVectorRows.LoadAsync(connection, collection, cancellationToken);
        if (read is not null)
        {
            _collections[collection] = read;
        }

        return read;
    }

    private static void Validate(IReadOnlyList<VectorPoint> points, VectorCollection collection)
    {
        foreach (var point in points)
        {
            if (point is null || string.IsNullOrEmpty(point.Id))
            {
                throw new ArgumentException($"Every point upserted into '{collection.Name}' needs an id.", nameof(points));
            }

            if (point.Payload is null || string.IsNullOrEmpty(point.Payload.DocumentId))
            {
                throw new ArgumentException($"Point '{point.Id}' needs a payload with a document id.", nameof(points));
            }

            CheckVector(point.Vector.Span, collection, $"Point '{point.Id}'", nameof(points));
        }
    }

    private static void CheckVector(ReadOnlySpan<float> vector, VectorCollection collection, string what, string parameter)
    {
        if (vector.Length != collection.Dimensions)
        {
            throw new ArgumentException(
                $"{what} has {vector.Length} dimensions; collection '{collection.Name}' expects {collection.Dimensions} dimensions.", parameter);
        }

        foreach (var x in vector)
        {
            if (!float.IsFinite(x))
            {
                throw new ArgumentException($"{what} contains NaN or infinity.", parameter);
            }
        }
    }

    public void Dispose()
    {
        foreach (var collection in _collections.Values)
        {
            collection.Dispose();
        }

        _writes.Dispose();
    }
}
