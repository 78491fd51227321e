namespace CustomerService.FunctionalTests;

public sealed class ChannelThresholdTests
{
    private const string Question = "停车"; // matches store_parking at about 0.62: suggestion band by default

    [Fact]
    public async Task By_default_a_middling_match_is_only_suggested()
    {
        var reply = await AskAsync(settings: null);

        Assert.Null(reply.MatchedIntent);
        Assert.StartsWith("您是不是想问", reply.Reply, StringComparison.Ordinal);
        Assert.Contains("门店有停车场吗", reply.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lower_bar_for_the_web_channel_answers_it_outright()
    {
        var reply = await AskAsync(new Dictionary<string, string?>
        {
            ["Agent:Channels:webchat:AnswerThreshold"] = "0.6",
            ["Agent:Channels:dingtalk:AnswerThreshold"] = "0.95", // another channel's bar must not leak in
        });

        Assert.Equal("store_parking", reply.MatchedIntent);
        Assert.Equal("门店地下停车场前两小时免费。", reply.Reply);
        Assert.False(reply.Handoff);
    }

    private static async Task<HttpResponses.ChatReply> AskAsync(IReadOnlyDictionary<string, string?>? settings)
    {
        await using var app = new CustomerServiceApp(settings: settings);
        try
        {
            var client = app.CreateClient();
            using var import = await client.PostRawAsync("/api/knowledge/faq", TestFaq.JsonLines, "application/x-ndjson");
            Assert.Equal(System.Net.HttpStatusCode.OK, import.StatusCode);
            return await client.AskAsync("c-threshold", Question);
        }
        finally
        {
            CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
        }
    }
}
