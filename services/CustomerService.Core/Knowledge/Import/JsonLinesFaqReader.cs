using System.Text.Json;
using CustomerService.Abstractions.Knowledge;

namespace CustomerService.Core.Knowledge.Import;

/// <summary>One JSON object per line: <c>{"id","intent"?,"questions":[…],"answer"}</c>, as in the shared datasets' kb.jsonl.</summary>
internal static class JsonLinesFaqReader
{
    public static List<(int Line, FaqEntry Entry)> Read(string text, List<FaqFileError> errors)
    {
        List<(int, FaqEntry)> entries = [];
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                if (ReadEntry(lineNumber, document.RootElement, errors) is { } entry)
                {
                    entries.Add((lineNumber, entry));
                }
            }
            catch (JsonException e)
            {
                errors.Add(new FaqFileError(lineNumber, null, $"not valid JSON (at character {e.BytePositionInLine + 1})"));
            }
        }

        return entries;
    }

    private static FaqEntry? ReadEntry(int line, JsonElement root, List<FaqFileError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FaqFileError(line, null, "must be a JSON object"));
            return null;
        }

        var before = errors.Count;
        var id = OptionalString(line, root, "id", errors);
        var intent = OptionalString(line, root, "intent", errors);
        var answer = OptionalString(line, root, "answer", errors);
        List<string> questions = [];
        if (!root.TryGetProperty("questions", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FaqFileError(line, "questions", "must be an array of strings"));
        }
        else
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    errors.Add(new FaqFileError(line, "questions", "must hold only strings"));
                    break;
                }

                if (!string.IsNullOrWhiteSpace(item.GetString())) questions.Add(item.GetString()!.Trim());
            }
        }

        if (errors.Count == before)
        {
            FaqFileParser.Validate(line, id, questions, answer, errors, "id", "questions");
        }

        return errors.Count == before
            ? new FaqEntry(id!.Trim(), string.IsNullOrWhiteSpace(intent) ? id.Trim() : intent.Trim(), questions, answer!.Trim())
            : null;
    }

    private static string? OptionalString(int line, JsonElement root, string name, List<FaqFileError> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add(new FaqFileError(line, name, "must be a string"));
        return null;
    }
}
