using System.Globalization;
using CustomerService.Evals.Baselines;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CustomerService.Evals.Reports;

/// <summary>
/// What a run prints: a table per suite, each failed case with its conversation, stale pending marks,
/// the comparison with the baseline, and one plain summary line that scripts grep for.
/// All text from suites and replies goes through <see cref="Markup.Escape"/> or <see cref="Text"/>:
/// a reply with "[red]" or "[" must not be read as markup (or throw).
/// </summary>
internal static class ConsoleReport
{
    public static void Write(IAnsiConsole console, EvalReport report, BaselineComparison? comparison)
    {
        console.Write(SuiteTable(report));

        foreach (var suite in report.Suites)
        {
            // A turn that could not be played is shown like a failure even if no expectation caught it.
            foreach (var c in suite.Cases.Where(c => c.Status == CaseStatus.Failed || (c.Status == CaseStatus.Passed && c.Turns.Any(t => t.Outcome.Error is not null))))
            {
                console.Write(FailedCase(suite, c));
            }
        }

        var stale = report.Suites.SelectMany(s => s.Cases.Where(c => c.Status == CaseStatus.Pending && c.WouldPass).Select(c => (Suite: s.Name, Case: c)))
            .ToList();
        if (stale.Count > 0)
        {
            console.MarkupLine("[yellow]Pending cases that would pass now[/] [grey](remove their pending mark?)[/]");
            foreach (var (suite, c) in stale)
            {
                console.MarkupLine($"  [yellow]•[/] {Markup.Escape(suite)} / {Markup.Escape(c.Id)} [grey]— pending: {Markup.Escape(c.PendingReason ?? "")}[/]");
            }

            console.WriteLine();
        }

        if (comparison is not null) Comparison(console, comparison);

        // Plain text, no markup: CI scripts and tests match this line exactly.
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Evals: {report.Passed} passed, {report.Failed} failed, {report.Pending} pending"));
    }

    private static Table SuiteTable(EvalReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"Evals against {report.Target}, {report.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}"))
            .AddColumn("Suite");
        foreach (var column in new[] { "Cases", "Passed", "Failed", "Pending", "Pass rate", "p50 ms", "p99 ms" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var s in report.Suites)
        {
            table.AddRow(
                new Text(s.Name),
                Number(s.Cases.Count),
                new Markup(Count(s.Passed, "green")),
                new Markup(Count(s.Failed, "red")),
                new Markup(Count(s.Pending, "grey")),
                new Text(string.Create(CultureInfo.InvariantCulture, $"{s.PassRate * 100:0.#}%")),
                new Text(s.LatencyP50Ms.ToString("0.#", CultureInfo.InvariantCulture)),
                new Text(s.LatencyP99Ms.ToString("0.#", CultureInfo.InvariantCulture)));
        }

        return table;
    }

    private static Text Number(int n) => new(n.ToString(CultureInfo.InvariantCulture));

    /// <summary>Zero stays plain so the eye goes to the counts that matter.</summary>
    private static string Count(int n, string color) =>
        n == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"[{color}]{n}[/]");

    private static Panel FailedCase(SuiteRecord suite, CaseRecord c)
    {
        var lines = new List<IRenderable>();
        if (c.Description is not null) lines.Add(new Markup($"[grey]{Markup.Escape(c.Description)}[/]"));
        for (var i = 0; i < c.Turns.Count; i++)
        {
            var turn = c.Turns[i];
            var o = turn.Outcome;
            lines.Add(new Markup(string.Create(CultureInfo.InvariantCulture, $"[bold]{i + 1}.[/] [blue]customer:[/] {Markup.Escape(turn.Text)}")));
            if (o.Error is not null)
            {
                lines.Add(new Markup($"   [red]could not be played:[/] {Markup.Escape(o.Error)}"));
                continue;
            }

            lines.Add(new Markup($"   [green]bot:[/] {Markup.Escape(o.Reply)}"));
            lines.Add(new Markup(string.Create(CultureInfo.InvariantCulture,
                $"   [grey]intent {Markup.Escape(o.MatchedIntent ?? "none")}, confidence {o.Confidence:0.###}, handoff {(o.Handoff ? "yes" : "no")}, {o.LatencyMs:0.#} ms[/]")));
            foreach (var e in turn.Expectations.Where(e => e.Failure is not null))
            {
                lines.Add(new Markup($"   [red]✗ expected[/] {Markup.Escape(e.Expected)} [red]but[/] {Markup.Escape(e.Failure!)}"));
            }
        }

        return new Panel(new Rows(lines))
            .Header($"[white on red] FAILED [/] {Markup.Escape(suite.Name)} / [bold]{Markup.Escape(c.Id)}[/] ")
            .BorderColor(Color.Red)
            .Expand();
    }

    private static void Comparison(IAnsiConsole console, BaselineComparison comparison)
    {
        if (!comparison.IsWorse && comparison.Fixed.Count == 0)
        {
            console.MarkupLine("[green]Baseline:[/] nothing got worse.");
            console.WriteLine();
            return;
        }

        foreach (var change in comparison.NewFailures)
        {
            var detail = change.Detail is null ? "" : $" [grey]({Markup.Escape(change.Detail)})[/]";
            console.MarkupLine($"[red]New failure:[/] {Markup.Escape(change.Suite)} / {Markup.Escape(change.CaseId)}{detail}");
        }

        foreach (var change in comparison.Fixed)
        {
            console.MarkupLine($"[green]Fixed:[/] {Markup.Escape(change.Suite)} / {Markup.Escape(change.CaseId)}");
        }

        foreach (var drop in comparison.Drops)
        {
            // BaselineComparison names its metrics; the pass rate is the one kept as a fraction.
            var isRate = drop.Metric == "pass rate";
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[red]Dropped:[/] {Markup.Escape(drop.Suite)} {Markup.Escape(drop.Metric)} {Value(drop.Baseline, isRate)} → {Value(drop.Current, isRate)} [grey](allowed {(isRate ? "drop" : "increase")} {Value(drop.Allowed, isRate)})[/]"));
        }

        console.WriteLine();
    }

    /// <summary>Pass rates are fractions in the model and read as percentages; latencies are milliseconds.</summary>
    private static string Value(double value, bool isRate) => isRate
        ? string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.#}%")
        : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} ms");
}
