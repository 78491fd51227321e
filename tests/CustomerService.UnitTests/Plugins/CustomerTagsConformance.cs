using CustomerService.Abstractions.Customers;
using CustomerService.Conformance;

namespace CustomerService.UnitTests.Plugins;

/// <summary>
/// Every <see cref="ICustomerTags"/> adapter inherits this suite. It lives here, not in
/// tests/CustomerService.Conformance, only until the Dapr adapters arrive; then it moves there.
/// </summary>
public abstract class CustomerTagsConformance
{
    protected abstract Task<IPortHarness> StartAsync();

    [Fact]
    public async Task An_added_tag_is_listed_with_its_source_and_time()
    {
        await using var harness = await StartAsync();
        var tags = harness.Get<ICustomerTags>();

        Assert.True(await tags.AddAsync("c-1", "售后咨询", "agent"));

        var tag = Assert.Single(await tags.ListAsync("c-1"));
        Assert.Equal(new CustomerTag("售后咨询", "agent", harness.Time.GetUtcNow()), tag);
    }

    [Fact]
    public async Task Adding_a_tag_the_customer_has_returns_false_and_keeps_the_first_source()
    {
        await using var harness = await StartAsync();
        var tags = harness.Get<ICustomerTags>();
        await tags.AddAsync("c-1", "售后咨询", "rule:退货咨询用户");

        Assert.False(await tags.AddAsync("c-1", "售后咨询", "agent"));

        Assert.Equal("rule:退货咨询用户", Assert.Single(await tags.ListAsync("c-1")).Source);
    }

    [Fact]
    public async Task Tags_belong_to_one_customer()
    {
        await using var harness = await StartAsync();
        var tags = harness.Get<ICustomerTags>();
        await tags.AddAsync("c-1", "售后咨询", "agent");

        Assert.True(await tags.AddAsync("c-2", "售后咨询", "agent"));
        Assert.False(await tags.RemoveAsync("c-3", "售后咨询"));
        Assert.Single(await tags.ListAsync("c-1"));
        Assert.Empty(await tags.ListAsync("c-3"));
    }

    [Fact]
    public async Task Remove_reports_whether_the_customer_had_the_tag()
    {
        await using var harness = await StartAsync();
        var tags = harness.Get<ICustomerTags>();
        await tags.AddAsync("c-1", "售后咨询", "agent");
        await tags.AddAsync("c-1", "VIP意向", "agent");

        Assert.True(await tags.RemoveAsync("c-1", "售后咨询"));
        Assert.False(await tags.RemoveAsync("c-1", "售后咨询"));

        Assert.Equal(["VIP意向"], (await tags.ListAsync("c-1")).Select(t => t.Tag));
    }

    [Fact]
    public async Task Tags_are_listed_oldest_first()
    {
        await using var harness = await StartAsync();
        var tags = harness.Get<ICustomerTags>();
        await tags.AddAsync("c-1", "b-second-alphabetically", "agent");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        await tags.AddAsync("c-1", "a-added-later", "agent");

        Assert.Equal(["b-second-alphabetically", "a-added-later"], (await tags.ListAsync("c-1")).Select(t => t.Tag));
    }

    [Fact]
    public async Task Tags_survive_a_restart()
    {
        var harness = await StartAsync();
        await harness.Get<ICustomerTags>().AddAsync("c-1", "售后咨询", "agent");

        await using var restarted = await harness.RestartAsync();

        Assert.Equal("售后咨询", Assert.Single(await restarted.Get<ICustomerTags>().ListAsync("c-1")).Tag);
        Assert.False(await restarted.Get<ICustomerTags>().AddAsync("c-1", "售后咨询", "agent"));
    }
}
