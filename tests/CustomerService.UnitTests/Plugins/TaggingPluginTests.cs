using CustomerService.Abstractions.Customers;
using CustomerService.Plugins.Tagging;

namespace CustomerService.UnitTests.Plugins;

public sealed class TaggingPluginTests
{
    [Fact]
    public async Task Adding_a_new_tag_stores_it_for_the_context_customer_and_publishes_TagAdded_once()
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();

        var reply = await host.Get<TaggingPlugin>().AddTagAsync(" 售后咨询 ");

        Assert.Equal("Added the tag 「售后咨询」.", reply);
        var added = Assert.Single(host.Events.Of<TagAdded>());
        Assert.Equal(new TagAdded(PluginHost.Alice.CustomerId, "售后咨询", TaggingPlugin.Source) { Id = added.Id, OccurredAt = host.Now }, added);
        Assert.Equal(new CustomerTag("售后咨询", "agent", host.Now), Assert.Single(await host.Get<ICustomerTags>().ListAsync("cust-alice")));
    }

    [Fact]
    public async Task Adding_a_tag_the_customer_has_says_so_and_publishes_nothing()
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();
        var plugin = host.Get<TaggingPlugin>();
        await plugin.AddTagAsync("售后咨询");

        var reply = await plugin.AddTagAsync("售后咨询");

        Assert.Contains("already has the tag 「售后咨询」", reply, StringComparison.Ordinal);
        Assert.Single(host.Events.Of<TagAdded>());
    }

    [Fact]
    public async Task Removing_publishes_TagRemoved_only_when_the_customer_had_the_tag()
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();
        var plugin = host.Get<TaggingPlugin>();
        await plugin.AddTagAsync("售后咨询");

        Assert.Equal("Removed the tag 「售后咨询」.", await plugin.RemoveTagAsync("售后咨询"));
        Assert.Contains("does not have the tag", await plugin.RemoveTagAsync("售后咨询"), StringComparison.Ordinal);

        var removed = Assert.Single(host.Events.Of<TagRemoved>());
        Assert.Equal(("cust-alice", "售后咨询"), (removed.CustomerId, removed.Tag));
        Assert.Empty(await host.Get<ICustomerTags>().ListAsync("cust-alice"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三")] // 33 characters
    public async Task An_invalid_tag_is_explained_to_the_model_and_changes_nothing(string tag)
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();

        var reply = await host.Get<TaggingPlugin>().AddTagAsync(tag);

        Assert.StartsWith("Error:", reply, StringComparison.Ordinal);
        Assert.Empty(host.Events.Published);
        Assert.Empty(await host.Get<ICustomerTags>().ListAsync("cust-alice"));
    }

    [Fact]
    public async Task A_tag_of_exactly_32_characters_is_accepted()
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();

        Assert.StartsWith("Added", await host.Get<TaggingPlugin>().AddTagAsync(new string('标', TaggingPlugin.MaxTagLength)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_conversation_the_model_gets_an_error_text()
    {
        await using var host = await PluginHost.StartAsync();
        var plugin = host.Get<TaggingPlugin>();

        Assert.StartsWith("Error:", await plugin.AddTagAsync("售后咨询"), StringComparison.Ordinal);
        Assert.StartsWith("Error:", await plugin.RemoveTagAsync("售后咨询"), StringComparison.Ordinal);
        Assert.Empty(host.Events.Published);
    }
}
