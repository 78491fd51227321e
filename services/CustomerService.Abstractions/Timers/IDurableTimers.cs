namespace CustomerService.Abstractions.Timers;

/// <summary>
/// Timers that survive a restart. Each fires once, at or after its due time; scheduling an existing
/// key replaces it.
/// </summary>
public interface IDurableTimers
{
    Task ScheduleAsync(DurableTimer timer, CancellationToken cancellationToken = default);

    /// <summary>False when no pending timer had that key.</summary>
    Task<bool> CancelAsync(string key, CancellationToken cancellationToken = default);
}

/// <param name="Key">Unique per timer, e.g. <c>ticket-sla/T-42/2h</c>.</param>
/// <param name="Kind">Selects the <see cref="IDurableTimerHandler"/> that fires it.</param>
public sealed record DurableTimer(string Key, string Kind, DateTimeOffset DueAt, string? Payload = null);

public interface IDurableTimerHandler
{
    string Kind { get; }

    Task OnTimerAsync(DurableTimer timer, CancellationToken cancellationToken);
}
