using System.Text;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>
/// PDF through poppler's <c>pdftotext -layout</c> (layout mode keeps table columns apart): one section per page,
/// headed "p. N", so an answer can cite its page. Scanned PDFs hold images, not text, and are refused.
/// </summary>
internal sealed class PdfExtractor : IDocumentExtractor
{
    private readonly PdfToText _tool;

    public PdfExtractor()
        : this(new PdfToText("pdftotext", TimeSpan.FromSeconds(60)))
    {
    }

    internal PdfExtractor(PdfToText tool) => _tool = tool;

    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    public async Task<ExtractedDocument> ExtractAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var bytes = await DocumentContent.ReadAllAsync(content, fileName, cancellationToken);

        // The PDF header may follow up to 1 KiB of junk; without it poppler guesses, and its errors say less.
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 1024)).IndexOf("%PDF-"u8) < 0)
        {
            throw new DocumentFormatException($"'{fileName}' is not a PDF file");
        }

        var output = await _tool.RunAsync(bytes, fileName, cancellationToken);
        var writer = new SectionWriter();
        var pages = output.Split('\f');
        for (var i = 0; i < pages.Length; i++)
        {
            var page = PageText(pages[i]);
            if (page.Length > 0)
            {
                writer.Heading(1, $"p. {i + 1}");
                writer.Block(page);
            }
        }

        var sections = writer.Sections();
        if (sections.Count == 0)
        {
            throw new DocumentFormatException($"'{fileName}': the PDF holds no extractable text (scanned images?); run it through OCR first");
        }

        return new ExtractedDocument(null, sections, []);
    }

    /// <summary>Lines without trailing blanks and without the indentation every line of the page shares (page margins).</summary>
    private static string PageText(string page)
    {
        var lines = page.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line.Length >= indent ? line[indent..] : line).Append('\n');
        }

        return text.ToString().Trim('\n');
    }
}
