using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>
/// Excel FAQ sheets (.xlsx): every worksheet whose header row names question and answer columns, one entry per row.
/// A sheet with neither column (notes, look-up lists) is passed over; one with only one of them is a mistake and is named.
/// </summary>
internal sealed class XlsxFaqExtractor : IDocumentExtractor
{
    private const int MaxProblems = 5;

    public IReadOnlyList<string> Extensions { get; } = [".xlsx"];

    public async Task<ExtractedDocument> ExtractAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var bytes = await DocumentContent.ReadAllAsync(content, fileName, cancellationToken);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart ?? throw NotExcel(fileName);
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().ToList() ?? [];
            var sheets = (workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
                .Select(s => (Name: s.Name?.Value ?? "?", Part: s.Id?.Value is { } id ? workbook.GetPartById(id) as WorksheetPart : null))
                .Where(s => s.Part is not null)
                .Select(s => (s.Name, Rows: XlsxCells.Rows(s.Part!, shared)))
                .Where(s => s.Rows.Count > 0)
                .ToList();
            return new ExtractedDocument(null, [], Read(fileName, sheets));
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException or IOException)
        {
            throw NotExcel(fileName);
        }
    }

    private static List<ExtractedFaq> Read(string fileName, List<(string Name, List<(int Row, string[] Cells)> Rows)> sheets)
    {
        if (sheets.Count == 0)
        {
            throw new DocumentFormatException($"'{fileName}' holds no rows; a FAQ sheet needs a header row with question and answer (问题, 答案) columns");
        }

        List<ExtractedFaq> faqs = [];
        List<string> problems = [];
        var seenIds = new Dictionary<string, string>(StringComparer.Ordinal);
        string? notFaq = null;
        var faqSheets = 0;
        foreach (var (name, rows) in sheets)
        {
            var (headerRow, header) = rows[0];
            var columns = FaqColumns.Find(header);
            if (columns.Missing.Count > 0)
            {
                var message = $"'{fileName}', sheet '{name}': the header row (row {headerRow}) must name the columns question and answer "
                    + $"(or 问题 and 答案); missing: {string.Join(", ", columns.Missing)}";
                if (columns.Question >= 0 || columns.Answer >= 0)
                {
                    throw new DocumentFormatException(message);
                }

                notFaq ??= message;
                continue;
            }

            faqSheets++;
            foreach (var (row, cells) in rows.Skip(1))
            {
                var where = $"sheet '{name}', row {row}";
                if (columns.Read(cells, out var problem) is not { } faq)
                {
                    if (problem is not null) problems.Add($"{where}: {problem}");
                    continue;
                }

                if (!seenIds.TryAdd(faq.Id!, where))
                {
                    // Without an id column the id comes from the question, so a repeat is a repeated question.
                    var what = columns.Id >= 0 ? $"id '{faq.Id}'" : "the same question";
                    problems.Add($"{where}: {what} is also on {seenIds[faq.Id!]}");
                    continue;
                }

                faqs.Add(faq);
            }
        }

        if (faqSheets == 0)
        {
            throw new DocumentFormatException(notFaq!);
        }

        if (problems.Count > 0)
        {
            var more = problems.Count > MaxProblems ? $" (and {problems.Count - MaxProblems} more)" : "";
            throw new DocumentFormatException($"'{fileName}': {string.Join("; ", problems.Take(MaxProblems))}{more}");
        }

        if (faqs.Count == 0)
        {
            throw new DocumentFormatException($"'{fileName}' holds no FAQ entries below its header row");
        }

        return faqs;
    }

    private static DocumentFormatException NotExcel(string fileName) =>
        new($"'{fileName}' is not a valid Excel workbook (.xlsx); it may be damaged, or an older .xls file renamed");
}
