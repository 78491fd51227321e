using System.Text.Json;
using CustomerService.Evals.Cli;

namespace CustomerService.Evals.Datasets;

/// <param name="ExpectedIntent">null: out of scope, the bot should hand off.</param>
internal sealed record DatasetQuery(string Id, string Text, string? ExpectedIntent);

internal static class DatasetQueries
{
    /// <summary>Reads <c>{"id","text","expected_intent"}</c> lines (the shared datasets' dev/test layout).</summary>
    public static List<DatasetQuery> Read(string path)
    {
        if (!File.Exists(path)) throw new EvalInputException($"{path}: the queries file does not exist.");
        List<DatasetQuery> queries = [];
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(t.GetString())
                    ? t.GetString()!
                    : throw new EvalInputException($"{path}:{number}: field 'text' must be a non-empty string");
                var intent = root.TryGetProperty("expected_intent", out var i) ? i.ValueKind switch
                {
                    JsonValueKind.String => i.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new EvalInputException($"{path}:{number}: field 'expected_intent' must be a string or null"),
                } : throw new EvalInputException($"{path}:{number}: field 'expected_intent' is required (null for out of scope)");
                queries.Add(new DatasetQuery(root.TryGetProperty("id", out var id) ? id.ToString() : $"line-{number}", text, intent));
            }
            catch (JsonException e)
            {
                throw new EvalInputException($"{path}:{number}: not valid JSON ({e.Message})");
            }
        }

        return queries.Count > 0 ? queries : throw new EvalInputException($"{path}: the file holds no queries");
    }
}
