using System.Text.Json;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Embedded.Storage;

namespace CustomerService.Embedded.Knowledge;

internal sealed class SqliteIngestionJobStore(SqliteDatabase database) : IIngestionJobStore
{
    private const string Columns = "id, document_id, version, state, steps_done, chunks, error, created_at, updated_at";

    public Task SaveAsync(IngestionJob job, CancellationToken cancellationToken = default) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(
            $"""
            INSERT INTO ingestion_jobs ({Columns}) VALUES (@id, @document, @version, @state, @steps, @chunks, @error, @created, @updated)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, steps_done = excluded.steps_done, chunks = excluded.chunks,
                error = excluded.error, updated_at = excluded.updated_at
            """,
            t, cancellationToken, ("@id", job.Id), ("@document", job.DocumentId), ("@version", job.Version),
            ("@state", job.State.ToString().ToLowerInvariant()), ("@steps", JsonSerializer.Serialize(job.StepsDone)), ("@chunks", job.ChunkCount),
            ("@error", job.Error), ("@created", job.CreatedAt.ToUnixMs()), ("@updated", job.UpdatedAt.ToUnixMs())), cancellationToken);

    public async Task<IngestionJob?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {Columns} FROM ingestion_jobs WHERE id = @id", cancellationToken, ("@id", id))).FirstOrDefault();

    public async Task<IReadOnlyList<IngestionJob>> ListUnfinishedAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM ingestion_jobs WHERE state IN ('queued', 'running') ORDER BY created_at", cancellationToken);

    private async Task<List<IngestionJob>> QueryAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command(sql, null, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<IngestionJob> jobs = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new IngestionJob(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), Enum.Parse<IngestionState>(reader.GetString(3), ignoreCase: true),
                JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [], reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                SqliteCommands.FromUnixMs(reader.GetInt64(7)), SqliteCommands.FromUnixMs(reader.GetInt64(8))));
        }

        return jobs;
    }
}
