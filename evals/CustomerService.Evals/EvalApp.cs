using CustomerService.Evals.Cli;

namespace CustomerService.Evals;

/// <summary>An explicit entry point: a top-level Program here would clash with the host's public one.</summary>
internal static class EvalApp
{
    public static Task<int> Main(string[] args) => EvalCommandLine.RunAsync(args, Spectre.Console.AnsiConsole.Console);
}
