using CustomerService.Core.Knowledge.Import;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>
/// FAQ as CSV, read by the FAQ import's RFC 4180 reader (same columns, same errors: question, answer,
/// similar_questions, optional id and intent), plus an optional category column the import does not keep.
/// </summary>
internal sealed class CsvFaqExtractor : IDocumentExtractor
{
    public IReadOnlyList<string> Extensions { get; } = [".csv"];

    public async Task<ExtractedDocument> ExtractAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var text = await DocumentContent.ReadTextAsync(content, fileName, cancellationToken);
        List<FaqFileError> errors = [];
        var entries = CsvFaqReader.Read(text, errors);
        FaqFileChecks.ThrowIfInvalid(fileName, entries, errors);

        // A valid file's records parse again without error; the line numbers tie each entry to its row.
        var records = CsvFaqReader.Records(text, []);
        var category = records[0].Fields.FindIndex(f => f.Trim().Equals("category", StringComparison.OrdinalIgnoreCase));
        var rows = records.ToDictionary(r => r.Line, r => r.Fields);
        return new ExtractedDocument(null, [], [.. entries.Select(e => FaqFileChecks.ToFaq(e.Entry, category >= 0 ? rows[e.Line][category] : null))]);
    }
}
