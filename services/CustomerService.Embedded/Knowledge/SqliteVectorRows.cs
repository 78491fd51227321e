using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Embedded.Storage;
using Microsoft.Data.Sqlite;

namespace CustomerService.Embedded.Knowledge;

/// <summary>The rows of <c>vector_collections</c>/<c>vector_points</c>: vectors as little-endian float32 blobs, payloads as JSON.</summary>
internal static class SqliteVectorRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<VectorCollection?> LoadAsync(SqliteConnection connection, string name, CancellationToken cancellationToken)
    {
        var dimensions = await connection.ScalarAsync("SELECT dimensions FROM vector_collections WHERE name = @name", null, cancellationToken, ("@name", name));
        if (dimensions is null)
        {
            return null;
        }

        var collection = new VectorCollection(name, Convert.ToInt32(dimensions, System.Globalization.CultureInfo.InvariantCulture));
        var count = Convert.ToInt32(await connection.ScalarAsync("SELECT COUNT(*) FROM vector_points WHERE collection = @name", null, cancellationToken, ("@name", name)),
            System.Globalization.CultureInfo.InvariantCulture);
        await using var command = connection.Command("SELECT id, vector, payload FROM vector_points WHERE collection = @name", null, ("@name", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var vector = new float[collection.Dimensions];
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            Decode((byte[])reader.GetValue(1), vector, name, id);
            var payload = JsonSerializer.Deserialize<VectorPayload>(reader.GetString(2), Json)
                ?? throw new InvalidDataException($"Vector point '{id}' in '{name}' has no payload.");
            collection.Load(id, vector, payload, count);
        }

        return collection;
    }

    public static Task CreateCollectionAsync(SqliteConnection connection, SqliteTransaction transaction, string name, int dimensions, CancellationToken cancellationToken) =>
        connection.ExecuteAsync("INSERT INTO vector_collections (name, dimensions) VALUES (@name, @dimensions)",
            transaction, cancellationToken, ("@name", name), ("@dimensions", dimensions));

    public static async Task UpsertAsync(SqliteConnection connection, SqliteTransaction transaction, string name, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            """
            INSERT INTO vector_points (collection, id, vector, payload) VALUES (@collection, @id, @vector, @payload)
            ON CONFLICT (collection, id) DO UPDATE SET vector = excluded.vector, payload = excluded.payload
            """,
            transaction, ("@collection", name), ("@id", ""), ("@vector", Array.Empty<byte>()), ("@payload", ""));
        foreach (var point in points)
        {
            command.Parameters["@id"].Value = point.Id;
            command.Parameters["@vector"].Value = Encode(point.Vector.Span);
            command.Parameters["@payload"].Value = JsonSerializer.Serialize(point.Payload, Json);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, string name, IReadOnlyList<string> ids, bool all, CancellationToken cancellationToken)
    {
        if (all)
        {
            await connection.ExecuteAsync("DELETE FROM vector_points WHERE collection = @collection", transaction, cancellationToken, ("@collection", name));
            return;
        }

        await using var command = connection.Command("DELETE FROM vector_points WHERE collection = @collection AND id = @id",
            transaction, ("@collection", name), ("@id", ""));
        foreach (var id in ids)
        {
            command.Parameters["@id"].Value = id;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal static byte[] Encode(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(vector).CopyTo(bytes);
        }
        else
        {
            for (var i = 0; i < vector.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
            }
        }

        return bytes;
    }

    internal static void Decode(ReadOnlySpan<byte> bytes, Span<float> vector, string collection, string id)
    {
        if (bytes.Length != vector.Length * sizeof(float))
        {
            throw new InvalidDataException($"Vector point '{id}' in '{collection}' is stored with {bytes.Length / sizeof(float)} dimensions; the collection has {vector.Length}.");
        }

        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(vector);
            return;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }
    }
}
