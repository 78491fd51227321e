using System.Globalization;
using CustomerService.Core.Agent.Calibration;
using CustomerService.Evals.Cli;
using Spectre.Console;

namespace CustomerService.Evals.Datasets;

/// <summary>
/// <c>calibrate --kb --queries --out [--retrieval]</c>: asks every labelled query uncalibrated, fits the map from raw
/// similarity to "the answer is right", and writes it for <c>Agent:CalibrationFile</c> and <c>dataset --calibration</c>.
/// </summary>
internal static class CalibrateCommand
{
    public static async Task<int> ExecuteAsync(CommandLineArgs args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var kb = Running.KnowledgeFiles.Validate(args.Required("kb"));
        var queriesPath = args.Required("queries");
        var queries = DatasetQueries.Read(queriesPath);
        var output = args.Required("out");
        var scoring = DatasetCommand.Scoring(args);
        var settings = new Dictionary<string, string?> { ["Agent:Retrieval"] = DatasetCommand.Retrieval(args), ["Agent:Scoring"] = scoring.ToString() };
        var targets = new OperatingTargets(Rate(args, "max-wrong", 0.10), Rate(args, "min-rejection", 0.80));

        var outcomes = await DatasetCommand.AskAllAsync(kb, queries, settings, console, cancellationToken);
        var samples = outcomes.Select(o => new CalibrationSample(o.RawTop, o.RawSecond, o.TopCorrect)).ToList();
        CalibrationModel model;
        try
        {
            model = CalibrationFitter.Fit(samples, $"{Path.GetFileName(kb)} + {Path.GetFileName(queriesPath)}", scoring);
        }
        catch (ArgumentException e)
        {
            throw new EvalInputException($"{queriesPath}: {e.Message}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output + ".tmp", model.ToJson(), cancellationToken);
        File.Move(output + ".tmp", output, overwrite: true);

        var before = ScoreStatistics.Ece([.. samples.Select(s => (s.Top, s.Correct))]);
        var after = ScoreStatistics.Ece([.. samples.Select(s => (model.Map(s.Top, s.Second), s.Correct))]);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Calibration fitted on {samples.Count} queries ({samples.Count(s => s.Correct)} right): ECE {before:0.000} → {after:0.000} on these queries; wrote {output}"));
        OperatingPoints.Print(console, [.. outcomes.Select(o => o with { Confidence = model.Map(o.RawTop, o.RawSecond) })], targets);
        return EvalCommandLine.Passed;
    }

    private static double Rate(CommandLineArgs args, string name, double fallback) =>
        args.Option(name) is { } text ? DatasetCommand.Rate(name, text) : fallback;
}
