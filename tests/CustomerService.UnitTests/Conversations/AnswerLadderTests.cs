using CustomerService.Abstractions.Conversations;
using CustomerService.Conformance;
using CustomerService.Core.Agent;
using CustomerService.Core.Agent.Ladder;
using CustomerService.Core.Conversations;

namespace CustomerService.UnitTests.Conversations;

public sealed class AnswerLadderTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordedTimers _timers = new();
    private readonly ConversationMemory _memory = new(new InMemoryState());
    private readonly AnswerLadder _ladder;

    public AnswerLadderTests() =>
        _ladder = new AnswerLadder(_memory, _timers, new StaticOptionsMonitor<AgentOptions>(new AgentOptions
        {
            FallbackMessages = new() { ["zh"] = "转人工", ["en"] = "human" },
        }), _time);

    private static ConversationTurn Turn(string text) => new(
        new Conversation("conv-1", "webchat", "c-1", ConversationStatus.Open, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
        new InboundMessage("webchat", "c-1", text));

    private static readonly SuggestedAnswer[] Offer =
    [
        new("怎么退货", "在订单页申请退货。", "return_how", "return_how.zh"),
        new("退货运费谁出", "质量问题由我们承担。", "return_shipping_fee", "return_shipping_fee.zh"),
    ];

    [Fact]
    public async Task Once_reset_a_stored_memory_costs_no_further_writes_on_answered_turns()
    {
        var store = new JsonRoundTripState();
        var ladder = new AnswerLadder(new ConversationMemory(store), _timers, new StaticOptionsMonitor<AgentOptions>(new AgentOptions()), _time);
        await ladder.NotAnsweredAsync(Turn("退货"), 0.6, Offer, [], CancellationToken.None);
        await ladder.AnsweredAsync(Turn("1"), CancellationToken.None); // clears the suggestions: one write
        var writes = store.Saves;

        await ladder.AnsweredAsync(Turn("怎么退货"), CancellationToken.None);
        await ladder.AnsweredAsync(Turn("运费多少"), CancellationToken.None);

        Assert.Equal(2, writes);
        Assert.Equal(writes, store.Saves); // the stored empty memory reads back as a new instance and is still empty
    }

    [Fact]
    public async Task The_first_miss_asks_to_rephrase_and_starts_the_clock_the_second_hands_off_and_stops_it()
    {
        var first = await _ladder.NotAnsweredAsync(Turn("火星"), 0.1, [], [], CancellationToken.None);

        Assert.False(first.Handoff);
        var timer = Assert.Single(_timers.Scheduled.Values);
        Assert.Equal((AnswerLadder.TimeoutKind, _time.GetUtcNow() + TimeSpan.FromMinutes(5), "conv-1"), (timer.Kind, timer.DueAt, timer.Payload));

        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await _ladder.NotAnsweredAsync(Turn("火星呢"), 0.1, [], [], CancellationToken.None);

        Assert.True(second.Handoff);
        Assert.Equal("转人工", second.Text);
        Assert.Empty(_timers.Scheduled);
    }

    [Fact]
    public async Task An_answer_ends_the_run_of_misses()
    {
        await _ladder.NotAnsweredAsync(Turn("火星"), 0.1, [], [], CancellationToken.None);
        await _ladder.AnsweredAsync(Turn("怎么退货"), CancellationToken.None);

        var next = await _ladder.NotAnsweredAsync(Turn("月球"), 0.1, [], [], CancellationToken.None);

        Assert.False(next.Handoff); // a fresh first miss
        Assert.Single(_timers.Scheduled);
    }

    [Fact]
    public async Task Suggestions_are_numbered_and_the_customers_number_gets_that_answer()
    {
        var offered = await _ladder.NotAnsweredAsync(Turn("退货"), 0.6, Offer, [], CancellationToken.None);
        var pick = new SuggestionPickPolicy(_memory, _ladder);

        var answer = await pick.EvaluateAsync(Turn("2"), CancellationToken.None);
        var again = await pick.EvaluateAsync(Turn("2"), CancellationToken.None);

        Assert.Equal("您是不是想问：\n1. 怎么退货\n2. 退货运费谁出\n回复序号即可查看答案。", offered.Text);
        Assert.NotNull(answer);
        Assert.Equal(("质量问题由我们承担。", "return_shipping_fee"), (answer.Text, answer.MatchedIntent));
        Assert.Equal("return_shipping_fee.zh", Assert.Single(answer.Citations).Id);
        Assert.Null(again); // the suggestions were used up
    }

    [Theory]
    [InlineData("第1个")]
    [InlineData("#1")]
    [InlineData("1.")]
    public async Task A_number_may_be_written_several_ways(string text)
    {
        await _ladder.NotAnsweredAsync(Turn("退货"), 0.6, Offer, [], CancellationToken.None);

        var answer = await new SuggestionPickPolicy(_memory, _ladder).EvaluateAsync(Turn(text), CancellationToken.None);

        Assert.Equal("return_how", answer?.MatchedIntent);
    }

    [Fact]
    public async Task A_number_without_suggestions_is_left_to_the_responder() =>
        Assert.Null(await new SuggestionPickPolicy(_memory, _ladder).EvaluateAsync(Turn("3"), CancellationToken.None));
}

/// <summary>Stores values as JSON, as the SQLite store does, so a read returns a new instance.</summary>
internal sealed class JsonRoundTripState : CustomerService.Abstractions.State.IStateStore
{
    private readonly Dictionary<string, (string Json, string ETag)> _entries = [];

    public int Saves { get; private set; }

    public Task<CustomerService.Abstractions.State.StateEntry<T>?> GetAsync<T>(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryGetValue(key, out var e)
            ? new CustomerService.Abstractions.State.StateEntry<T>(key, System.Text.Json.JsonSerializer.Deserialize<T>(e.Json)!, e.ETag)
            : null);

    public Task<string> SaveAsync<T>(string key, T value, string? etag, CancellationToken cancellationToken = default)
    {
        Saves++;
        var next = Guid.NewGuid().ToString("N");
        _entries[key] = (System.Text.Json.JsonSerializer.Serialize(value), next);
        return Task.FromResult(next);
    }

    public Task<bool> DeleteAsync(string key, string? etag, CancellationToken cancellationToken = default) => Task.FromResult(_entries.Remove(key));
}
