using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Conversations;
using CustomerService.Core.Handoff;
using CustomerService.UnitTests.Conversations;

namespace CustomerService.UnitTests.Handoff;

public sealed class NegativeSentimentPolicyTests
{
    private static ConversationTurn Turn(string text) => new(
        new Conversation("conv-1", "webchat", "c-1", ConversationStatus.Open, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
        new InboundMessage("webchat", "c-1", text));

    private static NegativeSentimentPolicy Policy(HandoffOptions? options = null) =>
        new(new StaticOptionsMonitor<HandoffOptions>(options ?? new HandoffOptions()));

    [Theory]
    [InlineData("你们太差了，垃圾！", "zh")]
    [InlineData("This is a scam, I'm so angry!", "en")]
    public async Task Below_the_threshold_hands_off_with_an_apology_in_the_customers_language(string text, string language)
    {
        var reply = await Policy().EvaluateAsync(Turn(text), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.True(reply.Handoff);
        Assert.Equal("negative_sentiment", reply.HandoffReason);
        Assert.Equal(new HandoffOptions().SentimentMessages[language], reply.Text);
    }

    [Theory]
    [InlineData("怎么退货")]
    [InlineData("有点慢")]
    [InlineData("not bad, thanks")]
    [InlineData("That's a bit slow")]
    public async Task Above_the_threshold_lets_the_turn_go_on(string text) =>
        Assert.Null(await Policy().EvaluateAsync(Turn(text), CancellationToken.None));

    [Fact]
    public async Task The_threshold_is_configurable()
    {
        const string mild = "有点差";

        Assert.Null(await Policy().EvaluateAsync(Turn(mild), CancellationToken.None));
        var strict = await Policy(new HandoffOptions { SentimentThreshold = -0.3 }).EvaluateAsync(Turn(mild), CancellationToken.None);
        Assert.Equal("negative_sentiment", strict?.HandoffReason);
    }

    [Fact]
    public async Task A_masked_text_is_still_scored_as_sent()
    {
        var turn = Turn("垃圾客服！");
        turn.Text = "**客服！";

        Assert.Equal("negative_sentiment", (await Policy().EvaluateAsync(turn, CancellationToken.None))?.HandoffReason);
    }
}
