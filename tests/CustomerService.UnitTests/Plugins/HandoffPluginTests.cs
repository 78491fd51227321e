using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Customers;
using CustomerService.Plugins.Handoff;

namespace CustomerService.UnitTests.Plugins;

public sealed class HandoffPluginTests
{
    [Fact]
    public async Task Requesting_a_human_records_the_summary_for_the_context_conversation_and_leaves_the_announcement_to_the_pipeline()
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();

        var reply = await host.Get<HandoffPlugin>().RequestHumanAsync("知识库里没有跨境退货的规定", "客户想退一件海外直邮的商品，订单 20261120001，已说明七天无理由规则。");

        Assert.Empty(host.Events.Of<HandoffRequested>());
        var summary = Assert.Single(host.Events.Of<HandoffSummaryWritten>());
        Assert.Equal(("conv-alice-1", "知识库里没有跨境退货的规定"), (summary.ConversationId, summary.Reason));
        Assert.StartsWith("客户想退一件海外直邮的商品", summary.Summary, StringComparison.Ordinal);
        Assert.Contains(HandoffPlugin.CustomerNotice, reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_thin_reason_or_summary_never_blocks_a_handoff()
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();

        var reply = await host.Get<HandoffPlugin>().RequestHumanAsync("", "");

        Assert.Single(host.Events.Of<HandoffSummaryWritten>());
        Assert.Contains(HandoffPlugin.CustomerNotice, reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_turn_hands_off_its_own_conversation()
    {
        await using var host = await PluginHost.StartAsync();
        var plugin = host.Get<HandoffPlugin>();
        var bob = new ConversationContext("cust-bob", "conv-bob-1", "wecom");

        await Task.WhenAll(
            Task.Run(async () => { using var turn = host.Begin(); await Task.Yield(); await plugin.RequestHumanAsync("a", "a"); }),
            Task.Run(async () => { using var turn = host.Begin(bob); await Task.Yield(); await plugin.RequestHumanAsync("b", "b"); }));

        Assert.Equal([("conv-alice-1", "a"), ("conv-bob-1", "b")],
            host.Events.Of<HandoffSummaryWritten>().Select(h => (h.ConversationId, h.Reason)).Order());
    }

    [Fact]
    public async Task Without_a_conversation_the_model_gets_an_error_text()
    {
        await using var host = await PluginHost.StartAsync();

        Assert.StartsWith("Error:", await host.Get<HandoffPlugin>().RequestHumanAsync("x", "y"), StringComparison.Ordinal);
        Assert.Empty(host.Events.Published);
    }
}
