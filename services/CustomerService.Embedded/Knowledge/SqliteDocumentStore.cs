using System.Text.Json;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Embedded.Storage;
using Microsoft.Data.Sqlite;

namespace CustomerService.Embedded.Knowledge;

/// <summary>
/// Documents and chunks in SQLite. A document row's <c>version</c> is the committed one (0: none yet);
/// <c>next_version</c> hands out versions to uploads, so concurrent re-uploads never share one.
/// </summary>
internal sealed class SqliteDocumentStore(SqliteDatabase database, TimeProvider time) : IDocumentStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string Columns = "id, version, file_name, metadata, status, chunks, error, updated_at";

    public Task<KnowledgeDocument> BeginVersionAsync(string? id, string fileName, DocumentMetadata metadata, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, t) =>
        {
            var documentId = string.IsNullOrWhiteSpace(id) ? Guid.CreateVersion7().ToString("N") : id.Trim();
            var now = time.GetUtcNow().ToUnixMs();
            await c.ExecuteAsync(
                """
                INSERT INTO knowledge_documents (id, version, file_name, metadata, status, next_version, chunks, updated_at)
                VALUES (@id, 0, @file, @metadata, 'processing', 1, 0, @now) ON CONFLICT (id) DO NOTHING
                """,
                t, cancellationToken, ("@id", documentId), ("@file", fileName), ("@metadata", JsonSerializer.Serialize(metadata, Json)), ("@now", now));
            var version = Convert.ToInt32(await c.ScalarAsync(
                "UPDATE knowledge_documents SET next_version = next_version + 1 WHERE id = @id RETURNING next_version - 1",
                t, cancellationToken, ("@id", documentId)), System.Globalization.CultureInfo.InvariantCulture);
            var document = await ReadAsync(c, t, documentId, cancellationToken);
            return document! with { Version = version };
        }, cancellationToken);

    public Task<bool> CommitVersionAsync(string id, int version, string fileName, DocumentMetadata metadata, IReadOnlyList<KnowledgeChunk> chunks,
        CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, t) =>
        {
            var updated = await c.ExecuteAsync(
                """
                UPDATE knowledge_documents SET version = @version, file_name = @file, metadata = @metadata, status = 'ready',
                    chunks = @chunks, error = NULL, updated_at = @now
                WHERE id = @id AND version < @version
                """,
                t, cancellationToken, ("@id", id), ("@version", version), ("@file", fileName), ("@metadata", JsonSerializer.Serialize(metadata, Json)),
                ("@chunks", chunks.Count), ("@now", time.GetUtcNow().ToUnixMs()));
            if (updated == 0)
            {
                return false;
            }

            await c.ExecuteAsync("DELETE FROM knowledge_chunks WHERE document_id = @id", t, cancellationToken, ("@id", id));
            foreach (var chunk in chunks)
            {
                await c.ExecuteAsync(
                    """
                    INSERT INTO knowledge_chunks (id, document_id, idx, text, heading, start_at, end_at, questions, answer)
                    VALUES (@id, @document, @idx, @text, @heading, @start, @end, @questions, @answer)
                    """,
                    t, cancellationToken, ("@id", chunk.Id), ("@document", id), ("@idx", chunk.Index), ("@text", chunk.Text),
                    ("@heading", JsonSerializer.Serialize(chunk.HeadingPath, Json)), ("@start", chunk.Start), ("@end", chunk.End),
                    ("@questions", JsonSerializer.Serialize(chunk.Questions, Json)), ("@answer", chunk.Answer));
            }

            return true;
        }, cancellationToken);

    public Task MarkFailedAsync(string id, int version, string error, CancellationToken cancellationToken = default) =>
        database.WriteAsync((c, t) => c.ExecuteAsync(
            // Only a document that never had content shows the failure; otherwise its last good version stays.
            "UPDATE knowledge_documents SET status = 'failed', error = @error, updated_at = @now WHERE id = @id AND version = 0",
            t, cancellationToken, ("@id", id), ("@error", error), ("@now", time.GetUtcNow().ToUnixMs())), cancellationToken);

    public async Task<KnowledgeDocument?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        return await ReadAsync(connection, null, id, cancellationToken);
    }

    public async Task<IReadOnlyList<KnowledgeDocument>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM knowledge_documents ORDER BY updated_at DESC");
        return await ReadDocumentsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<KnowledgeChunk>> ListChunksAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT id, document_id, idx, text, heading, start_at, end_at, questions, answer FROM knowledge_chunks WHERE document_id = @id ORDER BY idx",
            null, ("@id", documentId));
        return await ReadChunksAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<KnowledgeChunk>> GetChunksAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return [];
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var parameters = ids.Select((id, i) => ($"@p{i}", (object?)id)).ToArray();
        await using var command = connection.Command(
            $"SELECT id, document_id, idx, text, heading, start_at, end_at, questions, answer FROM knowledge_chunks WHERE id IN ({string.Join(", ", parameters.Select(p => p.Item1))})",
            null, parameters);
        return await ReadChunksAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<(KnowledgeDocument Document, IReadOnlyList<KnowledgeChunk> Chunks)>> ListContentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var documents = connection.Command($"SELECT {Columns} FROM knowledge_documents WHERE version > 0 ORDER BY id");
        var ready = await ReadDocumentsAsync(documents, cancellationToken);
        await using var chunks = connection.Command(
            "SELECT id, document_id, idx, text, heading, start_at, end_at, questions, answer FROM knowledge_chunks ORDER BY document_id, idx");
        var byDocument = (await ReadChunksAsync(chunks, cancellationToken)).ToLookup(c => c.DocumentId);
        return [.. ready.Select(d => (d, (IReadOnlyList<KnowledgeChunk>)[.. byDocument[d.Id]]))];
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("DELETE FROM knowledge_chunks WHERE document_id = @id", t, cancellationToken, ("@id", id));
            return await c.ExecuteAsync("DELETE FROM knowledge_documents WHERE id = @id", t, cancellationToken, ("@id", id)) > 0;
        }, cancellationToken);

    private static async Task<KnowledgeDocument?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {Columns} FROM knowledge_documents WHERE id = @id", transaction, ("@id", id));
        return (await ReadDocumentsAsync(command, cancellationToken)).FirstOrDefault();
    }

    private static async Task<List<KnowledgeDocument>> ReadDocumentsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<KnowledgeDocument> documents = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(new KnowledgeDocument(reader.GetString(0), reader.GetInt32(1), reader.GetString(2),
                JsonSerializer.Deserialize<DocumentMetadata>(reader.GetString(3), Json)!,
                Enum.Parse<DocumentStatus>(reader.GetString(4), ignoreCase: true), reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), SqliteCommands.FromUnixMs(reader.GetInt64(7))));
        }

        return documents;
    }

    private static async Task<List<KnowledgeChunk>> ReadChunksAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<KnowledgeChunk> chunks = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            chunks.Add(new KnowledgeChunk(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                JsonSerializer.Deserialize<string[]>(reader.GetString(4), Json) ?? [], reader.GetInt32(5), reader.GetInt32(6),
                JsonSerializer.Deserialize<string[]>(reader.GetString(7), Json) ?? [], reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return chunks;
    }
}
