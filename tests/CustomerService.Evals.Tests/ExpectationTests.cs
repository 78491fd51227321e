using CustomerService.Evals.Suites;

namespace CustomerService.Evals.Tests;

public sealed class ExpectationTests
{
    private static readonly EvalSuite Suite = new("s", "s.yaml", null, [], new Dictionary<string, string?>(), "webchat", ["傻逼"], new SuiteTolerance(), []);

    private static TurnOutcome Reply(string text, string? intent = "return_how", bool handoff = false, double latency = 12,
        IReadOnlyList<string>? tags = null, IReadOnlyList<TicketOutcome>? tickets = null) =>
        new(text, 0.93, intent, handoff, intent is null ? [] : ["return_how.zh"], latency, TagsAdded: tags, Tickets: tickets);

    private static readonly List<(Expectation Expectation, TurnOutcome Outcome, string? Failure)> Examples =
    [
        (new ContainsExpectation(["申请售后", "退款"], 1), Reply("点击申请售后，仓库验收后退款"), null),
        (new ContainsExpectation(["申请售后", "退款"], 1), Reply("点击申请售后"), "reply lacks \"退款\""),
        (new NotContainsExpectation(["抱歉"], 1), Reply("好的"), null),
        (new NotContainsExpectation(["抱歉"], 1), Reply("抱歉，无法回答"), "reply contains \"抱歉\""),
        (new CitesExpectation("return_how.zh", 1), Reply("…"), null),
        (new CitesExpectation("return_how.en", 1), Reply("…"), "cites return_how.zh"),
        (new CitesExpectation("return_how.zh", 1), Reply("…", intent: null), "cites nothing"),
        (new IntentExpectation("return_how", 1), Reply("…"), null),
        (new IntentExpectation(null, 1), Reply("…", intent: null, handoff: true), null),
        (new IntentExpectation("refund_time", 1), Reply("…"), "intent return_how (confidence 0.93)"),
        (new HandoffExpectation(true, 1), Reply("…", handoff: true), null),
        (new HandoffExpectation(false, 1), Reply("…", handoff: true), "handed off (confidence 0.93)"),
        (new TagAddedExpectation("售后咨询", 1), Reply("…", tags: ["售后咨询"]), null),
        (new TagAddedExpectation("售后咨询", 1), Reply("…", tags: []), "added no tag"),
        (new TagAddedExpectation("售后咨询", 1), Reply("…"), "the target reports no tags"),
        (new TicketCreatedExpectation("售后", null, 1), Reply("…", tickets: [new TicketOutcome("售后", "low")]), null),
        (new TicketCreatedExpectation("售后", "high", 1), Reply("…", tickets: [new TicketOutcome("售后", "low")]), "created 售后/low"),
        (new TicketCreatedExpectation(null, null, 1), Reply("…"), "the target reports no tickets"),
        (new NoSensitiveExpectation(1), Reply("您的手机号 138****5678 已登记"), null),
        (new NoSensitiveExpectation(1), Reply("已记录 13812345678"), "reply contains the unmasked phone number 13812345678"),
        (new NoSensitiveExpectation(1), Reply("你才是傻逼"), "reply contains sensitive \"傻逼\""),
        (new LatencyUnderExpectation(50, 1), Reply("…", latency: 12), null),
        (new LatencyUnderExpectation(50, 1), Reply("…", latency: 75.25), "took 75.3 ms"),
    ];

    // The runner's types are internal, so the theory enumerates example numbers.
    public static TheoryData<int> ExampleNumbers => [.. Enumerable.Range(0, Examples.Count)];

    [Theory]
    [MemberData(nameof(ExampleNumbers))]
    public void Each_kind_holds_or_says_what_happened_instead(int example)
    {
        var (expectation, outcome, failure) = Examples[example];
        Assert.Equal(failure, expectation.Check(outcome, Suite));
        Assert.False(string.IsNullOrWhiteSpace(expectation.Describe()));
    }
}
