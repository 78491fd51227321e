using System.Text.Json;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Embedded.Storage;

namespace CustomerService.Embedded.Knowledge;

internal sealed class SqliteFaqStore(SqliteDatabase database, TimeProvider time) : IFaqStore
{
    public Task<FaqImportResult> UpsertAsync(IReadOnlyList<FaqEntry> entries, string source, string contentHash, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, t) =>
        {
            var now = time.GetUtcNow().ToUnixMs();
            int added = 0, replaced = 0;
            foreach (var entry in entries)
            {
                var exists = await c.ScalarAsync("SELECT 1 FROM faq_entries WHERE id = @id", t, cancellationToken, ("@id", entry.Id)) is not null;
                await c.ExecuteAsync(
                    """
                    INSERT INTO faq_entries (id, intent, questions, answer, updated_at) VALUES (@id, @intent, @questions, @answer, @now)
                    ON CONFLICT (id) DO UPDATE SET intent = excluded.intent, questions = excluded.questions,
                        answer = excluded.answer, updated_at = excluded.updated_at
                    """,
                    t, cancellationToken, ("@id", entry.Id), ("@intent", entry.Intent),
                    ("@questions", JsonSerializer.Serialize(entry.Questions)), ("@answer", entry.Answer), ("@now", now));
                if (exists) replaced++; else added++;
            }

            await c.ExecuteAsync(
                """
                INSERT INTO knowledge_imports (content_hash, source, entries, imported_at) VALUES (@hash, @source, @entries, @now)
                ON CONFLICT (content_hash) DO UPDATE SET source = excluded.source, entries = excluded.entries, imported_at = excluded.imported_at
                """,
                t, cancellationToken, ("@hash", contentHash), ("@source", source), ("@entries", entries.Count), ("@now", now));
            var total = Convert.ToInt32(await c.ScalarAsync("SELECT COUNT(*) FROM faq_entries", t, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return new FaqImportResult(added, replaced, total);
        }, cancellationToken);

    public async Task<bool> WasImportedAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        return await connection.ScalarAsync("SELECT 1 FROM knowledge_imports WHERE content_hash = @hash", null, cancellationToken, ("@hash", contentHash)) is not null;
    }

    public async Task<IReadOnlyList<FaqEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command("SELECT id, intent, questions, answer FROM faq_entries ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<FaqEntry> entries = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            var questions = JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? [];
            entries.Add(new FaqEntry(reader.GetString(0), reader.GetString(1), questions, reader.GetString(3)));
        }

        return entries;
    }
}
