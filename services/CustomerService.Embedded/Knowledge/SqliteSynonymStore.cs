using System.Text.Json;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Embedded.Storage;

namespace CustomerService.Embedded.Knowledge;

internal sealed class SqliteSynonymStore(SqliteDatabase database) : ISynonymStore
{
    public async Task<IReadOnlyList<SynonymGroup>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command("SELECT id, terms FROM knowledge_synonyms ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<SynonymGroup> groups = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new SynonymGroup(reader.GetString(0), JsonSerializer.Deserialize<string[]>(reader.GetString(1)) ?? []));
        }

        return groups;
    }

    public Task SaveAsync(SynonymGroup group, CancellationToken cancellationToken = default) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO knowledge_synonyms (id, terms) VALUES (@id, @terms) ON CONFLICT (id) DO UPDATE SET terms = excluded.terms",
            t, cancellationToken, ("@id", group.Id), ("@terms", JsonSerializer.Serialize(group.Terms))), cancellationToken);

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((c, t) => c.ExecuteAsync("DELETE FROM knowledge_synonyms WHERE id = @id", t, cancellationToken, ("@id", id)),
            cancellationToken) > 0;
}
