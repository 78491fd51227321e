using CustomerService.Conformance;
using CustomerService.Embedded.Messaging;
using CustomerService.Embedded.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.UnitTests.Embedded;

/// <summary>The embedded adapters over a temp SQLite folder, driven by a fake clock instead of background loops.</summary>
internal sealed class EmbeddedHarness : IPortHarness
{
    private readonly ServiceProvider _provider;
    private readonly string _directory;
    private readonly FakeTimeProvider _time;
    private readonly Action<IServiceCollection> _configure;
    private readonly bool _ownsDirectory;

    private EmbeddedHarness(string directory, FakeTimeProvider time, Action<IServiceCollection> configure, bool ownsDirectory)
    {
        (_directory, _time, _configure, _ownsDirectory) = (directory, time, configure, ownsDirectory);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = directory,
            ["EventBus:MaxAttempts"] = ConformanceSettings.MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EventBus:InitialBackoff"] = "00:00:30",
            ["EventBus:MaxBackoff"] = "00:01:00",
            ["Timers:MaxAttempts"] = ConformanceSettings.MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Timers:InitialBackoff"] = "00:00:30",
            ["Timers:MaxBackoff"] = "00:01:00",
        };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging();
        services.AddEmbeddedBuildingBlocks();
        configure(services);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static Task<IPortHarness> StartAsync(Action<IServiceCollection> configure) =>
        Task.FromResult<IPortHarness>(new EmbeddedHarness(
            Path.Combine(Path.GetTempPath(), "cs-tests", Guid.NewGuid().ToString("N")), new FakeTimeProvider(), configure, ownsDirectory: true));

    public IServiceProvider Services => _provider;

    public TimeProvider Time => _time;

    public async Task AdvanceAsync(TimeSpan by)
    {
        _time.Advance(by);
        var outbox = _provider.GetRequiredService<OutboxDispatcher>();
        var timers = _provider.GetRequiredService<TimerDispatcher>();
        // Handlers may publish or schedule more work that is due at once: run until nothing is left,
        // and fail (rather than hang) if the adapters keep finding the same work due.
        for (var pass = 0; await outbox.DispatchDueAsync(CancellationToken.None) + await timers.FireDueAsync(CancellationToken.None) > 0; pass++)
        {
            if (pass == 100)
            {
                throw new InvalidOperationException("Due work never settles: deliveries or timers keep coming back due.");
            }
        }
    }

    public async Task<IPortHarness> RestartAsync()
    {
        await _provider.DisposeAsync();
        return new EmbeddedHarness(_directory, _time, _configure, _ownsDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDirectory)
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort: temp files
        }
    }
}
