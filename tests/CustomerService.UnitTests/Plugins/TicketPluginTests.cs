using CustomerService.Abstractions.Tickets;
using CustomerService.Plugins.Tickets;

namespace CustomerService.UnitTests.Plugins;

public sealed class TicketPluginTests
{
    [Fact]
    public async Task A_ticket_is_filed_for_the_context_conversation_and_announced()
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();

        var reply = await host.Get<TicketPlugin>().CreateTicketAsync("退款三天了还没到账，订单 20261120001", " 退款 ", "High");

        var ticket = Assert.Single(await host.Get<ITicketStore>().ListByCustomerAsync("cust-alice"));
        Assert.Equal(
            new Ticket(ticket.Id, "cust-alice", "conv-alice-1", "webchat", "退款三天了还没到账，订单 20261120001", "退款",
                TicketUrgency.High, TicketStatus.Open, host.Now),
            ticket);
        Assert.Contains(ticket.Id, reply, StringComparison.Ordinal);
        var created = Assert.Single(host.Events.Of<TicketCreated>());
        Assert.Equal(new TicketCreated(ticket.Id, "cust-alice", "conv-alice-1", "退款", TicketUrgency.High) { Id = created.Id, OccurredAt = host.Now }, created);
    }

    [Theory]
    [InlineData("low", TicketUrgency.Low)]
    [InlineData("normal", TicketUrgency.Normal)]
    [InlineData(" URGENT ", TicketUrgency.Urgent)]
    public async Task Urgency_names_are_read_case_insensitively(string urgency, TicketUrgency expected)
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();

        await host.Get<TicketPlugin>().CreateTicketAsync("发票开错了", "发票", urgency);

        Assert.Equal(expected, Assert.Single(await host.Get<ITicketStore>().ListByCustomerAsync("cust-alice")).Urgency);
    }

    [Theory]
    [InlineData("critical")]
    [InlineData("2")]
    [InlineData("low, high")]
    [InlineData("")]
    public async Task An_unknown_urgency_is_explained_and_no_ticket_is_created(string urgency)
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();

        var reply = await host.Get<TicketPlugin>().CreateTicketAsync("发票开错了", "发票", urgency);

        Assert.Contains("low, normal, high, urgent", reply, StringComparison.Ordinal);
        Assert.Contains("No ticket was created", reply, StringComparison.Ordinal);
        Assert.Empty(await host.Get<ITicketStore>().ListByCustomerAsync("cust-alice"));
        Assert.Empty(host.Events.Published);
    }

    [Theory]
    [InlineData("", "发票")]
    [InlineData("发票开错了", " ")]
    [InlineData("发票开错了", "a category that is far longer than thirty-two characters")]
    public async Task A_missing_question_or_category_is_explained_and_no_ticket_is_created(string question, string category)
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();

        var reply = await host.Get<TicketPlugin>().CreateTicketAsync(question, category, "normal");

        Assert.StartsWith("Error:", reply, StringComparison.Ordinal);
        Assert.Empty(await host.Get<ITicketStore>().ListByCustomerAsync("cust-alice"));
        Assert.Empty(host.Events.Published);
    }

    [Fact]
    public async Task Without_a_conversation_the_model_gets_an_error_text()
    {
        await using var host = await PluginHost.StartAsync();

        var reply = await host.Get<TicketPlugin>().CreateTicketAsync("发票开错了", "发票", "normal");

        Assert.StartsWith("Error:", reply, StringComparison.Ordinal);
        Assert.Empty(host.Events.Published);
    }
}
