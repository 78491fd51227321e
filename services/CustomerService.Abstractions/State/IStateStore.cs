namespace CustomerService.Abstractions.State;

/// <summary>
/// Key/value state with ETag optimistic concurrency. A write that carries a stale ETag is rejected
/// with <see cref="StateConflictException"/>: it never silently overwrites someone else's write.
/// </summary>
public interface IStateStore
{
    Task<StateEntry<T>?> GetAsync<T>(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes the value and returns its new ETag.</summary>
    /// <param name="etag">The ETag read before; <c>null</c> means "create": the key must not exist yet.</param>
    Task<string> SaveAsync<T>(string key, T value, string? etag, CancellationToken cancellationToken = default);

    /// <summary>Deletes the key; false when it did not exist.</summary>
    /// <param name="etag">When given, the delete only happens if the stored ETag still matches.</param>
    Task<bool> DeleteAsync(string key, string? etag, CancellationToken cancellationToken = default);
}

public sealed record StateEntry<T>(string Key, T Value, string ETag);

public sealed class StateConflictException(string key)
    : Exception($"The state '{key}' was changed by someone else (ETag mismatch); read it again and retry.")
{
    public string Key { get; } = key;
}
