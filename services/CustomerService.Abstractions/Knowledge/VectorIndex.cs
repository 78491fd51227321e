namespace CustomerService.Abstractions.Knowledge;

/// <summary>
/// A vector database, shaped like Qdrant: named collections of points (id, vector, payload), searched
/// by similarity with a payload filter and a score threshold. Vectors are compared by cosine similarity.
/// </summary>
public interface IVectorIndex
{
    /// <summary>Creates the collection if it is missing; fails when it exists with other dimensions.</summary>
    Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces points by id.</summary>
    Task UpsertAsync(string collection, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default);

    /// <summary>Removes every point the filter matches; returns how many.</summary>
    Task<int> DeleteAsync(string collection, VectorFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="top"/> most similar points that pass the filter, best first.</summary>
    Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, ReadOnlyMemory<float> vector, int top, VectorFilter? filter = null,
        float? scoreThreshold = null, CancellationToken cancellationToken = default);
}

/// <param name="Id">Unique in its collection.</param>
public sealed record VectorPoint(string Id, ReadOnlyMemory<float> Vector, VectorPayload Payload);

/// <summary>What a point carries besides its vector; the fields a search can filter on are typed.</summary>
/// <param name="DocumentId">The document (or FAQ entry) the point belongs to.</param>
/// <param name="ChunkId">The chunk the vector was computed from.</param>
public sealed record VectorPayload(
    string DocumentId,
    string ChunkId,
    string? Category = null,
    string? Language = null,
    IReadOnlyList<string>? Tags = null,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidTo = null);

/// <summary>All given conditions must hold; a null condition is not checked.</summary>
/// <param name="AnyTags">The point has at least one of these tags.</param>
/// <param name="ValidAt">ValidFrom ≤ this ≤ ValidTo, where unset bounds are open.</param>
public sealed record VectorFilter(
    string? DocumentId = null,
    IReadOnlyList<string>? Categories = null,
    string? Language = null,
    IReadOnlyList<string>? AnyTags = null,
    DateTimeOffset? ValidAt = null);

/// <param name="Score">Cosine similarity in [-1, 1].</param>
public sealed record VectorHit(string Id, float Score, VectorPayload Payload);
