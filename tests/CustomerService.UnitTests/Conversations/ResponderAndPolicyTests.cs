using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Agent;
using CustomerService.Core.Agent.Calibration;
using CustomerService.Core.Agent.FollowUps;
using CustomerService.Core.Agent.Ladder;
using CustomerService.Core.Conversations;
using CustomerService.Core.Handoff;
using Microsoft.Extensions.Options;

namespace CustomerService.UnitTests.Conversations;

public sealed class ResponderAndPolicyTests
{
    private static readonly Dictionary<string, string> Fallbacks = new() { ["zh"] = "抱歉，已为您转人工。", ["en"] = "Sorry, a human will help you." };

    private static ConversationTurn Turn(string text) => new(
        new Conversation("conv-1", "webchat", "c-1", ConversationStatus.Open, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
        new InboundMessage("webchat", "c-1", text));

    internal static async Task<ExtractiveResponder> ResponderAsync(double threshold, Dictionary<string, ChannelThresholds>? channels = null,
        IConversationStore? conversations = null, FaqEntry[]? knowledge = null)
    {
        var entries = knowledge ??
        [
            new FaqEntry("return.zh", "return_how", ["怎么退货", "我想退货"], "在订单页申请退货。"),
            new FaqEntry("refund.en", "refund_time", ["How long do refunds take?"], "1–3 working days."),
        ];
        var (catalog, search) = await FaqSearch.OverAsync(entries);
        var options = new AgentOptions
        {
            AnswerThreshold = threshold, SuggestThreshold = Math.Min(0.5, threshold), FallbackMessages = Fallbacks, Channels = channels ?? [],
        };
        var monitor = new StaticOptionsMonitor<AgentOptions>(options);
        var ladder = new AnswerLadder(new ConversationMemory(new InMemoryState()), new RecordedTimers(), monitor, TimeProvider.System);
        return new ExtractiveResponder(search, catalog, new ConfidenceCalibration(Options.Create(options)), ladder,
            new FollowUpDetector(conversations ?? new Handoff.FakeConversationStore(), monitor), monitor);
    }

    [Fact]
    public async Task A_confident_match_answers_with_the_entrys_answer()
    {
        var reply = await (await ResponderAsync(0.8)).RespondAsync(Turn("怎么退货？"), CancellationToken.None);

        Assert.Equal("在订单页申请退货。", reply.Text);
        Assert.Equal("return_how", reply.MatchedIntent);
        Assert.Equal([new Citation("return.zh", "怎么退货")], reply.Citations);
        Assert.Equal("return.zh", reply.Candidates[0].Id);
        Assert.Equal(1.0, reply.Confidence, precision: 4);
        Assert.False(reply.Handoff);
    }

    [Theory]
    [InlineData("你们卖汽车吗", "抱歉，已为您转人工。")]
    [InlineData("Do you sell cars?", "Sorry, a human will help you.")]
    public async Task Below_the_suggest_threshold_the_first_miss_asks_to_rephrase_and_the_second_hands_off(string text, string fallback)
    {
        var responder = await ResponderAsync(0.8);

        var first = await responder.RespondAsync(Turn(text), CancellationToken.None);
        var second = await responder.RespondAsync(Turn(text), CancellationToken.None);

        Assert.False(first.Handoff);
        Assert.Null(first.MatchedIntent);
        Assert.Equal(new AgentOptions().ClarifyMessages[text.Any(c => c > 0x2E80) ? "zh" : "en"], first.Text);
        Assert.True(second.Handoff);
        Assert.Equal(fallback, second.Text);
        Assert.Equal("low_confidence", second.HandoffReason);
        Assert.Empty(second.Citations);
    }

    [Fact]
    public async Task The_threshold_decides_between_answering_and_not()
    {
        const string paraphrase = "退货";
        var strict = await (await ResponderAsync(0.99)).RespondAsync(Turn(paraphrase), CancellationToken.None);
        var lenient = await (await ResponderAsync(0.3)).RespondAsync(Turn(paraphrase), CancellationToken.None);

        Assert.Null(strict.MatchedIntent);
        Assert.Equal("return_how", lenient.MatchedIntent);
        Assert.Equal(strict.Confidence, lenient.Confidence);
    }

    [Fact]
    public async Task A_channel_may_set_its_own_thresholds()
    {
        var responder = await ResponderAsync(0.3, new() { ["wecom"] = new ChannelThresholds { AnswerThreshold = 0.99, SuggestThreshold = 0.2 } });
        var onWecom = new ConversationTurn(Turn("退货").Conversation with { Channel = "wecom" }, new InboundMessage("wecom", "c-1", "退货"));

        Assert.Equal("return_how", (await responder.RespondAsync(Turn("退货"), CancellationToken.None)).MatchedIntent);
        Assert.Null((await responder.RespondAsync(onWecom, CancellationToken.None)).MatchedIntent);
    }

    [Fact]
    public void A_channels_bad_threshold_is_named() =>
        Assert.Contains("Agent:Channels:wecom:AnswerThreshold", new AgentOptionsValidator().Validate(null, new AgentOptions
        {
            FallbackMessages = Fallbacks,
            Channels = new() { ["wecom"] = new ChannelThresholds { AnswerThreshold = 1.5 } },
        }).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public async Task Between_the_thresholds_suggestions_are_offered_and_a_number_picks_one()
    {
        var responder = await ResponderAsync(0.99);
        var turn = Turn("退货");

        var offered = await responder.RespondAsync(turn, CancellationToken.None);

        Assert.False(offered.Handoff);
        Assert.StartsWith("您是不是想问：\n1. 怎么退货", offered.Text, StringComparison.Ordinal);
        Assert.EndsWith("回复序号即可查看答案。", offered.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("我要转人工", true)]
    [InlineData("帮我转 人工", true)]
    [InlineData("Can I talk to a HUMAN please", true)]
    [InlineData("人工智能是什么", false)]
    [InlineData("怎么退货", false)]
    [InlineData("人工！", true)]
    [InlineData("Agent", true)]
    [InlineData("is my agent discount applied", false)]
    public async Task An_explicit_request_for_a_person_is_honoured(string text, bool handsOff)
    {
        var policy = new HumanRequestPolicy(new StaticOptionsMonitor<HandoffOptions>(new HandoffOptions
        {
            RequestPhrases = ["转人工", "人工客服", "talk to a human"],
            RequestMessages = ["人工", "agent"],
            RequestedMessages = new() { ["zh"] = "正在转接人工客服", ["en"] = "Connecting you to a person" },
        }));

        var reply = await policy.EvaluateAsync(Turn(text), CancellationToken.None);

        Assert.Equal(handsOff, reply is not null);
        if (reply is not null)
        {
            Assert.True(reply.Handoff);
            Assert.Equal("customer_request", reply.HandoffReason);
            Assert.Equal(text.Any(c => c > 0x2E80) ? "正在转接人工客服" : "Connecting you to a person", reply.Text);
        }
    }
}

internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
