using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using CustomerService.Abstractions.State;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

/// <summary>
/// Channel-source (活码) and behaviour tags through the real host, with the rules shipped in appsettings.json:
/// qr-store-12 → 门店12 + 线下客户 (+ 双11到店 for activity 双11); link_clicked coupon-1111 → 领券用户.
/// </summary>
public sealed class SourceTagTests : IAsyncLifetime
{
    private readonly Deliveries _deliveries = new();
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = new CustomerServiceApp(services: s =>
        {
            s.AddSingleton(_deliveries);
            s.AddEventHandler<TagAdded, Deliveries.TagHandler>();
            s.AddEventHandler<CustomerBehaviorRecorded, Deliveries.BehaviorHandler>();
        });
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    private static object FromStore12(string customerId, string text) =>
        new { customerId, text, source = new { code = "qr-store-12", @params = new { store_id = "12", activity = "双11" } } };

    [Fact]
    public async Task A_web_chat_customer_from_a_channel_code_gets_its_tags_once_and_keeps_it_as_first_touch()
    {
        using var first = await _client.PostAsJsonAsync("/api/webchat/messages", FromStore12("scanner-1", "你们几点开门"));
        using var second = await _client.PostAsJsonAsync("/api/webchat/messages", FromStore12("scanner-1", "可以退货吗"));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var oneId = await _app.OneIdAsync("scanner-1");

        var tags = await _app.Services.GetRequiredService<ICustomerTags>().ListAsync(oneId);
        Assert.Equal(
            [("双11到店", "channel:qr-store-12"), ("售后咨询", "rule:退货咨询用户"), ("线下客户", "channel:qr-store-12"), ("门店12", "channel:qr-store-12")],
            tags.Select(t => (t.Tag, t.Source)).Order());
        await Deliveries.WaitForAsync(() => _deliveries.Tags.Count >= 4);
        await Task.Delay(300); // a second delivery of any tag would arrive by now
        Assert.Equal([("双11到店", oneId), ("售后咨询", oneId), ("线下客户", oneId), ("门店12", oneId)], _deliveries.Tags.Order());

        var profile = await _client.GetFromJsonAsync<JsonElement>($"/api/customers/{oneId}");
        var firstSource = profile.GetProperty("firstSource");
        Assert.Equal(("webchat", "qr-store-12", "12", "双11"), (firstSource.GetProperty("channel").GetString(), firstSource.GetProperty("code").GetString(),
            firstSource.GetProperty("params").GetProperty("store_id").GetString(), firstSource.GetProperty("params").GetProperty("activity").GetString()));
        Assert.Equal(1, profile.GetProperty("sources").GetArrayLength());
    }

