using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using CustomerService.Channels.WebChat;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

/// <summary>OneID through the real host: web chat customers signed in by the website become one customer on their verified phone.</summary>
public sealed class CustomerIdentityTests : IAsyncLifetime
{
    private const string Secret = "functional-tests-website-secret-0123456789";
    private readonly MergeLog _merges = new();
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = new CustomerServiceApp(settings: new Dictionary<string, string?> { ["WebChat:IdentitySecret"] = Secret }, services: s =>
        {
            s.AddSingleton(_merges);
            s.AddEventHandler<CustomersMerged, MergeLog.Handler>();
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

    private static object Signed(string customerId, string text, string phone, string secret = Secret) =>
        new { customerId, text, identity = new { phone, signature = WebChatIdentityVerifier.Sign(secret, phone, null) } };

    [Fact]
    public async Task Two_web_chat_customers_with_one_signed_phone_become_one_profile_with_both_tags()
    {
        // Both chat anonymously first, so each has a profile and a tag of its own.
        await _client.AskAsync("phone-visitor", "我想退货");                        // AutoTagging: 售后咨询
        await _client.AskAsync("laptop-visitor", "我要投诉，快递太慢了");            // AutoTagging: 投诉
        var older = await _app.OneIdAsync("phone-visitor");
        var newer = await _app.OneIdAsync("laptop-visitor");
        Assert.NotEqual(older, newer);

        // Then each signs in on the website, which signs the same phone number (spelled two ways).
        using var first = await _client.PostAsJsonAsync("/api/webchat/messages", Signed("phone-visitor", "怎么退货", "+86 138 0013 8000"));
        using var second = await _client.PostAsJsonAsync("/api/webchat/messages", Signed("laptop-visitor", "怎么退货", "13800138000"));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));

        var profile = await _client.GetFromJsonAsync<JsonElement>($"/api/customers/{newer}"); // the merged id finds the survivor
        Assert.Equal(older, profile.GetProperty("id").GetString());
        Assert.Equal("+8613800138000", profile.GetProperty("verifiedPhone").GetString());
        Assert.Equal(["laptop-visitor", "phone-visitor"],
            profile.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()).Order());
        Assert.Equal(["售后咨询", "投诉"], profile.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("tag").GetString()));

        var byAccount = await _client.GetFromJsonAsync<JsonElement>("/api/customers?channel=webchat&accountId=laptop-visitor");
        Assert.Equal(older, byAccount.GetProperty("id").GetString());
        await WaitForAsync(() => _merges.Merges.Count > 0);
        Assert.Equal([(older, newer, "phone")], _merges.Merges);
    }

    [Fact]
    public async Task A_bad_signature_is_refused_with_problem_details_and_nothing_is_stored()
    {
        using var response = await _client.PostAsJsonAsync("/api/webchat/messages",
            Signed("forger", "查一下我的订单", "13800138000", secret: "not-the-website-secret-0123456789abcdef"));

        var problem = await response.ProblemAsync(401);
        Assert.Contains("signature does not match", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, problem.ToString(), StringComparison.Ordinal);
        using var lookup = await _client.GetAsync("/api/customers?channel=webchat&accountId=forger");
        await lookup.ProblemAsync(404);
        Assert.Equal((0L, 0L, 0L), await CountAsync("customers", "customer_identifiers", "conversations"));
    }

    [Fact]
    public async Task A_malformed_identity_names_its_fields()
    {
        using var response = await _client.PostAsJsonAsync("/api/webchat/messages",
            new { customerId = "c-1", text = "你好", identity = new { phone = "12345", signature = "nothex" } });

        var problem = await response.ProblemAsync(400);
        Assert.Equal(["identity.phone", "identity.signature"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Staff_maintain_vip_level_birthday_membership_and_last_agent_and_bad_values_are_named()
    {
        await _client.AskAsync("vip-visitor", "怎么退货");
        var id = await _app.OneIdAsync("vip-visitor");

        using var patched = await PatchAsync($"/api/customers/{id}",
            """{"vipLevel":3,"lastHumanAgent":"agent-007","birthday":"1990-05-17","membershipExpiresAt":"2026-12-31T23:59:59+08:00"}""");
        using var cleared = await PatchAsync($"/api/customers/{id}", """{"birthday":null}""");
        using var invalid = await PatchAsync($"/api/customers/{id}", """{"vipLevel":-1,"birthday":"2999-01-01","verifiedPhone":"+8613800138000"}""");
        using var missing = await PatchAsync("/api/customers/cus_nobody", """{"vipLevel":1}""");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var profile = await cleared.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, profile.GetProperty("vipLevel").GetInt32());
        Assert.Equal("agent-007", profile.GetProperty("lastHumanAgent").GetString());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("birthday").ValueKind);
        Assert.Equal(DateTimeOffset.Parse("2026-12-31T15:59:59Z", System.Globalization.CultureInfo.InvariantCulture),
            profile.GetProperty("membershipExpiresAt").GetDateTimeOffset());
        var problem = await invalid.ProblemAsync(400);
        Assert.Equal(["birthday", "verifiedPhone", "vipLevel"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        await missing.ProblemAsync(404);
        Assert.Null((await _app.Services.GetRequiredService<ICustomerDirectory>().FindAsync(id))?.VerifiedPhone);
    }

    private Task<HttpResponseMessage> PatchAsync(string path, string json) =>
        _client.PatchAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/merge-patch+json"));

    private async Task<(long, long, long)> CountAsync(string first, string second, string third)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "customerservice.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        async Task<long> Count(string table)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table}";
            return (long)(await command.ExecuteScalarAsync())!;
        }

        return (await Count(first), await Count(second), await Count(third));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }

    public sealed class MergeLog
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string, string, string)> _merges = new();

        public IReadOnlyList<(string SurvivorId, string MergedId, string Reason)> Merges => [.. _merges];

        public sealed class Handler(MergeLog log) : IIntegrationEventHandler<CustomersMerged>
        {
            public Task HandleAsync(CustomersMerged @event, CancellationToken cancellationToken)
            {
                log._merges.Enqueue((@event.SurvivorId, @event.MergedId, @event.Reason));
                return Task.CompletedTask;
            }
        }
    }
}
