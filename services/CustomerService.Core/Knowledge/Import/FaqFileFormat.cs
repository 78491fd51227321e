namespace CustomerService.Core.Knowledge.Import;

public enum FaqFileFormat
{
    JsonLines,
    Csv,
}

/// <summary>What is wrong with an uploaded file, and where.</summary>
/// <param name="Line">1-based line of the file; 0 when the problem is the file as a whole.</param>
/// <param name="Field">The JSON field or CSV column at fault, when one is.</param>
public sealed record FaqFileError(int Line, string? Field, string Message)
{
    public override string ToString() =>
        (Line > 0 ? $"line {Line}" : "file") + (Field is null ? "" : $", field '{Field}'") + $": {Message}";
}

public sealed class FaqFileException(IReadOnlyList<FaqFileError> errors)
    : Exception(string.Join("; ", errors.Take(5)) + (errors.Count > 5 ? $" (and {errors.Count - 5} more)" : ""))
{
    public IReadOnlyList<FaqFileError> Errors { get; } = errors;
}
