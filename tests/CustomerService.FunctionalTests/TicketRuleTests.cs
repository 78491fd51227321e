using CustomerService.Abstractions.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

/// <summary>The shipped ticket rules, without a model: an after-sales ticket for a missing item, a complaint ticket for an upset customer.</summary>
public sealed class TicketRuleTests : IAsyncLifetime
{
    private readonly CustomerServiceApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    [Fact]
    public async Task A_missing_item_is_answered_and_opens_an_after_sales_ticket_for_this_customer()
    {
        using var client = _app.CreateClient();

        var reply = await client.AskAsync("c-missing", "收到的货少了一件，订单号QC20261120001");

        Assert.Equal("damaged_or_missing", reply.MatchedIntent);
        Assert.False(reply.Handoff);
        Assert.Contains("破损/少件/错发", reply.Reply, StringComparison.Ordinal);
        Assert.EndsWith("已为您创建售后工单，客服会在1个工作日内跟进处理。", reply.Reply, StringComparison.Ordinal);
        var ticket = Assert.Single(await _app.Services.GetRequiredService<ITicketStore>().ListByCustomerAsync(await _app.OneIdAsync("c-missing")));
        Assert.Equal(reply.ConversationId, ticket.ConversationId);
        Assert.Equal(("售后", TicketUrgency.Normal, "webchat"), (ticket.Category, ticket.Urgency, ticket.Channel));
        Assert.Contains("QC20261120001", ticket.Question, StringComparison.Ordinal); // the order number reaches the person who follows up
    }

    [Fact]
    public async Task A_damaged_item_picked_from_the_suggestions_opens_the_ticket_with_the_original_question()
    {
        using var client = _app.CreateClient();

        var offered = await client.AskAsync("c-damaged", "The box came crushed and the item inside is damaged, order QC20261120002");
        Assert.StartsWith("Did you mean:\n1. My item arrived damaged", offered.Reply, StringComparison.Ordinal);
        Assert.Empty(await _app.Services.GetRequiredService<ITicketStore>().ListByCustomerAsync(await _app.OneIdAsync("c-damaged")));

        var picked = await client.AskAsync("c-damaged", "1");

        Assert.Equal("damaged_or_missing", picked.MatchedIntent);
        Assert.EndsWith("I've opened a ticket for you; a colleague will follow up within one working day.", picked.Reply, StringComparison.Ordinal);
        var ticket = Assert.Single(await _app.Services.GetRequiredService<ITicketStore>().ListByCustomerAsync(await _app.OneIdAsync("c-damaged")));
        Assert.Equal("The box came crushed and the item inside is damaged, order QC20261120002", ticket.Question);
    }

    [Fact]
    public async Task An_order_number_in_the_question_does_not_cost_the_answer_its_confidence()
    {
        using var client = _app.CreateClient();

        // QC20261120002 identifies an order; it asks nothing, so it must not dilute the match to the known question.
        var answered = await client.AskAsync("c-order-number", "My item arrived damaged, order QC20261120002, what should I do?");

        Assert.Equal("damaged_or_missing", answered.MatchedIntent);
        Assert.Single(await _app.Services.GetRequiredService<ITicketStore>().ListByCustomerAsync(await _app.OneIdAsync("c-order-number")));
    }

    [Fact]
    public async Task An_angry_complaint_hands_off_with_an_urgent_complaint_ticket()
    {
        using var client = _app.CreateClient();

        var reply = await client.AskAsync("c-angry", "我要投诉你们，东西坏了也不管");

        Assert.True(reply.Handoff);
        Assert.EndsWith("已为您创建投诉工单，客服会在1个工作日内跟进处理。", reply.Reply, StringComparison.Ordinal);
        var ticket = Assert.Single(await _app.Services.GetRequiredService<ITicketStore>().ListByCustomerAsync(await _app.OneIdAsync("c-angry")));
        Assert.Equal(("投诉", TicketUrgency.High), (ticket.Category, ticket.Urgency));
    }

    [Fact]
    public async Task An_answer_no_rule_names_opens_no_ticket()
    {
        using var client = _app.CreateClient();

        var reply = await client.AskAsync("c-return", "怎么退货");

        Assert.Equal("return_how", reply.MatchedIntent);
        Assert.DoesNotContain("工单", reply.Reply, StringComparison.Ordinal);
        Assert.Empty(await _app.Services.GetRequiredService<ITicketStore>().ListByCustomerAsync(await _app.OneIdAsync("c-return")));
    }
}
