using CustomerService.Abstractions.Customers;
using CustomerService.Embedded.Storage;

namespace CustomerService.Embedded.Customers;

internal sealed class SqliteCustomerTags(SqliteDatabase database, TimeProvider time) : ICustomerTags
{
    public async Task<bool> AddAsync(string customerId, string tag, string source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        // DO NOTHING keeps the first source: "added" must mean "the customer did not have it", so the event fires once.
        return await database.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO customer_tags (customer_id, tag, source, added_at) VALUES (@customer, @tag, @source, @now)
            ON CONFLICT (customer_id, tag) DO NOTHING
            """,
            t, cancellationToken, ("@customer", customerId), ("@tag", tag), ("@source", source), ("@now", time.GetUtcNow().ToUnixMs())),
            cancellationToken) > 0;
    }

    public async Task<bool> RemoveAsync(string customerId, string tag, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "DELETE FROM customer_tags WHERE customer_id = @customer AND tag = @tag",
            t, cancellationToken, ("@customer", customerId), ("@tag", tag)), cancellationToken) > 0;

    public async Task<IReadOnlyList<CustomerTag>> ListAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT tag, source, added_at FROM customer_tags WHERE customer_id = @customer ORDER BY added_at, tag",
            null, ("@customer", customerId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<CustomerTag> tags = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            tags.Add(new CustomerTag(reader.GetString(0), reader.GetString(1), SqliteCommands.FromUnixMs(reader.GetInt64(2))));
        }

        return tags;
    }
}
