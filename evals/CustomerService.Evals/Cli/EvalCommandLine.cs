using Spectre.Console;

namespace CustomerService.Evals.Cli;

internal static class EvalCommandLine
{
    public const int Passed = 0, Failed = 1, BadInput = 2;

    private const string Usage = """
        usage:
          run <suite.yaml|folder> [--url http://host:port] [--out dir] [--baseline report.json]
          dataset --kb kb.jsonl --queries queries.jsonl --json out.json [--retrieval hybrid|lexical|vector]
                  [--scoring similarity|intent-classifier] [--calibration calibration.json] [--answer-threshold p]
          calibrate --kb kb.jsonl --queries dev.jsonl --out calibration.json [--retrieval hybrid|lexical|vector]
                  [--scoring similarity|intent-classifier] [--max-wrong 0.10] [--min-rejection 0.80]
        """;

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console)
    {
        try
        {
            return args switch
            {
                ["run", .. var rest] => await RunCommand.ExecuteAsync(new CommandLineArgs(rest, "url", "out", "baseline"), console, TimeProvider.System, CancellationToken.None),
                ["dataset", .. var rest] => await Datasets.DatasetCommand.ExecuteAsync(new CommandLineArgs(rest, "kb", "queries", "json", "calibration", "retrieval", "scoring", "answer-threshold"), console, CancellationToken.None),
                ["calibrate", .. var rest] => await Datasets.CalibrateCommand.ExecuteAsync(new CommandLineArgs(rest, "kb", "queries", "out", "retrieval", "scoring", "max-wrong", "min-rejection"), console, CancellationToken.None),
                ["help" or "--help" or "-h"] => Help(console),
                _ => throw new EvalInputException(args.Length == 0 ? "no command given" : $"unknown command '{args[0]}'"),
            };
        }
        catch (EvalInputException e)
        {
            console.WriteLine($"error: {e.Message}");
            if (e is not SuiteFormatException) console.WriteLine(Usage);
            return BadInput;
        }
    }

    private static int Help(IAnsiConsole console)
    {
        console.WriteLine(Usage);
        return Passed;
    }
}
