using System.Globalization;
using System.Text;

namespace CustomerService.Evals.Reports;

/// <summary>Inline SVG charts for <see cref="HtmlReport"/>: no script and no external resource, so the file works offline.</summary>
internal static class HtmlCharts
{
    public const string PassedColor = "#2e7d32";
    public const string FailedColor = "#c62828";
    public const string PendingColor = "#9e9e9e";

    /// <summary>Upper bounds (exclusive) of the latency buckets; the last bucket is open-ended.</summary>
    private static readonly double[] BucketBounds = [1, 2, 5, 10, 20, 50, 100];

    private static readonly string[] BucketLabels = ["<1", "1–2", "2–5", "5–10", "10–20", "20–50", "50–100", "≥100"];

    /// <summary>Passed, failed and pending as one bar whose width is the whole suite.</summary>
    public static string StackedBar(SuiteRecord suite, int width = 240, int height = 16)
    {
        var total = suite.Cases.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"bar\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{suite.Passed} passed, {suite.Failed} failed, {suite.Pending} pending\">");
        if (total == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#eee\"/>");
        }
        else
        {
            double x = 0;
            foreach (var (count, color, label) in new[] { (suite.Passed, PassedColor, "passed"), (suite.Failed, FailedColor, "failed"), (suite.Pending, PendingColor, "pending") })
            {
                if (count == 0) continue;
                var w = (double)width * count / total;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x:0.##}\" width=\"{w:0.##}\" height=\"{height}\" fill=\"{color}\"><title>{count} {label}</title></rect>");
                x += w;
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Turn latencies in fixed, roughly logarithmic buckets: in-process turns take a few milliseconds
    /// and remote ones tens or hundreds, and both should be readable in one chart.
    /// </summary>
    public static string LatencyHistogram(IReadOnlyCollection<double> latenciesMs)
    {
        var counts = new int[BucketLabels.Length];
        foreach (var ms in latenciesMs)
        {
            var bucket = Array.FindIndex(BucketBounds, bound => ms < bound);
            counts[bucket < 0 ? counts.Length - 1 : bucket]++;
        }

        const int barWidth = 64, gap = 12, plotHeight = 140, top = 20, left = 10;
        var width = left * 2 + counts.Length * (barWidth + gap) - gap;
        var height = top + plotHeight + 40;
        var max = Math.Max(1, counts.Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"histogram\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"turn latency histogram\">");
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - left}\" y2=\"{top + plotHeight}\" stroke=\"#999\"/>");
        for (var i = 0; i < counts.Length; i++)
        {
            var x = left + i * (barWidth + gap);
            var h = (double)plotHeight * counts[i] / max;
            var y = top + plotHeight - h;
            var cx = x + barWidth / 2.0;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x}\" y=\"{y:0.##}\" width=\"{barWidth}\" height=\"{h:0.##}\" fill=\"#1565c0\"><title>{BucketLabels[i]} ms: {counts[i]}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{cx:0.#}\" y=\"{y - 5:0.##}\" text-anchor=\"middle\" class=\"count\">{counts[i]}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{cx:0.#}\" y=\"{top + plotHeight + 18}\" text-anchor=\"middle\">{BucketLabels[i]}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{width / 2}\" y=\"{height - 4}\" text-anchor=\"middle\" class=\"axis\">ms per turn ({latenciesMs.Count} turns)</text>");
        return svg.Append("</svg>").ToString();
    }
}
