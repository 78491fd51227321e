using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static CustomerService.FunctionalTests.WeComTestApp;

namespace CustomerService.FunctionalTests;

/// <summary>
/// 联系我 channel codes (活码) through the real host: a signed, encrypted change_external_contact callback whose State is a code, with the
/// rules shipped in appsettings.json (qr-store-12 → 门店12 + 线下客户).
/// </summary>
public sealed class WeComContactWayTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private readonly ConcurrentQueue<ChannelCustomerArrived> _arrivals = new();
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;
    private readonly long _now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public Task InitializeAsync()
    {
        var settings = Settings();
        settings["EventBus:PollInterval"] = "00:00:00.050";
        settings["Logging:LogLevel:CustomerService"] = "Information"; // what the channel and the arrivals log is asserted below
        _app = new CustomerServiceApp(settings: settings, services: s =>
        {
            s.AddSingleton<ILoggerProvider>(_logs);
            s.AddSingleton(_arrivals);
            s.AddEventHandler<ChannelCustomerArrived, ArrivalRecorder>();
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

    [Fact]
    public async Task A_customer_who_adds_staff_through_a_channel_code_is_tagged_and_the_source_recorded()
    {
        using var response = await PostAsync(ContactAdded("wmCustomerQr12", "qr-store-12", _now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var tags = await WaitForTagsAsync("wmCustomerQr12", 2);
        Assert.Equal([("线下客户", "channel:qr-store-12"), ("门店12", "channel:qr-store-12")], tags.Select(t => (t.Tag, t.Source)).Order());
        var profile = await _client.GetFromJsonAsync<JsonElement>($"/api/customers/{await OneIdAsync("wmCustomerQr12")}");
        var first = profile.GetProperty("firstSource");
        Assert.Equal(("wecom", "qr-store-12"), (first.GetProperty("channel").GetString(), first.GetProperty("code").GetString()));
        Assert.Contains("wmCustomerQr12", profile.GetProperty("weComExternalUserIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(_logs.Lines, l => l.Contains("through 联系我 code qr-store-12 on app acme", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("wmCustomerQr12", StringComparison.Ordinal) || l.Contains("zhangsan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_event_retried_and_re_signed_is_one_arrival_and_the_half_then_full_addition_tags_once()
    {
        var message = ContactAdded("wmCustomerTwice", "qr-store-12", _now);
        var request = Signed(message);
        List<HttpStatusCode> statuses = [];
        foreach (var callback in new[] { request, request, Signed(message) }) // WeCom's retry as is, then one signed anew
        {
            using var response = await _client.PostAsync(callback.Url, Xml(callback.Body));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await WaitForTagsAsync("wmCustomerTwice", 2);
        await Task.Delay(500); // room for a wrongly repeated delivery
        Assert.Single(_arrivals, a => a.AccountId == "wmCustomerTwice");

        // add_half_external_contact, then add_external_contact once the member confirms: two events, one source, tags once.
        using var half = await PostAsync(ContactAdded("wmCustomerHalf", "qr-store-12", _now, "add_half_external_contact"));
        using var full = await PostAsync(ContactAdded("wmCustomerHalf", "qr-store-12", _now + 1));
        await WaitForArrivalsAsync("wmCustomerHalf", 2);
        var oneId = await OneIdAsync("wmCustomerHalf");
        Assert.Equal(2, (await _app.Services.GetRequiredService<ICustomerTags>().ListAsync(oneId)).Count);
        Assert.Single(await _app.Services.GetRequiredService<ICustomerSources>().ListAsync(oneId));
    }

    [Fact]
    public async Task An_unknown_code_records_the_source_without_tags_and_a_state_that_is_no_code_records_nothing()
    {
        using var unknown = await PostAsync(ContactAdded("wmCustomerUnknown", "qr-nowhere-9", _now));
        using var notACode = await PostAsync(ContactAdded("wmCustomerOdd", "门店 12", _now));
        using var noState = await PostAsync(ContactAdded("wmCustomerSearch", null, _now));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { unknown.StatusCode, notACode.StatusCode, noState.StatusCode });

        await WaitForArrivalsAsync("wmCustomerUnknown", 1);
        var oneId = await OneIdAsync("wmCustomerUnknown");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await _app.Services.GetRequiredService<ICustomerSources>().ListAsync(oneId)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal("qr-nowhere-9", Assert.Single(await _app.Services.GetRequiredService<ICustomerSources>().ListAsync(oneId)).Code);
        Assert.Empty(await _app.Services.GetRequiredService<ICustomerTags>().ListAsync(oneId));
        Assert.Single(_arrivals); // neither the state that is no code nor the addition without one is an arrival
        var directory = _app.Services.GetRequiredService<ICustomerDirectory>();
        Assert.Null(await directory.FindByAccountAsync(new ChannelAccount("wecom", "wmCustomerOdd")));
        Assert.Contains(_logs.Lines, l => l.Contains("Channel code qr-nowhere-9 on wecom matches no channel_source rule", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains("state that is not a channel code", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("wmCustomer", StringComparison.Ordinal) || l.Contains("门店 12", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> PostAsync(string message)
    {
        var callback = Signed(message);
        return _client.PostAsync(callback.Url, Xml(callback.Body));
    }

    private async Task<string> OneIdAsync(string externalUserId) =>
        (await _app.Services.GetRequiredService<ICustomerDirectory>().FindByAccountAsync(new ChannelAccount("wecom", externalUserId)))?.Id
            ?? throw new InvalidOperationException($"{externalUserId} has not arrived.");

    private async Task<IReadOnlyList<CustomerTag>> WaitForTagsAsync(string externalUserId, int count)
    {
        var directory = _app.Services.GetRequiredService<ICustomerDirectory>();
        IReadOnlyList<CustomerTag> tags = [];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (tags.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            if (await directory.FindByAccountAsync(new ChannelAccount("wecom", externalUserId)) is { } customer)
            {
                tags = await _app.Services.GetRequiredService<ICustomerTags>().ListAsync(customer.Id);
            }
        }

        return tags;
    }

    private async Task WaitForArrivalsAsync(string externalUserId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_arrivals.Count(a => a.AccountId == externalUserId) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(count, _arrivals.Count(a => a.AccountId == externalUserId));
    }

    private sealed class ArrivalRecorder(ConcurrentQueue<ChannelCustomerArrived> arrivals) : IIntegrationEventHandler<ChannelCustomerArrived>
    {
        public Task HandleAsync(ChannelCustomerArrived arrival, CancellationToken cancellationToken)
        {
            arrivals.Enqueue(arrival);
            return Task.CompletedTask;
        }
    }
}