    [Fact]
    public async Task A_channel_code_of_bad_shape_is_a_problem_and_stores_nothing()
    {
        using var tooLong = await _client.PostAsJsonAsync("/api/webchat/messages",
            new { customerId = "bad-scanner", text = "你好", source = new { code = new string('q', 65), @params = new { activity = new string('x', 129) } } });
        using var notText = await _client.PostAsJsonAsync("/api/webchat/messages",
            new { customerId = "bad-scanner", text = "你好", source = new { code = "qr-store-12", @params = new { store_id = new { id = 12 } } } });

        var problem = await tooLong.ProblemAsync(400);
        Assert.Equal(["source.code", "source.params.activity"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("source.params.store_id", (await notText.ProblemAsync(400)).GetProperty("detail").GetString());
        Assert.Null(await _app.Services.GetRequiredService<ICustomerDirectory>().FindByAccountAsync(new ChannelAccount("webchat", "bad-scanner")));
    }

    [Fact]
    public async Task A_behaviour_event_reported_twice_tags_once_and_is_published_once()
    {
        await _client.AskAsync("clicker-1", "你好");
        var oneId = await _app.OneIdAsync("clicker-1");
        var report = new { channel = "webchat", accountId = "clicker-1", eventId = "mall:click-1", type = "link_clicked",
            properties = new { link = "coupon-1111", position = 3 }, occurredAt = "2026-01-01T10:00:00+08:00" };

        using var first = await _client.PostAsJsonAsync("/api/customer-events", report);
        using var retry = await _client.PostAsJsonAsync("/api/customer-events", report);
        using var byOneId = await _client.PostAsJsonAsync($"/api/customers/{oneId}/events",
            new { eventId = "mall:click-1", type = "link_clicked", properties = new { link = "coupon-1111", position = 3 } });

        var results = new[] { await first.Content.ReadFromJsonAsync<JsonElement>(), await retry.Content.ReadFromJsonAsync<JsonElement>(),
            await byOneId.Content.ReadFromJsonAsync<JsonElement>() };
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [first.StatusCode, retry.StatusCode, byOneId.StatusCode]);
        Assert.Equal([false, true, true], results.Select(r => r.GetProperty("duplicate").GetBoolean()));
        Assert.Equal(["领券用户"], results[0].GetProperty("tagsAdded").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(0, results[1].GetProperty("tagsAdded").GetArrayLength());
        Assert.All(results, r => Assert.Equal(oneId, r.GetProperty("customerId").GetString()));

        var tag = Assert.Single(await _app.Services.GetRequiredService<ICustomerTags>().ListAsync(oneId));
        Assert.Equal(("领券用户", "event:link_clicked"), (tag.Tag, tag.Source));
        await Deliveries.WaitForAsync(() => _deliveries.Behaviors.Count >= 1 && _deliveries.Tags.Count >= 1);
        await Task.Delay(300);
        var behavior = Assert.Single(_deliveries.Behaviors);
        Assert.Equal((oneId, "mall:click-1", "link_clicked", "3", DateTimeOffset.Parse("2026-01-01T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
            (behavior.CustomerId, behavior.EventId, behavior.Type, behavior.Properties["position"], behavior.HappenedAt));
        Assert.Equal([("领券用户", oneId)], _deliveries.Tags);
    }

    [Fact]
    public async Task A_bad_or_unplaceable_behaviour_report_is_a_problem_and_records_nothing()
    {
        await _client.AskAsync("clicker-2", "你好");
        var oneId = await _app.OneIdAsync("clicker-2");

        using var invalid = await _client.PostAsJsonAsync($"/api/customers/{oneId}/events",
            new { eventId = "bad id!", type = "", properties = new { link = new { nested = true } }, occurredAt = "yesterday", extra = 1 });
        using var unknownCustomer = await _client.PostAsJsonAsync("/api/customers/cus_nobody/events", new { eventId = "mall:click-9", type = "link_clicked" });
        using var unknownAccount = await _client.PostAsJsonAsync("/api/customer-events",
            new { channel = "webchat", accountId = "never-wrote", eventId = "mall:click-9", type = "link_clicked", properties = new { link = "coupon-1111" } });
        using var notJson = await _client.PostRawAsync($"/api/customers/{oneId}/events", "eventId=1", "application/x-www-form-urlencoded");
        using var brokenJson = await _client.PostRawAsync($"/api/customers/{oneId}/events", "{\"eventId\":", "application/json");

        var errors = (await invalid.ProblemAsync(400)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order();
        Assert.Equal(["eventId", "extra", "occurredAt", "properties.link", "type"], errors);
        Assert.Contains("cus_nobody", (await unknownCustomer.ProblemAsync(404)).GetProperty("detail").GetString());
        Assert.Contains("never-wrote", (await unknownAccount.ProblemAsync(404)).GetProperty("detail").GetString());
        await notJson.ProblemAsync(415);
        await brokenJson.ProblemAsync(400);

        Assert.Empty(await _app.Services.GetRequiredService<ICustomerTags>().ListAsync(oneId));
        Assert.Null(await _app.Services.GetRequiredService<IStateStore>().GetAsync<JsonElement>("customer-events/mall:click-9"));
        Assert.Null(await _app.Services.GetRequiredService<ICustomerDirectory>().FindByAccountAsync(new ChannelAccount("webchat", "never-wrote")));
        await Task.Delay(300);
        Assert.Empty(_deliveries.Behaviors);
    }

    [Fact]
    public async Task An_event_id_reused_for_another_event_is_a_conflict()
    {
        await _client.AskAsync("clicker-3", "你好");
        var oneId = await _app.OneIdAsync("clicker-3");
        using var first = await _client.PostAsJsonAsync($"/api/customers/{oneId}/events", new { eventId = "mall:join-1", type = "campaign_joined",
            properties = new { campaign = "双11" } });
        using var reused = await _client.PostAsJsonAsync($"/api/customers/{oneId}/events", new { eventId = "mall:join-1", type = "campaign_joined",
            properties = new { campaign = "618" } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("mall:join-1", (await reused.ProblemAsync(409)).GetProperty("detail").GetString());
        Assert.Equal(["双11活动用户"], (await _app.Services.GetRequiredService<ICustomerTags>().ListAsync(oneId)).Select(t => t.Tag));
    }

    public sealed class Deliveries
    {
        private readonly ConcurrentQueue<(string, string)> _tags = new();
        private readonly ConcurrentQueue<CustomerBehaviorRecorded> _behaviors = new();

        public IReadOnlyList<(string Tag, string CustomerId)> Tags => [.. _tags];

        public IReadOnlyList<CustomerBehaviorRecorded> Behaviors => [.. _behaviors];

        public static async Task WaitForAsync(Func<bool> condition)
        {
            for (var i = 0; i < 100 && !condition(); i++)
            {
                await Task.Delay(50);
            }
        }

        public sealed class TagHandler(Deliveries log) : IIntegrationEventHandler<TagAdded>
        {
            public Task HandleAsync(TagAdded @event, CancellationToken cancellationToken)
            {
                log._tags.Enqueue((@event.Tag, @event.CustomerId));
                return Task.CompletedTask;
            }
        }

        public sealed class BehaviorHandler(Deliveries log) : IIntegrationEventHandler<CustomerBehaviorRecorded>
        {
            public Task HandleAsync(CustomerBehaviorRecorded @event, CancellationToken cancellationToken)
            {
                log._behaviors.Enqueue(@event);
                return Task.CompletedTask;
            }
        }
    }
}
