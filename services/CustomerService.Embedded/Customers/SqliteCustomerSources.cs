using System.Text.Json;
using CustomerService.Abstractions.Customers;
using CustomerService.Embedded.Storage;

namespace CustomerService.Embedded.Customers;

internal sealed class SqliteCustomerSources(SqliteDatabase database, TimeProvider time) : ICustomerSources
{
    public async Task<bool> HasAsync(string customerId, ChannelSource source, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        return await connection.ScalarAsync(
            "SELECT 1 FROM customer_sources WHERE customer_id = @customer AND code = @code AND params = @params",
            null, cancellationToken, ("@customer", customerId), ("@code", source.Code), ("@params", ParamsJson(source))) is not null;
    }

    public async Task<bool> RecordAsync(string customerId, string channel, ChannelSource source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(source.Code);
        // DO NOTHING keeps the first arrival, so the first row stays the first-touch source.
        return await database.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO customer_sources (customer_id, code, params, channel, first_seen_at) VALUES (@customer, @code, @params, @channel, @now)
            ON CONFLICT (customer_id, code, params) DO NOTHING
            """,
            t, cancellationToken, ("@customer", customerId), ("@code", source.Code), ("@params", ParamsJson(source)), ("@channel", channel),
            ("@now", time.GetUtcNow().ToUnixMs())), cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<CustomerSource>> ListAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT channel, code, params, first_seen_at FROM customer_sources WHERE customer_id = @customer ORDER BY first_seen_at, code, params",
            null, ("@customer", customerId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<CustomerSource> sources = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(new CustomerSource(reader.GetString(0), reader.GetString(1),
                JsonSerializer.Deserialize<SortedDictionary<string, string>>(reader.GetString(2)) ?? [],
                SqliteCommands.FromUnixMs(reader.GetInt64(3))));
        }

        return sources;
    }

    // One spelling per set of params (names in ordinal order), so the same arrival always finds its row.
    private static string ParamsJson(ChannelSource source) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(source.Params.ToDictionary(), StringComparer.Ordinal));
}
