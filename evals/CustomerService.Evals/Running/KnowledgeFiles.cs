using CustomerService.Core.Knowledge.Import;
using CustomerService.Evals.Cli;

namespace CustomerService.Evals.Running;

internal static class KnowledgeFiles
{
    /// <summary>Checks a FAQ file before a host is started on it, so a broken one is reported by file and line.</summary>
    public static string Validate(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new EvalInputException($"{path}: the knowledge file does not exist.");
        var format = Path.GetExtension(full).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => FaqFileFormat.JsonLines,
            ".csv" => FaqFileFormat.Csv,
            _ => throw new EvalInputException($"{path}: a knowledge file must be .jsonl, .ndjson or .csv."),
        };
        try
        {
            FaqFileParser.Parse(File.ReadAllBytes(full), format);
            return full;
        }
        catch (FaqFileException e)
        {
            throw new EvalInputException($"{path}: {e.Message}");
        }
    }
}
