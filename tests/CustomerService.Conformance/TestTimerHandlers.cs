using System.Collections.Concurrent;
using CustomerService.Abstractions.Timers;

namespace CustomerService.Conformance;

/// <summary>Timers that fired, with the clock's time when they did; shared across a simulated restart.</summary>
public sealed class TimerLog
{
    private readonly ConcurrentQueue<(string Key, string? Payload, DateTimeOffset FiredAt)> _fired = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public IReadOnlyList<(string Key, string? Payload, DateTimeOffset FiredAt)> Fired => [.. _fired];

    public int Count(string key) => _fired.Count(f => f.Key == key);

    public int Attempts(string key) => _attempts.GetValueOrDefault(key);

    internal int Attempt(string key) => _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);

    internal void Record(string key, string? payload, DateTimeOffset at) => _fired.Enqueue((key, payload, at));
}

public sealed class RecordingTimerHandler(TimerLog log, TimeProvider time) : IDurableTimerHandler
{
    public const string KindName = "test";

    public string Kind => KindName;

    public Task OnTimerAsync(DurableTimer timer, CancellationToken cancellationToken)
    {
        log.Record(timer.Key, timer.Payload, time.GetUtcNow());
        return Task.CompletedTask;
    }
}

/// <summary>Fails the first two attempts of every timer.</summary>
public sealed class FlakyTimerHandler(TimerLog log, TimeProvider time) : IDurableTimerHandler
{
    public const string KindName = "flaky";

    public string Kind => KindName;

    public Task OnTimerAsync(DurableTimer timer, CancellationToken cancellationToken)
    {
        if (log.Attempt(timer.Key) <= 2)
        {
            throw new InvalidOperationException("SMS gateway unavailable");
        }

        log.Record(timer.Key, timer.Payload, time.GetUtcNow());
        return Task.CompletedTask;
    }
}
