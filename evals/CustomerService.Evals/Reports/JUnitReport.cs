using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CustomerService.Evals.Reports;

/// <summary>
/// JUnit XML for CI test tabs: one testsuite per suite, one testcase per case. A failed case carries its
/// failures and transcript; a pending case is skipped; a turn that could not be played fails its case.
/// </summary>
internal static class JUnitReport
{
    public static string Render(EvalReport report)
    {
        var suites = report.Suites.Select(s => Suite(s, report.GeneratedAt)).ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", "CustomerService evals"),
            new XAttribute("tests", report.Suites.Sum(s => s.Cases.Count)),
            new XAttribute("failures", report.Suites.Sum(s => s.Cases.Count(IsFailure))),
            new XAttribute("skipped", report.Pending),
            new XAttribute("time", Seconds(report.Suites.SelectMany(s => s.Cases).Sum(CaseMs))),
            suites);

        // The caller writes the string as UTF-8, so the declaration says so (a StringWriter would claim utf-16).
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + root.ToString() + "\n";
    }

    /// <summary>
    /// A turn error fails a case even when no expectation noticed (a set-up turn has none), so CI
    /// never shows a green case whose conversation was not played.
    /// </summary>
    private static bool IsFailure(CaseRecord c) =>
        c.Status == CaseStatus.Failed || (c.Status != CaseStatus.Pending && c.Turns.Any(t => t.Outcome.Error is not null));

    private static XElement Suite(SuiteRecord suite, DateTimeOffset generatedAt)
    {
        var className = Path.GetFileNameWithoutExtension(suite.File);
        return new XElement("testsuite",
            new XAttribute("name", Clean(suite.Name)),
            new XAttribute("tests", suite.Cases.Count),
            new XAttribute("failures", suite.Cases.Count(IsFailure)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", suite.Pending),
            new XAttribute("time", Seconds(suite.Cases.Sum(CaseMs))),
            // The JUnit schema's timestamp has no offset, so it is given in UTC.
            new XAttribute("timestamp", generatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            suite.Cases.Select(c => Case(c, className)));
    }

    private static XElement Case(CaseRecord c, string className)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", Clean(className)),
            new XAttribute("name", Clean(c.Id)),
            new XAttribute("time", Seconds(CaseMs(c))));
        if (c.Status == CaseStatus.Pending)
        {
            element.Add(new XElement("skipped", new XAttribute("message", Clean($"pending: {c.PendingReason}"))));
        }
        else if (IsFailure(c))
        {
            // The runner records a turn error as a failed "reply" expectation; the fallback covers reports that do not.
            var message = c.Failures.FirstOrDefault()
                ?? c.Turns.Select(t => t.Outcome.Error).FirstOrDefault(e => e is not null)
                ?? "failed";
            element.Add(new XElement("failure",
                new XAttribute("message", Clean(message)),
                new XAttribute("type", "expectation"),
                new XText(Clean(FailureText(c)))));
        }

        return element;
    }

    /// <summary>Failures, then the transcript (turn errors included), so CI shows why without opening report.html.</summary>
    private static string FailureText(CaseRecord c)
    {
        var text = new StringBuilder();
        if (c.Description is not null) text.AppendLine(c.Description).AppendLine();
        text.AppendLine("Failures:");
        foreach (var failure in c.Failures) text.Append("  ").AppendLine(failure);

        text.AppendLine().AppendLine("Transcript:");
        for (var i = 0; i < c.Turns.Count; i++)
        {
            var o = c.Turns[i].Outcome;
            text.Append(CultureInfo.InvariantCulture, $"  turn {i + 1}").AppendLine();
            text.Append("    customer: ").AppendLine(c.Turns[i].Text);
            if (o.Error is not null)
            {
                text.Append("    error:    ").AppendLine(o.Error);
                continue;
            }

            text.Append("    bot:      ").AppendLine(o.Reply);
            text.Append(CultureInfo.InvariantCulture,
                $"    intent {o.MatchedIntent ?? "none"}, confidence {o.Confidence:0.###}, handoff {(o.Handoff ? "yes" : "no")}, {o.LatencyMs:0.#} ms").AppendLine();
        }

        return text.ToString();
    }

    private static double CaseMs(CaseRecord c) => c.Turns.Sum(t => t.Outcome.LatencyMs);

    private static string Seconds(double ms) => (ms / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>
    /// Drops characters XML 1.0 cannot carry (control characters, lone surrogates): a bot reply with one
    /// would otherwise make the writer throw and lose the whole report.
    /// </summary>
    private static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) clean.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
        }

        return clean.ToString();
    }
}
