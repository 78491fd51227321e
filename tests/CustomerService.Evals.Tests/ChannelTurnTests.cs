using System.Diagnostics;
using System.Text.Json;
using CustomerService.Evals.Cli;
using CustomerService.Evals.Reports;
using CustomerService.Evals.Running;
using CustomerService.Evals.Suites;
using Spectre.Console;

namespace CustomerService.Evals.Tests;

/// <summary>WeCom and DingTalk turns through the real host's signed callbacks, its bus and its own channel senders.</summary>
public sealed class ChannelTurnTests : IDisposable
{
    private static readonly string Seed = Path.Combine(AppContext.BaseDirectory, "Seed", "demo-shop-faq.jsonl");
    private readonly string _folder = Directory.CreateTempSubdirectory("cs-evals-channels").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WeCom_and_DingTalk_turns_pass_with_intent_citations_and_handoff_from_the_transcript()
    {
        var suite = Write("channels", """
              - id: wecom-return
                turns:
                  - text: 怎么退货
                    channel: wecom
                    expect: { intent: return_how, handoff: false, cites: return_how.zh, contains: 填写退货原因 }
              - id: dingtalk-handoff
                turns:
                  - text: 转人工
                    channel: dingtalk
                    expect: { intent: null, handoff: true, contains: 正在为您转接人工客服 }
            """);
        var output = Path.Combine(_folder, "out");
        using var console = new StringWriter();

        var exit = await EvalCommandLine.RunAsync(["run", suite, "--out", output],
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console), Interactive = InteractionSupport.No }));

        Assert.True(exit == 0, console.ToString());
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
        var cases = report.RootElement.GetProperty("suites")[0].GetProperty("cases");
        var wecom = cases[0].GetProperty("turns")[0].GetProperty("outcome");
        var dingtalk = cases[1].GetProperty("turns")[0].GetProperty("outcome");
        Assert.Equal(("return_how", "return_how.zh", 1.0), (wecom.GetProperty("matchedIntent").GetString(),
            Assert.Single(wecom.GetProperty("citations").EnumerateArray()).GetString(), wecom.GetProperty("confidence").GetDouble()));
        Assert.True(wecom.GetProperty("latencyMs").GetDouble() > 0);
        Assert.Equal(["售后咨询"], wecom.GetProperty("tagsAdded").EnumerateArray().Select(t => t.GetString())); // observed on the WeCom account's OneID
        Assert.True(dingtalk.GetProperty("handoff").GetBoolean());
    }

    [Fact]
    public async Task A_wrong_expectation_on_a_wecom_turn_fails_with_what_the_host_recorded()
    {
        var suite = Parse("""
              - id: wecom-return
                turns:
                  - text: 怎么退货
                    channel: wecom
                    expect: { intent: refund_time, cites: refund_time.zh }
            """);
        await using var target = await InProcessTarget.StartAsync(suite, TimeSpan.FromSeconds(15));

        var record = await SuiteRunner.RunCaseAsync(suite, suite.Cases[0], target, CancellationToken.None);

        Assert.Equal(CaseStatus.Failed, record.Status);
        var turn = Assert.Single(record.Turns);
        Assert.Null(turn.Outcome.Error);
        Assert.Contains("填写退货原因", turn.Outcome.Reply, StringComparison.Ordinal);
        Assert.Equal(["intent return_how (confidence 1)", "cites return_how.zh"], turn.Expectations.Select(e => e.Failure));
    }

    [Fact]
    public async Task A_reply_the_channel_sender_cannot_deliver_fails_the_turn_at_the_timeout()
    {
        var suite = Parse("""
              - id: wecom-down
                turns:
                  - text: 怎么退货
                    channel: wecom
                    expect: { intent: return_how }
            """, settings: "settings: { \"Channels:WeCom:ApiBaseUrl\": \"http://127.0.0.1:9\" }"); // nothing listens: every send fails
        await using var target = await InProcessTarget.StartAsync(suite, TimeSpan.FromSeconds(2));
        var started = Stopwatch.GetTimestamp();

        var record = await SuiteRunner.RunCaseAsync(suite, suite.Cases[0], target, CancellationToken.None);

        Assert.Equal(CaseStatus.Failed, record.Status);
        Assert.Equal("the host queued the wecom reply but its sender delivered 0 of 1 message(s) to the fake WeCom message/send within 2 s",
            Assert.Single(record.Turns).Outcome.Error);
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalSeconds, 1.9, 10);
    }

    [Theory]
    [InlineData("sms", "the channel 'sms' is not available (available: webchat, wecom, dingtalk)")]
    [InlineData("dingtalk", "the channel 'dingtalk' is played only against the in-process host, whose dingtalk replies go to the runner's fake channel API; with --url only webchat turns run")]
    public async Task A_channel_turn_the_target_cannot_play_fails_saying_why(string channel, string expected)
    {
        // A running instance's target: no fake channel APIs. The turn fails before anything is sent.
        await using var target = new ConversationTarget(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9") }, "http://127.0.0.1:9");

        var outcome = await target.SendAsync("c-1", new EvalTurn("怎么退货", channel, [], 1), CancellationToken.None);

        Assert.Equal(expected, outcome.Error);
    }

    private EvalSuite Parse(string cases, string settings = "") => SuiteParser.ParseFile(Write("suite", cases, settings));

    private string Write(string name, string cases, string settings = "")
    {
        var path = Path.Combine(_folder, $"{name}.yaml");
        File.WriteAllText(path, $"name: {name}\nknowledge: [{Seed}]\n{settings}\ncases:\n{cases}\n");
        return path;
    }
}
