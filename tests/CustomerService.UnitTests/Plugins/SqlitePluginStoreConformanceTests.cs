using CustomerService.Conformance;
using CustomerService.UnitTests.Embedded;

namespace CustomerService.UnitTests.Plugins;

public sealed class SqliteCustomerTagsConformanceTests : CustomerTagsConformance
{
    protected override Task<IPortHarness> StartAsync() => EmbeddedHarness.StartAsync(_ => { });
}

public sealed class SqliteTicketStoreConformanceTests : TicketStoreConformance
{
    protected override Task<IPortHarness> StartAsync() => EmbeddedHarness.StartAsync(_ => { });
}
