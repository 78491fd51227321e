namespace CustomerService.Evals.Cli;

/// <summary>Bad input from the person running the evals: reported in one line, exit code 2, never a stack trace.</summary>
internal class EvalInputException(string message) : Exception(message);

/// <summary>A suite file that does not say what it must, at a known place.</summary>
internal sealed class SuiteFormatException(string file, long line, string? field, string problem)
    : EvalInputException($"{file}:{line}: " + (field is null ? "" : $"{field}: ") + problem)
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public string? Field { get; } = field;
}
