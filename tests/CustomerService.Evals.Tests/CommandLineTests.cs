using System.Text.Json;
using CustomerService.Evals.Cli;
using Spectre.Console;

namespace CustomerService.Evals.Tests;

/// <summary>The runner's commands end to end, against the real embedded host.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cs-evals-tests").FullName;
    private readonly StringWriter _output = new();
    private static readonly string Seed = Path.Combine(AppContext.BaseDirectory, "Seed", "demo-shop-faq.jsonl");

    public void Dispose()
    {
        _output.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<int> RunAsync(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_output), Interactive = InteractionSupport.No });
        console.Profile.Width = 1000; // no wrapping, so messages can be searched whole
        return EvalCommandLine.RunAsync(args, console);
    }

    private string WriteSuite(string name, string expectIntent) => Write($"{name}.yaml", $"""
        name: {name}
        knowledge: [{Seed}]
        cases:
          - id: return-how
            turns:
              - text: 怎么退货
                expect: {"{"} intent: {expectIntent}, handoff: false, cites: return_how.zh {"}"}
          - id: stock
            turns:
              - text: 你们公司的股票代码是多少
                expect: {"{"} handoff: false, intent: null {"}"}
              - text: 你们公司的股票代码是多少呢
                expect: {"{"} handoff: true, intent: null {"}"}
          - id: tagging
            pending: auto-tag rules arrive with the agent
            turns:
              - text: 我想退货
                expect: {"{"} tag_added: 售后咨询 {"}"}
        """);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task A_passing_suite_exits_0_and_writes_the_three_reports()
    {
        var suite = WriteSuite("returns", "return_how");
        var output = Path.Combine(_folder, "out");

        var exit = await RunAsync("run", suite, "--out", output);

        Assert.Equal(0, exit);
        Assert.Contains("Evals: 2 passed, 0 failed, 1 pending", _output.ToString(), StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
        var cases = report.RootElement.GetProperty("suites")[0].GetProperty("cases");
        Assert.Equal(["passed", "passed", "pending"], cases.EnumerateArray().Select(c => c.GetProperty("status").GetString()));
        Assert.True(File.Exists(Path.Combine(output, "junit.xml")));
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(output, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_case_exits_1_and_a_baseline_names_it_as_new()
    {
        var baselineOut = Path.Combine(_folder, "baseline");
        Assert.Equal(0, await RunAsync("run", WriteSuite("returns", "return_how"), "--out", baselineOut));

        var exit = await RunAsync("run", WriteSuite("returns", "refund_time"), "--out", Path.Combine(_folder, "now"),
            "--baseline", Path.Combine(baselineOut, "report.json"));

        Assert.Equal(1, exit);
        var text = _output.ToString();
        Assert.Contains("Evals: 1 passed, 1 failed, 1 pending", text, StringComparison.Ordinal);
        Assert.Contains("return-how", text, StringComparison.Ordinal);
        Assert.Contains("intent refund_time", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_baseline_a_known_failure_does_not_fail_the_run_but_is_reported()
    {
        var suite = WriteSuite("returns", "refund_time");
        var first = Path.Combine(_folder, "first");
        Assert.Equal(1, await RunAsync("run", suite, "--out", first)); // without a baseline every failure counts

        var exit = await RunAsync("run", suite, "--out", Path.Combine(_folder, "second"), "--baseline", Path.Combine(first, "report.json"));

        Assert.Equal(0, exit);
        Assert.EndsWith("Evals: 1 passed, 1 failed, 1 pending", _output.ToString().TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: x\ncases:\n  - id: a\n    turns:\n      - text: hi\n        expect: { sounds_good: true }\n", "bad.yaml:6: cases[0].turns[0].expect.sounds_good: is not a known expectation")]
    [InlineData("name: x\ncases: [}\n", "bad.yaml:2:")]
    public async Task A_malformed_suite_exits_2_naming_file_line_and_field(string content, string expected)
    {
        var exit = await RunAsync("run", Write("bad.yaml", content));

        Assert.Equal(2, exit);
        Assert.Contains(expected, _output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _output.ToString(), StringComparison.Ordinal); // no stack trace
    }

    [Theory]
    [InlineData("run", "no-such-suite.yaml")]
    [InlineData("run", "suite", "--url", "http://127.0.0.1:1")]
    [InlineData("run", "suite", "--baseline", "missing.json")]
    [InlineData("run", "suite", "--colour", "red")]
    [InlineData("dataset", "--kb", "missing.jsonl", "--queries", "q.jsonl", "--json", "o.json")]
    [InlineData("frobnicate")]
    public async Task Bad_input_exits_2_with_a_message(params string[] args)
    {
        var resolved = args.Select(a => a == "suite" ? WriteSuite("ok", "return_how") : a).ToArray();

        Assert.Equal(2, await RunAsync(resolved));
        Assert.StartsWith("error: ", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dataset_command_writes_exactly_the_agreed_keys()
    {
        var kb = Write("kb.jsonl", """
            {"id":"kb:refund","intent":"refund","questions":["how long does a refund take","when will I get my money back"],"answer":"[answer]"}
            {"id":"kb:card","intent":"card_arrival","questions":["my card has not arrived","where is my new card"],"answer":"[answer]"}
            """);
        var queries = Write("dev.jsonl", """
            {"id":"q1","text":"how long does a refund take","expected_intent":"refund","lang":"en"}
            {"id":"q2","text":"my new card has not arrived yet","expected_intent":"card_arrival","lang":"en"}
            {"id":"q3","text":"what's the weather like in Paris","expected_intent":null,"lang":"en"}
            """);
        var output = Path.Combine(_folder, "metrics.json");

        Assert.Equal(0, await RunAsync("dataset", "--kb", kb, "--queries", queries, "--json", output));

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal(
            ["queries", "in_scope", "out_of_scope", "top1_accuracy", "answered_correct_rate", "answered_wrong_rate", "oos_rejection_rate", "auroc", "ece", "latency_ms_p50", "latency_ms_p99"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, json.RootElement.GetProperty("queries").GetInt32());
        Assert.Equal(1.0, json.RootElement.GetProperty("top1_accuracy").GetDouble());
        Assert.Equal(1.0, json.RootElement.GetProperty("oos_rejection_rate").GetDouble());
        Assert.Contains("top1_accuracy", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_queries_line_is_named()
    {
        var kb = Write("kb.jsonl", "{\"id\":\"a\",\"questions\":[\"q\"],\"answer\":\"x\"}\n");
        var queries = Write("dev.jsonl", "{\"text\":\"q\",\"expected_intent\":\"a\"}\n{\"text\":\"r\"}\n");

        Assert.Equal(2, await RunAsync("dataset", "--kb", kb, "--queries", queries, "--json", Path.Combine(_folder, "m.json")));
        Assert.Contains("dev.jsonl:2: field 'expected_intent' is required", _output.ToString(), StringComparison.Ordinal);
    }

    private static readonly string[] OutOfScope = ["weather in paris", "book a flight to rome", "play some music", "tell me a joke", "what time is it"];

    [Fact]
    public async Task Calibrate_on_the_intent_classifier_recommends_a_threshold_and_dataset_answers_with_it()
    {
        var kb = Write("kb.jsonl", """
            {"id":"kb:lost","intent":"card_lost","questions":["I lost my credit card","my card is missing","someone stole my card"],"answer":"[lost]"}
            {"id":"kb:freeze","intent":"card_freeze","questions":["freeze my card","please block my credit card","lock my card right now"],"answer":"[freeze]"}
            {"id":"kb:limit","intent":"card_limit","questions":["what is my credit limit","raise my card limit","increase the limit on my credit card"],"answer":"[limit]"}
            """);
        string[] asked =
        [
            "I lost my card", "my card was stolen", "can't find my credit card", "card missing", "lost credit card help",
            "freeze the card", "block my card", "lock the credit card", "please freeze it, my card", "block credit card now",
            "what's my limit", "raise the limit", "credit limit increase", "how high is my card limit", "limit on my card",
            "my card", "credit card", "card please", "the card thing", "help with card",
        ];
        string[] expected = [.. Enumerable.Repeat("card_lost", 5), .. Enumerable.Repeat("card_freeze", 5), .. Enumerable.Repeat("card_limit", 5),
            "card_lost", "card_freeze", "card_limit", "card_lost", "card_freeze"];
        var lines = asked.Select((text, i) => $$"""{"id":"q{{i}}","text":"{{text}}","expected_intent":"{{expected[i]}}"}""")
            .Concat(OutOfScope.Select((text, i) => $$"""{"id":"o{{i}}","text":"{{text}}","expected_intent":null}"""));
        var queries = Write("dev.jsonl", string.Join("\n", lines));
        var calibration = Path.Combine(_folder, "calibration.json");

        Assert.Equal(0, await RunAsync("calibrate", "--kb", kb, "--queries", queries, "--out", calibration, "--scoring", "intent-classifier"));

        Assert.Contains("\"scoring\": \"intent_classifier\"", await File.ReadAllTextAsync(calibration), StringComparison.Ordinal);
        var threshold = System.Text.RegularExpressions.Regex.Match(_output.ToString(), @"Agent:AnswerThreshold=([0-9.]+)").Groups[1].Value;
        Assert.NotEmpty(threshold);
        var output = Path.Combine(_folder, "metrics.json");
        Assert.Equal(0, await RunAsync("dataset", "--kb", kb, "--queries", queries, "--json", output, "--calibration", calibration, "--answer-threshold", threshold));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        // The recommendation keeps its promise on the queries it was chosen on, through the real pipeline.
        Assert.InRange(json.RootElement.GetProperty("answered_wrong_rate").GetDouble(), 0, 0.10);
        Assert.InRange(json.RootElement.GetProperty("oos_rejection_rate").GetDouble(), 0.80, 1);
        Assert.True(json.RootElement.GetProperty("answered_correct_rate").GetDouble() > 0.5);
        Assert.True(json.RootElement.GetProperty("top1_accuracy").GetDouble() >= 0.75);
    }

    [Theory]
    [InlineData("--scoring", "bayes", "--scoring must be similarity or intent-classifier")]
    [InlineData("--answer-threshold", "1.5", "--answer-threshold must be a number between 0 and 1")]
    public async Task Bad_scoring_options_are_named(string option, string value, string expected)
    {
        var kb = Write("kb.jsonl", "{\"id\":\"a\",\"questions\":[\"q\"],\"answer\":\"x\"}\n");
        var queries = Write("dev.jsonl", "{\"text\":\"q\",\"expected_intent\":\"a\"}\n");

        Assert.Equal(2, await RunAsync("dataset", "--kb", kb, "--queries", queries, "--json", Path.Combine(_folder, "m.json"), option, value));
        Assert.Contains(expected, _output.ToString(), StringComparison.Ordinal);
    }
}
