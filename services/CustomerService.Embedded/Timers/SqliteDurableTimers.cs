using CustomerService.Abstractions.Timers;
using CustomerService.Embedded.Storage;

namespace CustomerService.Embedded.Timers;

internal sealed class SqliteDurableTimers(SqliteDatabase database) : IDurableTimers
{
    public WakeSignal Signal { get; } = new();

    public async Task ScheduleAsync(DurableTimer timer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentException.ThrowIfNullOrEmpty(timer.Key);
        ArgumentException.ThrowIfNullOrEmpty(timer.Kind);
        // A new generation makes a firing that is still running for the old schedule leave this one alone.
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO durable_timers (key, kind, due_at, payload, attempts, status, last_error, generation)
            VALUES (@key, @kind, @due, @payload, 0, 'scheduled', NULL, @generation)
            ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at, payload = excluded.payload,
                attempts = 0, status = 'scheduled', last_error = NULL, generation = excluded.generation
            """,
            t, cancellationToken, ("@key", timer.Key), ("@kind", timer.Kind), ("@due", timer.DueAt.ToUnixMs()),
            ("@payload", timer.Payload), ("@generation", Guid.NewGuid().ToString("N"))), cancellationToken);
        Signal.Notify();
    }

    public async Task<bool> CancelAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var deleted = await database.WriteAsync((c, t) => c.ExecuteAsync(
            "DELETE FROM durable_timers WHERE key = @key AND status = 'scheduled'", t, cancellationToken, ("@key", key)), cancellationToken);
        return deleted > 0;
    }
}
