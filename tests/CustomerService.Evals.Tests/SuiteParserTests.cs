using CustomerService.Evals.Cli;
using CustomerService.Evals.Suites;

namespace CustomerService.Evals.Tests;

public sealed class SuiteParserTests
{
    private static readonly string Seed = Path.Combine(AppContext.BaseDirectory, "Seed", "demo-shop-faq.jsonl");

    private static string Suite(string cases, string extra = "") => $"""
        name: 退货
        knowledge: [{Seed}]
        settings:
          Agent:AnswerThreshold: 0.7
        sensitive_words: [傻逼]
        tolerance: {"{"} pass_rate_drop: 0.05, latency_p99_increase_ms: 100 {"}"}
        {extra}
        cases:
        {cases}
        """;

    private const string OneCase = """
          - id: return-how
            description: canonical question
            customer: { id: c-vip, tags: [VIP], profile: { level: gold } }
            turns:
              - text: 怎么退货
                expect:
                  intent: return_how
                  handoff: false
                  contains: 申请售后
                  not_contains: [抱歉, sorry]
                  cites: return_how.zh
                  no_sensitive: true
                  latency_under_ms: 500
                  tag_added: 售后咨询
                  ticket_created: { category: 售后, urgency: high }
              - text: 谢谢
        """;

    [Fact]
    public void A_full_suite_is_read()
    {
        var suite = SuiteParser.Parse(Suite(OneCase), "returns.yaml");

        Assert.Equal("退货", suite.Name);
        Assert.Equal([Seed], suite.Knowledge);
        Assert.Equal("0.7", suite.Settings["Agent:AnswerThreshold"]);
        Assert.Equal(new SuiteTolerance(0.05, 100), suite.Tolerance);
        Assert.Equal("webchat", suite.Channel);
        var @case = Assert.Single(suite.Cases);
        Assert.Equal("c-vip", @case.Customer.Id);
        Assert.Equal(["VIP"], @case.Customer.Tags);
        Assert.Equal("gold", @case.Customer.Profile["level"]);
        Assert.Equal(2, @case.Turns.Count);
        Assert.Equal(
            ["intent", "handoff", "contains", "not_contains", "cites", "no_sensitive", "latency_under_ms", "tag_added", "ticket_created"],
            @case.Turns[0].Expectations.Select(e => e.Kind));
        Assert.Empty(@case.Turns[1].Expectations);
        Assert.Equal(new TicketCreatedExpectation("售后", "high", 23), @case.Turns[0].Expectations[^1]);
    }

    [Fact]
    public void Intent_null_means_no_entry_and_pending_carries_its_reason()
    {
        var suite = SuiteParser.Parse(Suite("""
              - id: oos
                pending: needs the agent (issue 5)
                turns:
                  - text: 股票代码
                    expect: { intent: null, handoff: true }
            """), "x.yaml");

        Assert.Equal("needs the agent (issue 5)", suite.Cases[0].Pending);
        Assert.Equal(new IntentExpectation(null, 13), suite.Cases[0].Turns[0].Expectations[0]);
    }

    [Theory]
    [InlineData("      - id: a\n        turns:\n          - text: hi\n            expect: { intnet: return_how }", 12, "cases[0].turns[0].expect.intnet", "is not a known expectation")]
    [InlineData("      - id: a\n        turns:\n          - text: hi\n            expect: { handoff: maybe }", 12, "cases[0].turns[0].expect.handoff", "must be true or false")]
    [InlineData("      - id: a\n        turns:\n          - text: hi\n            expect: { latency_under_ms: fast }", 12, "cases[0].turns[0].expect.latency_under_ms", "must be a number")]
    [InlineData("      - id: a\n        turns: []", 10, "cases[0].turns", "at least one turn")]
    [InlineData("      - id: a\n        turn:\n          - text: hi", 10, "cases[0].turn", "is not a known field")]
    [InlineData("      - description: no id\n        turns:\n          - text: hi", 9, "cases[0].id", "is required")]
    [InlineData("      - id: a\n        turns:\n          - text: hi\n      - id: a\n        turns:\n          - text: ho", 12, "id", "more than one case")]
    public void A_malformed_case_names_the_line_and_field(string cases, int line, string field, string problem)
    {
        var error = Assert.Throws<SuiteFormatException>(() => SuiteParser.Parse(Suite(cases), "bad.yaml"));

        Assert.Equal("bad.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"bad.yaml:{line}: {field}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_names_its_line()
    {
        var error = Assert.Throws<SuiteFormatException>(() => SuiteParser.Parse("name: x\ncases:\n  - id: [unclosed\n", "broken.yaml"));

        Assert.Equal(4, error.Line); // where the parser finds the bracket still open: the end of the file
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_knowledge_file_is_named()
    {
        var error = Assert.Throws<SuiteFormatException>(() =>
            SuiteParser.Parse("name: x\nknowledge: [no-such-faq.jsonl]\ncases:\n  - id: a\n    turns: [{ text: hi }]\n", "/tmp/suite.yaml"));

        Assert.Equal("knowledge[0]", error.Field);
        Assert.Contains("no-such-faq.jsonl' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_suite_field_is_refused() =>
        Assert.Equal("threshold", Assert.Throws<SuiteFormatException>(() =>
            SuiteParser.Parse("name: x\nthreshold: 0.8\ncases:\n  - id: a\n    turns: [{ text: hi }]\n", "x.yaml")).Field);

    [Fact]
    public void A_suite_without_a_name_is_refused() =>
        Assert.Equal("name", Assert.Throws<SuiteFormatException>(() =>
            SuiteParser.Parse("cases:\n  - id: a\n    turns: [{ text: hi }]\n", "x.yaml")).Field);
}
