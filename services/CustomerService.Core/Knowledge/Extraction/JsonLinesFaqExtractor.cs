using System.Text.Json;
using CustomerService.Core.Knowledge.Import;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>
/// FAQ as JSON Lines in the datasets' layout <c>{"id","intent","questions":[…],"answer"}</c>, read by the FAQ
/// import's reader (same errors), plus an optional <c>"category"</c> string the import does not keep.
/// </summary>
internal sealed class JsonLinesFaqExtractor : IDocumentExtractor
{
    public IReadOnlyList<string> Extensions { get; } = [".jsonl", ".ndjson"];

    public async Task<ExtractedDocument> ExtractAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var text = await DocumentContent.ReadTextAsync(content, fileName, cancellationToken);
        List<FaqFileError> errors = [];
        var entries = JsonLinesFaqReader.Read(text, errors);
        FaqFileChecks.ThrowIfInvalid(fileName, entries, errors);

        var lines = text.Split('\n');
        return new ExtractedDocument(null, [], [.. entries.Select(e => FaqFileChecks.ToFaq(e.Entry, Category(fileName, e.Line, lines[e.Line - 1])))]);
    }

    private static string? Category(string fileName, int line, string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("category", out var category) ? category.ValueKind switch
        {
            JsonValueKind.String => category.GetString(),
            JsonValueKind.Null => null,
            _ => throw new DocumentFormatException($"'{fileName}', line {line}, field 'category': must be a string"),
        } : null;
    }
}
