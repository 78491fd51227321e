using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Conversations;
using CustomerService.Core.Conversations.Closing;

namespace CustomerService.UnitTests.Conversations;

public sealed class ClosingPolicyTests
{
    private static readonly ClosingPolicy Policy = new(new StaticOptionsMonitor<ClosingOptions>(new ClosingOptions
    {
        Phrases = ["谢谢", "没有了", "that's all", "thanks"],
        Messages = new() { ["zh"] = "不客气", ["en"] = "You're welcome" },
    }));

    private static ConversationTurn Turn(string text) => new(
        new Conversation("conv-1", "webchat", "c-1", ConversationStatus.Open, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
        new InboundMessage("webchat", "c-1", text));

    [Theory]
    [InlineData("谢谢！", "不客气")]
    [InlineData("没有了。", "不客气")]
    [InlineData("That's all.", "You're welcome")]
    [InlineData("THANKS", "You're welcome")]
    public async Task A_whole_sign_off_closes_with_a_goodbye_in_the_customers_language(string text, string goodbye)
    {
        var reply = await Policy.EvaluateAsync(Turn(text), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.True(reply.ClosesConversation);
        Assert.False(reply.Handoff);
        Assert.Equal(goodbye, reply.Text);
    }

    [Theory]
    [InlineData("谢谢，那怎么退货")]
    [InlineData("thanks, and where is my order?")]
    [InlineData("")]
    public async Task A_question_with_thanks_in_it_is_not_a_goodbye(string text) =>
        Assert.Null(await Policy.EvaluateAsync(Turn(text), CancellationToken.None));

    [Fact]
    public void Missing_goodbyes_are_named() =>
        Assert.Contains("Closing:Messages:en", new ClosingOptionsValidator().Validate(null,
            new ClosingOptions { Messages = new() { ["zh"] = "不客气" } }).FailureMessage, StringComparison.Ordinal);
}
