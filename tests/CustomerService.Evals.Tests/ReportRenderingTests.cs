using System.Globalization;
using System.Xml.Linq;
using CustomerService.Evals.Reports;
using CustomerService.Evals.Suites;
using Spectre.Console;

namespace CustomerService.Evals.Tests;

public class ReportRenderingTests
{
    // Markup and HTML characters in a Chinese reply: the renderers must carry them as text.
    private const string HostileReply = "退款将在3-5个工作日内到账 <script>alert(1)</script> [red]注意[/]";

    private static EvalReport Sample()
    {
        var passed = new CaseRecord("return-how", "the canonical question", CaseStatus.Passed, null, false,
        [
            new TurnRecord("怎么退货", new TurnOutcome("请在订单页申请售后。", 0.92, "return_how", false, ["return_how.zh"], 12.5),
                [new ExpectationRecord("intent", "intent return_how", null)]),
        ]);
        var failed = new CaseRecord("refund-time", "refund duration", CaseStatus.Failed, null, false,
        [
            new TurnRecord("退款多久到账", new TurnOutcome(HostileReply, 0.41, null, true, [], 3.2),
            [
                new ExpectationRecord("contains", "reply contains \"原路退回\"", "reply lacks \"原路退回\""),
                new ExpectationRecord("handoff", "does not hand off", "handed off (confidence 0.41)"),
            ]),
        ]);
        var pending = new CaseRecord("follow-up", null, CaseStatus.Pending, "follow-ups need the agent (issue 5)", true,
        [
            new TurnRecord("会员有什么权益", new TurnOutcome("金卡会员享受免运费。", 0.88, "member_benefits", false, [], 150), []),
        ]);
        var suite = new SuiteRecord("退货与退款", "evals/suites/returns.yaml", new SuiteTolerance(), [passed, failed, pending]);
        return new EvalReport(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)), "in-process", [suite]);
    }

    [Fact]
    public void JUnit_counts_cases_and_carries_the_first_failure()
    {
        var report = Sample();
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // decimal comma: times must stay invariant
        string xml;
        try
        {
            xml = JUnitReport.Render(report);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        var root = XDocument.Parse(xml).Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal("3", root.Attribute("tests")?.Value);
        Assert.Equal("1", root.Attribute("failures")?.Value);
        Assert.Equal("1", root.Attribute("skipped")?.Value);
        Assert.Equal("0.166", root.Attribute("time")?.Value);

        var cases = root.Descendants("testcase").ToDictionary(c => c.Attribute("name")!.Value);
        Assert.Equal("returns", cases["refund-time"].Attribute("classname")?.Value);
        var failure = Assert.Single(cases["refund-time"].Elements("failure"));
        Assert.Equal(report.Suites[0].Cases[1].Failures.First(), failure.Attribute("message")?.Value);
        Assert.Contains(HostileReply, failure.Value, StringComparison.Ordinal);
        Assert.Contains("handed off", failure.Value, StringComparison.Ordinal);
        Assert.StartsWith("pending: ", cases["follow-up"].Element("skipped")?.Attribute("message")?.Value, StringComparison.Ordinal);
        Assert.Empty(cases["return-how"].Elements());
    }

    [Fact]
    public void JUnit_fails_a_case_whose_turn_could_not_be_played()
    {
        var broken = new CaseRecord("setup-only", null, CaseStatus.Passed, null, false,
            [new TurnRecord("你好", TurnOutcome.Failed("HTTP 503\u0001", 5), [])]);
        var report = new EvalReport(DateTimeOffset.UnixEpoch, "http://127.0.0.1:5000",
            [new SuiteRecord("s", "s.yaml", new SuiteTolerance(), [broken])]);

        var root = XDocument.Parse(JUnitReport.Render(report)).Root!;

        Assert.Equal("1", root.Attribute("failures")?.Value);
        Assert.Contains("HTTP 503", root.Descendants("failure").Single().Attribute("message")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_escapes_replies_and_draws_charts()
    {
        var html = HtmlReport.Render(Sample());

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.Contains("退款将在3-5个工作日内到账", html, StringComparison.Ordinal);
        Assert.Contains("<details class=\"case failed\" open>", html, StringComparison.Ordinal);
        Assert.Contains("Would pass now", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Console_survives_markup_in_replies_and_ends_with_the_summary_line()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200; // so the reply is not wrapped across lines

        ConsoleReport.Write(console, Sample(), comparison: null);

        var text = output.ToString();
        Assert.Contains("[red]注意[/]", text, StringComparison.Ordinal);
        Assert.Contains("follow-up", text, StringComparison.Ordinal);
        Assert.Equal("Evals: 1 passed, 1 failed, 1 pending", text.TrimEnd().Split('\n')[^1].TrimEnd('\r'));
    }
}
