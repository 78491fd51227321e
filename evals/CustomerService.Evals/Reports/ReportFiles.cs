using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerService.Evals.Cli;

namespace CustomerService.Evals.Reports;

/// <summary>Writes a run's report.json, junit.xml and report.html; reads a report.json back as a baseline.</summary>
internal static class ReportFiles
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IReadOnlyList<string> Write(EvalReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new (string Name, string Content)[]
        {
            ("report.json", JsonSerializer.Serialize(report, Json)),
            ("junit.xml", JUnitReport.Render(report)),
            ("report.html", HtmlReport.Render(report)),
        };
        foreach (var (name, content) in files)
        {
            // Write beside, then move: a reader never sees half a report.
            var path = Path.Combine(directory, name);
            File.WriteAllText(path + ".tmp", content);
            File.Move(path + ".tmp", path, overwrite: true);
        }

        return [.. files.Select(f => Path.Combine(directory, f.Name))];
    }

    public static EvalReport ReadBaseline(string path)
    {
        if (!File.Exists(path))
        {
            throw new EvalInputException($"{path}: the baseline report does not exist.");
        }

        try
        {
            return JsonSerializer.Deserialize<EvalReport>(File.ReadAllText(path), Json)
                ?? throw new EvalInputException($"{path}: the baseline report is empty.");
        }
        catch (JsonException e)
        {
            throw new EvalInputException($"{path}: not a report.json written by the eval runner (line {e.LineNumber + 1}: {e.Message})");
        }
    }
}
