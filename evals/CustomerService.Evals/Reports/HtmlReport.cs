using System.Globalization;
using System.Net;
using System.Text;
using CustomerService.Evals.Suites;

namespace CustomerService.Evals.Reports;

/// <summary>
/// One self-contained HTML file (inline CSS and SVG, no script, nothing fetched) that QA opens offline:
/// summary per suite, charts, and every case with its transcript. Everything that comes from a suite
/// or a reply is HTML-encoded.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        :root { --pass: #2e7d32; --fail: #c62828; --pend: #757575; --line: #e0e0e0; --muted: #666; }
        body { margin: 0 auto; max-width: 1100px; padding: 24px; color: #212121; line-height: 1.45;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC",
            "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", sans-serif; }
        h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { margin: 32px 0 4px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
        .sub, .muted { color: var(--muted); font-size: .9em; }
        .totals { font-size: 1.1em; margin: 12px 0 20px; } .totals b { margin-right: 12px; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
        th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; white-space: normal; } tfoot td { font-weight: 600; }
        td.bar-cell { text-align: left; }
        .n-pass { color: var(--pass); } .n-fail { color: var(--fail); font-weight: 600; } .n-pend { color: var(--pend); }
        .charts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-end; }
        svg text { font-size: 12px; fill: #424242; } svg text.count { font-weight: 600; } svg text.axis { fill: var(--muted); }
        details.case { border: 1px solid var(--line); border-left: 4px solid var(--pass); border-radius: 4px; margin: 6px 0; }
        details.case.failed { border-left-color: var(--fail); } details.case.pending { border-left-color: var(--pend); }
        summary { cursor: pointer; padding: 6px 10px; } details[open] > summary { border-bottom: 1px solid var(--line); }
        .badge { display: inline-block; min-width: 58px; text-align: center; border-radius: 3px; padding: 0 6px; margin-right: 6px;
          color: #fff; font-size: .75em; font-weight: 700; letter-spacing: .04em; vertical-align: 1px; }
        .badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); } .badge.pending { background: var(--pend); }
        .badge.stale { background: #ef6c00; }
        .case-body { padding: 8px 14px; } .case-id { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; }
        .note { margin: 4px 0 8px; } .note.stale { color: #e65100; font-weight: 600; }
        ol.turns { padding-left: 22px; margin: 0; } ol.turns > li { margin: 8px 0 14px; }
        .msg { white-space: pre-wrap; word-break: break-word; padding: 6px 10px; border-radius: 6px; margin: 3px 0; }
        .msg .who { display: block; font-size: .72em; font-weight: 700; color: var(--muted); text-transform: uppercase; }
        .customer { background: #e3f2fd; } .bot { background: #f5f5f5; } .error { background: #ffebee; color: var(--fail); }
        .meta { font-size: .85em; color: #424242; margin: 2px 0; } .meta span { margin-right: 14px; }
        code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .92em; background: #f0f0f0; padding: 0 3px; border-radius: 3px; }
        ul.expect { list-style: none; padding-left: 4px; margin: 4px 0; font-size: .9em; }
        ul.expect .ok { color: var(--pass); } ul.expect .bad { color: var(--fail); } ul.expect .what { color: #212121; }
        """;

    public static string Render(EvalReport report)
    {
        var html = new StringBuilder();
        var title = $"CustomerService evals — {report.Passed} passed, {report.Failed} failed, {report.Pending} pending";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>CustomerService evals</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"sub\">Generated {E(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture))} · target <code>{E(report.Target)}</code></div>\n")
            .Append(CultureInfo.InvariantCulture,
                $"<div class=\"totals\"><b class=\"n-pass\">{report.Passed} passed</b><b class=\"{(report.Failed > 0 ? "n-fail" : "muted")}\">{report.Failed} failed</b><b class=\"n-pend\">{report.Pending} pending</b></div>\n");

        SummaryTable(html, report);

        var latencies = report.Suites.SelectMany(s => s.Cases).SelectMany(c => c.Turns)
            .Where(t => t.Outcome.Error is null).Select(t => t.Outcome.LatencyMs).ToList();
        html.Append("<h2>Turn latency</h2>\n<div class=\"charts\">").Append(HtmlCharts.LatencyHistogram(latencies)).Append("</div>\n");

        foreach (var suite in report.Suites) Suite(html, suite);
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static void SummaryTable(StringBuilder html, EvalReport report)
    {
        html.Append("<table>\n<thead><tr><th>Suite</th><th>Cases</th><th>Passed</th><th>Failed</th><th>Pending</th>")
            .Append("<th>Pass rate</th><th>p50 ms</th><th>p99 ms</th><th>Passed / failed / pending</th></tr></thead>\n<tbody>\n");
        foreach (var s in report.Suites)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(s.Name)} <span class=\"muted\">{E(Path.GetFileName(s.File))}</span></td><td>{s.Cases.Count}</td>")
                .Append(Counts(s.Passed, s.Failed, s.Pending))
                .Append(CultureInfo.InvariantCulture, $"<td>{Percent(s.PassRate)}</td><td>{s.LatencyP50Ms:0.#}</td><td>{s.LatencyP99Ms:0.#}</td>")
                .Append("<td class=\"bar-cell\">").Append(HtmlCharts.StackedBar(s)).Append("</td></tr>\n");
        }

        var counted = report.Passed + report.Failed;
        html.Append(CultureInfo.InvariantCulture, $"</tbody>\n<tfoot><tr><td>All suites</td><td>{report.Suites.Sum(s => s.Cases.Count)}</td>")
            .Append(Counts(report.Passed, report.Failed, report.Pending))
            .Append(CultureInfo.InvariantCulture, $"<td>{Percent(counted == 0 ? 1 : (double)report.Passed / counted)}</td><td></td><td></td><td></td></tr></tfoot>\n</table>\n");
    }

    private static string Counts(int passed, int failed, int pending) => string.Create(CultureInfo.InvariantCulture,
        $"<td class=\"n-pass\">{passed}</td><td class=\"{(failed > 0 ? "n-fail" : "")}\">{failed}</td><td class=\"n-pend\">{pending}</td>");

    private static void Suite(StringBuilder html, SuiteRecord suite)
    {
        var tolerance = suite.Tolerance;
        html.Append("<h2>").Append(E(suite.Name)).Append("</h2>\n")
            .Append(CultureInfo.InvariantCulture,
                $"<div class=\"sub\"><code>{E(suite.File)}</code> · {suite.Passed} passed, {suite.Failed} failed, {suite.Pending} pending · ")
            .Append(CultureInfo.InvariantCulture, $"allowed vs baseline: pass rate drop ≤ {Percent(tolerance.PassRateDrop)}")
            .Append(tolerance.LatencyP99IncreaseMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $", p99 increase ≤ {ms:0.#} ms") : "")
            .Append("</div>\n");
        foreach (var c in suite.Cases) Case(html, c);
    }

    private static void Case(StringBuilder html, CaseRecord c)
    {
        var status = c.Status.ToString().ToLowerInvariant();
        var totalMs = c.Turns.Sum(t => t.Outcome.LatencyMs);
        html.Append(CultureInfo.InvariantCulture, $"<details class=\"case {status}\"{(c.Status == CaseStatus.Failed ? " open" : "")}>\n<summary>")
            .Append(CultureInfo.InvariantCulture, $"<span class=\"badge {status}\">{status.ToUpperInvariant()}</span>")
            .Append(c.WouldPass && c.Status == CaseStatus.Pending ? "<span class=\"badge stale\">WOULD PASS</span>" : "")
            .Append(CultureInfo.InvariantCulture, $"<span class=\"case-id\">{E(c.Id)}</span>")
            .Append(c.Description is null ? "" : $" — {E(c.Description)}")
            .Append(CultureInfo.InvariantCulture, $" <span class=\"muted\">({c.Turns.Count} turn{(c.Turns.Count == 1 ? "" : "s")}, {totalMs:0.#} ms)</span></summary>\n")
            .Append("<div class=\"case-body\">\n");
        if (c.Status == CaseStatus.Pending)
        {
            html.Append("<p class=\"note\">Pending: ").Append(E(c.PendingReason ?? "no reason given")).Append("</p>\n");
            if (c.WouldPass) html.Append("<p class=\"note stale\">Would pass now: every expectation holds, so the pending mark may be stale.</p>\n");
        }

        html.Append("<ol class=\"turns\">\n");
        foreach (var turn in c.Turns) Turn(html, turn);
        html.Append("</ol>\n</div>\n</details>\n");
    }

    private static void Turn(StringBuilder html, TurnRecord turn)
    {
        var o = turn.Outcome;
        html.Append("<li>\n<div class=\"msg customer\"><span class=\"who\">Customer</span>").Append(E(turn.Text)).Append("</div>\n");
        if (o.Error is not null)
        {
            html.Append("<div class=\"msg error\"><span class=\"who\">Could not be played</span>").Append(E(o.Error)).Append("</div>\n");
        }
        else
        {
            html.Append("<div class=\"msg bot\"><span class=\"who\">Bot</span>").Append(E(o.Reply)).Append("</div>\n")
                .Append("<div class=\"meta\">")
                .Append("<span>intent ").Append(o.MatchedIntent is null ? "<i>none</i>" : $"<code>{E(o.MatchedIntent)}</code>").Append("</span>")
                .Append(CultureInfo.InvariantCulture, $"<span>confidence {o.Confidence:0.###}</span><span>handoff {(o.Handoff ? "<b>yes</b>" : "no")}</span>")
                .Append(CultureInfo.InvariantCulture, $"<span>{o.LatencyMs:0.#} ms</span>")
                .Append("<span>cites ").Append(o.Citations.Count == 0 ? "<i>nothing</i>" : string.Join(", ", o.Citations.Select(id => $"<code>{E(id)}</code>"))).Append("</span>");
            if (o.TagsAdded is { Count: > 0 } tags) html.Append("<span>tags ").Append(E(string.Join(", ", tags))).Append("</span>");
            if (o.Tickets is { Count: > 0 } tickets) html.Append("<span>tickets ").Append(E(string.Join(", ", tickets.Select(Ticket)))).Append("</span>");
            html.Append("</div>\n");
        }

        if (turn.Expectations.Count > 0)
        {
            html.Append("<ul class=\"expect\">\n");
            foreach (var e in turn.Expectations)
            {
                html.Append(e.Failure is null ? "<li class=\"ok\">✓ " : "<li class=\"bad\">✗ ")
                    .Append("<span class=\"what\">").Append(E(e.Expected)).Append("</span>")
                    .Append(e.Failure is null ? "" : $" — {E(e.Failure)}").Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</li>\n");
    }

    private static string Ticket(TicketOutcome t) => $"{t.Category ?? "?"}/{t.Urgency ?? "?"}";

    private static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.#}%");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
