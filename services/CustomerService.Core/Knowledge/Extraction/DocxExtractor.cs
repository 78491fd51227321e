using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>Word (.docx): heading paragraphs build the heading path; body paragraphs and tables ("cell | cell" rows) become text.</summary>
internal sealed class DocxExtractor : IDocumentExtractor
{
    public IReadOnlyList<string> Extensions { get; } = [".docx"];

    public async Task<ExtractedDocument> ExtractAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var bytes = await DocumentContent.ReadAllAsync(content, fileName, cancellationToken);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body ?? throw NotWord(fileName);
            var headings = new DocxHeadings(document.MainDocumentPart.StyleDefinitionsPart?.Styles);
            var reader = new Reader(new SectionWriter(), headings);
            reader.Write(body);
            var title = document.PackageProperties.Title is { Length: > 0 } property ? SectionWriter.Collapse(property) : null;
            return new ExtractedDocument(title ?? reader.Writer.FirstTopHeading ?? reader.TitleParagraph, reader.Writer.Sections(), []);
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException or IOException)
        {
            throw NotWord(fileName);
        }
    }

    private static DocumentFormatException NotWord(string fileName) =>
        new($"'{fileName}' is not a valid Word document (.docx); it may be damaged, or an older .doc file renamed");

    private sealed class Reader(SectionWriter writer, DocxHeadings headings)
    {
        public SectionWriter Writer => writer;

        /// <summary>The first paragraph in Word's Title style, the title when neither a core title nor a Heading 1 exists.</summary>
        public string? TitleParagraph { get; private set; }

        public void Write(OpenXmlElement container)
        {
            foreach (var element in container.Elements())
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        WriteParagraph(paragraph);
                        break;
                    case Table table:
                        writer.Block(TableText(table));
                        break;
                    case SdtBlock or SdtContentBlock or CustomXmlBlock:
                        // Content controls and custom XML wrap ordinary paragraphs and tables.
                        Write(element);
                        break;
                }
            }
        }

        private void WriteParagraph(Paragraph paragraph)
        {
            var text = TextOf(paragraph);
            if (headings.Level(paragraph) is { } level)
            {
                writer.Heading(level, text);
                return;
            }

            if (headings.IsTitle(paragraph))
            {
                TitleParagraph ??= SectionWriter.Collapse(text) is { Length: > 0 } title ? title : null;
            }

            var listItem = paragraph.ParagraphProperties?.NumberingProperties is not null;
            writer.Block(listItem && text.Trim().Length > 0 ? "- " + text : text);
        }

        private static string TableText(Table table) =>
            string.Join("\n", table.Elements<TableRow>()
                .Select(row => string.Join(" | ", row.Elements<TableCell>()
                    .Select(cell => SectionWriter.Collapse(string.Join(" ", cell.Descendants<Paragraph>().Select(TextOf))))))
                .Where(row => row.Replace("|", "", StringComparison.Ordinal).Trim().Length > 0));

        private static string TextOf(OpenXmlElement element)
        {
            var text = new StringBuilder();
            Append(element, text);
            return text.ToString();
        }

        private static void Append(OpenXmlElement element, StringBuilder text)
        {
            foreach (var child in element.ChildElements)
            {
                switch (child)
                {
                    case Text t: text.Append(t.Text); break;
                    case TabChar: text.Append('\t'); break;
                    case Break or CarriageReturn: text.Append('\n'); break;
                    case NoBreakHyphen: text.Append('-'); break;
                    // A drawing's fallback repeats the text box its choice already holds.
                    case AlternateContentFallback: break;
                    default: Append(child, text); break;
                }
            }
        }
    }
}
