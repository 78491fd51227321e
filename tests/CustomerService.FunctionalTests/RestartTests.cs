using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerService.Abstractions.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

/// <summary>What was written before a stop is still there, and still delivered once, after the restart.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private readonly string _dataDirectory = CustomerServiceApp.NewDataDirectory();
    private readonly ConcurrentDictionary<Guid, int> _handled = new();

    public sealed record ProbeEvent(int Number) : IntegrationEvent;

    public sealed class ProbeHandler(ConcurrentDictionary<Guid, int> handled) : IIntegrationEventHandler<ProbeEvent>
    {
        public Task HandleAsync(ProbeEvent @event, CancellationToken cancellationToken)
        {
            handled.AddOrUpdate(@event.Id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
    }

    private CustomerServiceApp Host(bool dispatch) => new(_dataDirectory,
        new Dictionary<string, string?> { ["EventBus:DispatchEnabled"] = dispatch ? "true" : "false", ["EventBus:PollInterval"] = "00:00:00.200" },
        s =>
        {
            s.AddSingleton(_handled);
            s.AddEventHandler<ProbeEvent, ProbeHandler>();
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        CustomerServiceApp.DeleteDataDirectory(_dataDirectory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Events_published_before_a_stop_are_handled_exactly_once_after_the_restart()
    {
        List<ProbeEvent> events;
        await using (var first = Host(dispatch: false))
        {
            var bus = first.Services.GetRequiredService<IEventBus>();
            events = Enumerable.Range(1, 25).Select(i => new ProbeEvent(i) { OccurredAt = DateTimeOffset.UtcNow }).ToList();
            foreach (var @event in events)
            {
                await bus.PublishAsync(@event);
            }
        }

        Assert.Empty(_handled); // stopped before any delivery

        await using var second = Host(dispatch: true);
        _ = second.Services; // starts the host and its dispatcher
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_handled.Count < events.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        // Let the dispatcher poll a few more times: nothing may be delivered twice.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(events.Select(e => e.Id).Order(), _handled.Keys.Order());
        Assert.All(_handled.Values, count => Assert.Equal(1, count));
        using var client = second.CreateClient();
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/operations/dead-letters")).GetArrayLength());
    }

    [Fact]
    public async Task Conversations_and_imports_survive_a_restart_and_unchanged_seeds_do_not_overwrite_edits()
    {
        string conversationId;
        const string edited = """{"id":"return_how.zh","intent":"return_how","questions":["怎么退货"],"answer":"（已更新）请在订单页申请退货。"}""";
        await using (var first = Host(dispatch: true))
        {
            using var client = first.CreateClient();
            conversationId = (await client.AskAsync("c-restart", "怎么开发票")).ConversationId;
            using var import = await client.PostRawAsync("/api/knowledge/faq", edited, "application/x-ndjson");
            Assert.Equal(System.Net.HttpStatusCode.OK, import.StatusCode);
        }

        await using var second = Host(dispatch: true);
        using var again = second.CreateClient();
        var reply = await again.AskAsync("c-restart", "怎么退货");
        var conversation = await again.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}");

        Assert.Equal(conversationId, reply.ConversationId);
        Assert.Equal("（已更新）请在订单页申请退货。", reply.Reply);
        Assert.Equal(4, conversation.GetProperty("messages").GetArrayLength());
    }
}
