using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Messaging;
using CustomerService.Abstractions.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

/// <summary>
/// The web chat configured closed right now (a holiday from yesterday to tomorrow in Shanghai): a request for a person
/// is answered with an offer to leave a message, and the message becomes a ticket.
/// </summary>
public sealed class BusinessHoursTests : IAsyncLifetime
{
    private readonly Delivered _delivered = new();
    private CustomerServiceApp _app = null!;

    public Task InitializeAsync()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        _app = new CustomerServiceApp(
            settings: new Dictionary<string, string?>
            {
                ["BusinessHours:Channels:webchat:TimeZone"] = "Asia/Shanghai",
                ["BusinessHours:Channels:webchat:Weekly:0:Days"] = "Mon-Sun",
                ["BusinessHours:Channels:webchat:Weekly:0:Hours:0"] = "09:00-18:00",
                // A day either side: the test may straddle midnight in Shanghai.
                ["BusinessHours:Channels:webchat:Holidays:0"] = $"{today.AddDays(-1):yyyy-MM-dd}..{today.AddDays(1):yyyy-MM-dd}",
            },
            services: s =>
            {
                s.AddSingleton(_delivered);
                s.AddEventHandler<HandoffRequested, Delivered.Handler<HandoffRequested>>();
                s.AddEventHandler<TicketCreated, Delivered.Handler<TicketCreated>>();
            });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    [Fact]
    public async Task A_request_for_a_person_after_hours_offers_a_message_and_the_message_becomes_a_ticket()
    {
        using var client = _app.CreateClient();

        var offer = await client.AskAsync("c-after-hours", "转人工");

        Assert.False(offer.Handoff);
        Assert.StartsWith("您好，现在是非工作时间（工作时间：周一至周日 09:00-18:00）", offer.Reply, StringComparison.Ordinal);
        Assert.Contains("09:00 上班后处理", offer.Reply, StringComparison.Ordinal);
        Assert.Contains("直接在这里留言", offer.Reply, StringComparison.Ordinal);
        Assert.Equal("open", await StatusAsync(client, offer.ConversationId));
        Assert.Empty(await _app.Services.GetRequiredService<ITicketStore>().ListByCustomerAsync(await _app.OneIdAsync("c-after-hours")));

        var received = await client.AskAsync("c-after-hours", "订单QC20261120009的发票抬头开错了，请帮我重开");

        var ticket = Assert.Single(await _app.Services.GetRequiredService<ITicketStore>().ListByCustomerAsync(await _app.OneIdAsync("c-after-hours")));
        Assert.Equal("订单QC20261120009的发票抬头开错了，请帮我重开\n\n（留言前的问题：转人工）", ticket.Question);
        Assert.Equal(("留言", TicketUrgency.Normal, "webchat", offer.ConversationId), (ticket.Category, ticket.Urgency, ticket.Channel, ticket.ConversationId));
        Assert.False(received.Handoff);
        Assert.StartsWith($"已收到您的留言，工单号 {ticket.Id}。我们会于", received.Reply, StringComparison.Ordinal);
        Assert.Equal("open", await StatusAsync(client, offer.ConversationId));

        // Events arrive in order: once the ticket's has, a hand-off announced by the offer would have too.
        await _delivered.WaitForAsync<TicketCreated>(offer.ConversationId);
        Assert.Equal(0, _delivered.Count<HandoffRequested>(offer.ConversationId));
    }

    [Fact]
    public async Task A_customer_who_declines_gets_no_ticket_and_questions_are_still_answered()
    {
        using var client = _app.CreateClient();

        var answered = await client.AskAsync("c-decline", "怎么退货");
        Assert.Equal("return_how", answered.MatchedIntent); // closed is no reason not to answer

        await client.AskAsync("c-decline", "人工客服");
        var declined = await client.AskAsync("c-decline", "不用了");

        Assert.StartsWith("好的，不为您留言了。", declined.Reply, StringComparison.Ordinal);
        Assert.Empty(await _app.Services.GetRequiredService<ITicketStore>().ListByCustomerAsync(await _app.OneIdAsync("c-decline")));
    }

    private static async Task<string?> StatusAsync(HttpClient client, string conversationId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}")).GetProperty("conversation").GetProperty("status").GetString();

    /// <summary>Records the events the bus delivers, by conversation.</summary>
    public sealed class Delivered
    {
        private readonly ConcurrentQueue<(Type Kind, string ConversationId)> _seen = new();

        public int Count<T>(string conversationId) => _seen.Count(e => e.Kind == typeof(T) && e.ConversationId == conversationId);

        public async Task WaitForAsync<T>(string conversationId)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (Count<T>(conversationId) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"no {typeof(T).Name} was delivered for {conversationId}");
                await Task.Delay(20);
            }
        }

        public sealed class Handler<T>(Delivered log) : IIntegrationEventHandler<T> where T : IntegrationEvent
        {
            public Task HandleAsync(T @event, CancellationToken cancellationToken)
            {
                var conversationId = @event switch
                {
                    HandoffRequested h => h.ConversationId,
                    TicketCreated t => t.ConversationId,
                    _ => "",
                };
                log._seen.Enqueue((typeof(T), conversationId));
                return Task.CompletedTask;
            }
        }
    }
}
