using CustomerService.Evals.Baselines;
using CustomerService.Evals.Channels;
using CustomerService.Evals.Reports;
using CustomerService.Evals.Running;
using CustomerService.Evals.Suites;
using Spectre.Console;

namespace CustomerService.Evals.Cli;

/// <summary>
/// <c>run &lt;suite.yaml|folder&gt; [--url] [--out] [--baseline]</c>. Exit 1 when a case failed; with a baseline,
/// when a case failed that did not fail in it, or a metric dropped beyond its suite's tolerance (known failures
/// recorded in the baseline are reported, not gated).
/// </summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(CommandLineArgs args, IAnsiConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        var path = args.Positional is [var single] ? single : throw new EvalInputException("run takes one suite file or folder");
        var suites = SuiteFiles(path).Select(SuiteParser.ParseFile).ToList();
        if (suites.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new EvalInputException($"two suites are named '{clash.Key}': {string.Join(", ", clash.Select(s => s.File))}");
        }

        var baseline = args.Option("baseline") is { } baselinePath ? ReportFiles.ReadBaseline(baselinePath) : null;
        var url = args.Option("url");
        var runner = new SuiteRunner(url is null
            ? suite => InProcessTarget.StartAsync(suite, ChannelTurns.DefaultReplyTimeout)
            : await RemoteTargetAsync(url, console, cancellationToken));

        var records = await RunAllAsync(runner, suites, console, cancellationToken);
        var report = new EvalReport(time.GetUtcNow(), url ?? "in-process", records);
        var written = ReportFiles.Write(report, args.Option("out") ?? Path.Combine("evals", "out"));
        var comparison = baseline is null ? null : BaselineComparison.Compare(baseline, report);

        console.WriteLine($"Reports: {string.Join(", ", written)}");
        if (comparison is not null)
        {
            console.WriteLine($"Baseline: {comparison.NewFailures.Count} new failures, {comparison.Fixed.Count} fixed, {comparison.Drops.Count} metric drops");
        }

        ConsoleReport.Write(console, report, comparison); // ends with the "Evals: …" line scripts read
        var failed = comparison is null ? report.Failed > 0 : comparison.IsWorse;
        return failed ? EvalCommandLine.Failed : EvalCommandLine.Passed;
    }

    private static async Task<List<SuiteRecord>> RunAllAsync(SuiteRunner runner, List<EvalSuite> suites, IAnsiConsole console, CancellationToken cancellationToken)
    {
        List<SuiteRecord> records = [];
        if (!console.Profile.Capabilities.Interactive)
        {
            // CI logs: a line per suite instead of a redrawn bar.
            foreach (var suite in suites)
            {
                records.Add(await runner.RunAsync(suite, null, cancellationToken));
                console.WriteLine($"ran {suite.Name}: {suite.Cases.Count} cases");
            }

            return records;
        }

        await console.Progress().StartAsync(async context =>
        {
            var bar = context.AddTask("cases", maxValue: suites.Sum(s => s.Cases.Count));
            foreach (var suite in suites)
            {
                bar.Description = Markup.Escape(suite.Name);
                records.Add(await runner.RunAsync(suite, () => bar.Increment(1), cancellationToken));
            }
        });
        return records;
    }

    private static List<string> SuiteFiles(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList();
            return files.Count > 0 ? files : throw new EvalInputException($"{path}: the folder holds no .yaml suite");
        }

        return File.Exists(path) ? [path] : throw new EvalInputException($"{path}: no such suite file or folder");
    }

    private static async Task<Func<EvalSuite, Task<ConversationTarget>>> RemoteTargetAsync(string url, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new EvalInputException($"--url '{url}' is not an http(s) address");
        }

        using (var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) })
        {
            try
            {
                using var ready = await probe.GetAsync("/health/ready", cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                throw new EvalInputException($"{url} does not answer ({e.Message})");
            }
        }

        console.MarkupLine("[yellow]Against a running instance: the suites' knowledge and settings are not applied; it must already hold them. "
            + "WeCom and DingTalk turns fail: they need the in-process host.[/]");
        return _ => Task.FromResult(new ConversationTarget(new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }, url));
    }
}
