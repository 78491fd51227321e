using System.Net.Http.Json;
using System.Text.Json;

namespace CustomerService.FunctionalTests;

/// <summary>The fallback ladder's clock through the real host: a customer asked to rephrase who goes quiet is handed to a person.</summary>
public sealed class ClarifyTimeoutTests
{
    [Fact]
    public async Task A_customer_who_stays_unresolved_past_the_window_is_handed_off_by_the_durable_timer()
    {
        await using var app = new CustomerServiceApp(settings: new Dictionary<string, string?>
        {
            ["Agent:ClarifyWindow"] = "00:00:01",
            ["Timers:PollInterval"] = "00:00:00.100",
        });
        using var client = app.CreateClient();

        var clarify = await client.AskAsync("c-quiet", "你们的股票代码是多少");
        Assert.False(clarify.Handoff);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? status;
        do
        {
            await Task.Delay(100);
            var conversation = await client.GetFromJsonAsync<JsonElement>($"/api/conversations/{clarify.ConversationId}");
            status = conversation.GetProperty("conversation").GetProperty("status").GetString();
        }
        while (status != "needs_human" && DateTime.UtcNow < deadline);

        Assert.Equal("needs_human", status);
        CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
    }

    [Fact]
    public async Task Outside_business_hours_the_timer_hands_nobody_off()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        await using var app = new CustomerServiceApp(settings: new Dictionary<string, string?>
        {
            ["Agent:ClarifyWindow"] = "00:00:01",
            ["Timers:PollInterval"] = "00:00:00.100",
            ["BusinessHours:Channels:webchat:TimeZone"] = "Asia/Shanghai",
            ["BusinessHours:Channels:webchat:Weekly:0:Days"] = "Mon-Sun",
            ["BusinessHours:Channels:webchat:Weekly:0:Hours:0"] = "09:00-18:00",
            ["BusinessHours:Channels:webchat:Holidays:0"] = $"{today.AddDays(-1):yyyy-MM-dd}..{today.AddDays(1):yyyy-MM-dd}",
        });
        using var client = app.CreateClient();

        var clarify = await client.AskAsync("c-night", "你们的股票代码是多少");
        await Task.Delay(3000); // three windows: the timer has fired

        var conversation = await client.GetFromJsonAsync<JsonElement>($"/api/conversations/{clarify.ConversationId}");
        Assert.Equal("open", conversation.GetProperty("conversation").GetProperty("status").GetString());
        var second = await client.AskAsync("c-night", "股票代码");
        Assert.False(second.Handoff);
        Assert.Contains("留言", second.Reply, StringComparison.Ordinal); // the second miss offers to take a message
        CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
    }
}
