using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.Conformance;

/// <summary>
/// What a conformance suite needs from an adapter family: its services, a clock it can move, and a
/// way to simulate a process restart over the same storage.
/// </summary>
public interface IPortHarness : IAsyncDisposable
{
    IServiceProvider Services { get; }

    TimeProvider Time { get; }

    /// <summary>Moves time on by <paramref name="by"/> and lets everything that became due run (deliveries, timers).</summary>
    Task AdvanceAsync(TimeSpan by);

    /// <summary>Stops this instance without delivering anything more and starts a new one over the same storage.</summary>
    Task<IPortHarness> RestartAsync();
}

public static class ConformanceSettings
{
    /// <summary>Adapters under test are configured with this many attempts before a delivery or timer gives up.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Longer than any backoff the harness configures, so one step always reaches the next retry.</summary>
    public static readonly TimeSpan RetryStep = TimeSpan.FromMinutes(2);
}

public static class PortHarnessExtensions
{
    public static T Get<T>(this IPortHarness harness) where T : notnull => harness.Services.GetRequiredService<T>();
}
