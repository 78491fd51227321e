using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using CustomerService.Evals.Cli;
using CustomerService.Evals.Running;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CustomerService.Evals.Datasets;

/// <summary>
/// <c>dataset --kb --queries --json [--retrieval hybrid|lexical|vector] [--scoring similarity|intent-classifier]
/// [--calibration file] [--answer-threshold p]</c>: a fresh embedded instance holding
/// only the dataset's KB answers every query as the first turn of its own conversation, through the real
/// conversation pipeline. The best match is the candidate the bot would answer with.
/// </summary>
internal static class DatasetCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task<int> ExecuteAsync(CommandLineArgs args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var kb = KnowledgeFiles.Validate(args.Required("kb"));
        var queries = DatasetQueries.Read(args.Required("queries"));
        var output = args.Required("json");
        var settings = new Dictionary<string, string?> { ["Agent:Retrieval"] = Retrieval(args), ["Agent:Scoring"] = Scoring(args).ToString() };
        if (args.Option("calibration") is { } calibration)
        {
            // A calibration is valid only for the scores it was fitted on: it chooses the scoring.
            var model = CalibrationFile(calibration);
            settings["Agent:CalibrationFile"] = Path.GetFullPath(calibration);
            settings["Agent:Scoring"] = model.Scoring.ToString();
        }

        if (args.Option("answer-threshold") is { } text)
        {
            var threshold = Rate("answer-threshold", text);
            settings["Agent:AnswerThreshold"] = threshold.ToString(CultureInfo.InvariantCulture);
            settings["Agent:SuggestThreshold"] = Math.Min(0.5, threshold).ToString(CultureInfo.InvariantCulture);
        }

        var started = Stopwatch.GetTimestamp();
        var outcomes = await AskAllAsync(kb, queries, settings, console, cancellationToken);
        var metrics = DatasetMetrics.From(outcomes);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output + ".tmp", JsonSerializer.Serialize(metrics, Json), cancellationToken);
        File.Move(output + ".tmp", output, overwrite: true);

        Print(console, metrics, $"{Path.GetFileName(Path.GetDirectoryName(kb)) ?? kb} ({settings["Agent:Retrieval"]})", Stopwatch.GetElapsedTime(started));
        return EvalCommandLine.Passed;
    }

    internal static string Retrieval(CommandLineArgs args)
    {
        var retrieval = args.Option("retrieval") ?? "hybrid";
        return retrieval is "hybrid" or "lexical" or "vector"
            ? retrieval
            : throw new EvalInputException($"--retrieval must be hybrid, lexical or vector (was '{retrieval}')");
    }

    internal static AnswerScoring Scoring(CommandLineArgs args) => args.Option("scoring") switch
    {
        null or "similarity" => AnswerScoring.Similarity,
        "intent-classifier" => AnswerScoring.IntentClassifier,
        var other => throw new EvalInputException($"--scoring must be similarity or intent-classifier (was '{other}')"),
    };

    /// <summary>The option <c>--<paramref name="name"/></c>'s value as a number between 0 and 1.</summary>
    internal static double Rate(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new EvalInputException($"--{name} must be a number between 0 and 1 (was '{text}')");

    private static Core.Agent.Calibration.CalibrationModel CalibrationFile(string path)
    {
        if (!File.Exists(path)) throw new EvalInputException($"--calibration {path}: the file does not exist");
        try
        {
            return Core.Agent.Calibration.CalibrationModel.FromJson(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new EvalInputException($"--calibration {path}: {e.Message}");
        }
    }

    /// <summary>A fresh instance holding only <paramref name="kb"/> answers every query as the first turn of its own conversation.</summary>
    internal static async Task<List<QueryOutcome>> AskAllAsync(string kb, List<DatasetQuery> queries, IReadOnlyDictionary<string, string?> settings,
        IAnsiConsole console, CancellationToken cancellationToken)
    {
        await using var host = new EvalHost([kb], settings);
        var pipeline = host.Services.GetRequiredService<ConversationPipeline>();
        List<QueryOutcome> outcomes = [];
        async Task AskAsync(Action? tick)
        {
            for (var i = 0; i < queries.Count; i++)
            {
                var query = queries[i];
                var asked = Stopwatch.GetTimestamp();
                var turn = await pipeline.HandleAsync(new InboundMessage("webchat", $"dataset-{i}", query.Text), cancellationToken);
                var latency = Stopwatch.GetElapsedTime(asked).TotalMilliseconds;
                var reply = turn.Reply;
                outcomes.Add(new QueryOutcome(query.ExpectedIntent, reply.Candidates.Count > 0 ? reply.Candidates[0].Intent : null,
                    reply.Handoff ? null : reply.MatchedIntent, reply.Confidence, latency,
                    reply.Candidates.Count > 0 ? reply.Candidates[0].Score : 0, reply.Candidates.Skip(1).Select(c => c.Score).DefaultIfEmpty(0).Max()));
                tick?.Invoke();
            }
        }

        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress().StartAsync(async context =>
            {
                var bar = context.AddTask("queries", maxValue: queries.Count);
                await AskAsync(() => bar.Increment(1));
            });
        }
        else
        {
            await AskAsync(null);
        }

        return outcomes;
    }

    private static void Print(IAnsiConsole console, DatasetMetrics m, string name, TimeSpan elapsed)
    {
        static string F(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—";
        var table = new Table().Title(Markup.Escape($"dataset {name}")).AddColumns("metric", "value");
        foreach (var (metric, value) in new[]
        {
            ("queries", m.Queries.ToString(CultureInfo.InvariantCulture)), ("in_scope", m.InScope.ToString(CultureInfo.InvariantCulture)),
            ("out_of_scope", m.OutOfScope.ToString(CultureInfo.InvariantCulture)), ("top1_accuracy", F(m.Top1Accuracy)),
            ("answered_correct_rate", F(m.AnsweredCorrectRate)), ("answered_wrong_rate", F(m.AnsweredWrongRate)),
            ("oos_rejection_rate", F(m.OosRejectionRate)), ("auroc", F(m.Auroc)), ("ece", F(m.Ece)),
            ("latency_ms_p50", F(m.LatencyMsP50)), ("latency_ms_p99", F(m.LatencyMsP99)),
        })
        {
            table.AddRow(metric, value);
        }

        console.Write(table);
        console.WriteLine($"took {elapsed.TotalSeconds:0.0} s");
    }
}
