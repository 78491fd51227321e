using System.Globalization;
using Spectre.Console;

namespace CustomerService.Evals.Datasets;

/// <summary>What a team asks of an answer threshold: at most this share of in-scope queries answered wrongly, at least this share of out-of-scope ones handed off.</summary>
internal sealed record OperatingTargets(double MaxWrong, double MinRejection);

/// <param name="Threshold">Answer when the calibrated confidence is at least this.</param>
internal sealed record OperatingPoint(double Threshold, double AnsweredCorrect, double AnsweredWrong, double? OosRejection);

/// <summary>
/// The answer thresholds worth choosing between, measured on the labelled queries a calibration was fitted on: a
/// calibrated 0.8 is a cautious default, and the threshold that meets a team's own targets is usually lower.
/// </summary>
internal static class OperatingPoints
{
    private static readonly double[] Shown = [0.5, 0.6, 0.7, 0.8, 0.9];

    /// <summary>The outcome at <paramref name="threshold"/>: the top candidate is answered when its confidence clears it.</summary>
    public static OperatingPoint At(IReadOnlyList<QueryOutcome> outcomes, double threshold)
    {
        var inScope = outcomes.Where(o => o.InScope).ToList();
        var outOfScope = outcomes.Where(o => !o.InScope).ToList();
        var answered = inScope.Where(o => o.Confidence >= threshold).ToList();
        return new OperatingPoint(threshold,
            inScope.Count == 0 ? 0 : (double)answered.Count(o => o.TopCorrect) / inScope.Count,
            inScope.Count == 0 ? 0 : (double)answered.Count(o => !o.TopCorrect) / inScope.Count,
            outOfScope.Count == 0 ? null : (double)outOfScope.Count(o => o.Confidence < threshold) / outOfScope.Count);
    }

    /// <summary>The lowest threshold (so the most answers) that meets the targets, or null when none does.</summary>
    public static OperatingPoint? Recommend(IReadOnlyList<QueryOutcome> outcomes, OperatingTargets targets) =>
        outcomes.Select(o => o.Confidence).Distinct().Order()
            .Select(t => At(outcomes, t))
            .FirstOrDefault(p => p.AnsweredWrong <= targets.MaxWrong && (p.OosRejection ?? 1) >= targets.MinRejection);

    public static void Print(IAnsiConsole console, IReadOnlyList<QueryOutcome> outcomes, OperatingTargets targets)
    {
        static string F(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—";
        var table = new Table().Title("answer thresholds on these queries").AddColumns("threshold", "answered_correct", "answered_wrong", "oos_rejection");
        var recommended = Recommend(outcomes, targets);
        foreach (var point in Shown.Select(t => At(outcomes, t)).Append(recommended).OfType<OperatingPoint>().OrderBy(p => p.Threshold))
        {
            table.AddRow(F(point.Threshold) + (point == recommended ? " *" : ""), F(point.AnsweredCorrect), F(point.AnsweredWrong), F(point.OosRejection));
        }

        console.Write(table);
        console.WriteLine(recommended is null
            ? string.Create(CultureInfo.InvariantCulture, $"No threshold keeps answered_wrong ≤ {targets.MaxWrong:0.00} with oos_rejection ≥ {targets.MinRejection:0.00}.")
            : string.Create(CultureInfo.InvariantCulture,
                $"* lowest threshold with answered_wrong ≤ {targets.MaxWrong:0.00} and oos_rejection ≥ {targets.MinRejection:0.00}: set Agent:AnswerThreshold={recommended.Threshold:0.####} (dataset --answer-threshold)."));
    }
}
