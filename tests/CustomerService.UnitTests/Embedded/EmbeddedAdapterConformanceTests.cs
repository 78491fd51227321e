using CustomerService.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.UnitTests.Embedded;

public sealed class SqliteEventBusConformanceTests : EventBusConformance
{
    protected override Task<IPortHarness> StartAsync(Action<IServiceCollection> configure) => EmbeddedHarness.StartAsync(configure);
}

public sealed class SqliteStateStoreConformanceTests : StateStoreConformance
{
    protected override Task<IPortHarness> StartAsync() => EmbeddedHarness.StartAsync(_ => { });
}

public sealed class SqliteDurableTimersConformanceTests : DurableTimersConformance
{
    protected override Task<IPortHarness> StartAsync(Action<IServiceCollection> configure) => EmbeddedHarness.StartAsync(configure);
}
