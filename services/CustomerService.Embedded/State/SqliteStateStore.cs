using System.Text.Json;
using CustomerService.Abstractions.State;
using CustomerService.Embedded.Storage;

namespace CustomerService.Embedded.State;

internal sealed class SqliteStateStore(SqliteDatabase database, TimeProvider time) : IStateStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StateEntry<T>?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command("SELECT value, etag FROM state_entries WHERE key = @key", null, ("@key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var value = JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!;
        return new StateEntry<T>(key, value, reader.GetString(1));
    }

    public async Task<string> SaveAsync<T>(string key, T value, string? etag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var json = JsonSerializer.Serialize(value, Json);
        var newEtag = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow().ToUnixMs();
        var written = await database.WriteAsync((c, t) => etag is null
            ? c.ExecuteAsync(
                "INSERT INTO state_entries (key, value, etag, updated_at) VALUES (@key, @value, @etag, @now) ON CONFLICT (key) DO NOTHING",
                t, cancellationToken, ("@key", key), ("@value", json), ("@etag", newEtag), ("@now", now))
            : c.ExecuteAsync(
                "UPDATE state_entries SET value = @value, etag = @etag, updated_at = @now WHERE key = @key AND etag = @expected",
                t, cancellationToken, ("@key", key), ("@value", json), ("@etag", newEtag), ("@now", now), ("@expected", etag)),
            cancellationToken);

        return written == 1 ? newEtag : throw new StateConflictException(key);
    }

    public async Task<bool> DeleteAsync(string key, string? etag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return await database.WriteAsync(async (c, t) =>
        {
            var deleted = etag is null
                ? await c.ExecuteAsync("DELETE FROM state_entries WHERE key = @key", t, cancellationToken, ("@key", key))
                : await c.ExecuteAsync("DELETE FROM state_entries WHERE key = @key AND etag = @etag", t, cancellationToken, ("@key", key), ("@etag", etag));
            if (deleted == 0 && etag is not null
                && await c.ScalarAsync("SELECT 1 FROM state_entries WHERE key = @key", t, cancellationToken, ("@key", key)) is not null)
            {
                throw new StateConflictException(key);
            }

            return deleted > 0;
        }, cancellationToken);
    }
}
