using System.Globalization;
using System.Text;
using CustomerService.Core.Knowledge.Extraction;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace CustomerService.UnitTests.Knowledge.Extraction;

/// <summary>Builds the fixture files in code, so every test shows the content it reads.</summary>
internal static class TestDocuments
{
    public static DocumentExtractors All() => new(
    [
        new MarkdownExtractor(), new PlainTextExtractor(), new HtmlExtractor(), new DocxExtractor(),
        new XlsxFaqExtractor(), new CsvFaqExtractor(), new JsonLinesFaqExtractor(), new PdfExtractor(),
    ]);

    public static Task<ExtractedDocument> ExtractAsync(IDocumentExtractor extractor, string text, string fileName) =>
        ExtractAsync(extractor, Encoding.UTF8.GetBytes(text), fileName);

    public static async Task<ExtractedDocument> ExtractAsync(IDocumentExtractor extractor, byte[] content, string fileName)
    {
        using var stream = new MemoryStream(content);
        return await extractor.ExtractAsync(stream, fileName, CancellationToken.None);
    }

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A .docx with the given body; styles: Heading1/Heading2 by id, "a5" named 标题 2 (WPS), "Custom3" with outline level 2.</summary>
    public static byte[] Docx(string? coreTitle, params OpenXmlElement[] body)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Word.Document(new Word.Body(body));
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Word.Styles(
                Style("Heading1", "heading 1"),
                Style("Heading2", "heading 2"),
                Style("a5", "标题 2"),
                Style("Custom3", "Section title", new Word.StyleParagraphProperties(new Word.OutlineLevel { Val = 2 })));
            if (coreTitle is not null)
            {
                document.PackageProperties.Title = coreTitle;
            }
        }

        return stream.ToArray();
    }

    public static Word.Paragraph Paragraph(string text, string? style = null)
    {
        var paragraph = new Word.Paragraph();
        if (style is not null)
        {
            paragraph.Append(new Word.ParagraphProperties(new Word.ParagraphStyleId { Val = style }));
        }

        paragraph.Append(new Word.Run(new Word.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    public static Word.Table Table(params string[][] rows) =>
        new(rows.Select(cells => new Word.TableRow(cells.Select(c => new Word.TableCell(Paragraph(c))))));

    /// <summary>An .xlsx; cells alternate between shared and inline strings; null leaves a cell out (as Excel does for empty ones).</summary>
    public static byte[] Xlsx(params (string Name, string?[][] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable();
            var sharedCount = 0;
            uint sheetId = 1;
            foreach (var (name, rows) in sheets)
            {
                var worksheet = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        if (rows[r][c] is not { } value) continue;
                        var cell = new Cell { CellReference = $"{(char)('A' + c)}{r + 1}" };
                        if ((r + c) % 2 == 0)
                        {
                            shared.SharedStringTable.Append(new SharedStringItem(new Text(value)));
                            cell.DataType = CellValues.SharedString;
                            cell.CellValue = new CellValue((sharedCount++).ToString(CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            cell.DataType = CellValues.InlineString;
                            cell.InlineString = new InlineString(new Text(value));
                        }

                        row.Append(cell);
                    }

                    data.Append(row);
                }

                worksheet.Worksheet = new Worksheet(data);
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = sheetId++, Name = name });
            }
        }

        return stream.ToArray();
    }

    /// <summary>A minimal PDF 1.4, one Helvetica text line per page (ASCII), with a correct cross-reference table.</summary>
    public static byte[] Pdf(params string[] pages)
    {
        List<string> objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"];
        List<string> kids = [];
        foreach (var text in pages)
        {
            var content = text.Length == 0 ? "" : $"BT /F1 18 Tf 72 700 Td ({text}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {objects.Count + 2} 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
            kids.Add($"{objects.Count} 0 R");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        }

        objects[1] = $"<< /Type /Pages /Kids [{string.Join(" ", kids)}] /Count {pages.Length} >>";
        var pdf = new StringBuilder("%PDF-1.4\n");
        List<int> offsets = [];
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static Word.Style Style(string id, string name, Word.StyleParagraphProperties? properties = null)
    {
        var style = new Word.Style(new Word.StyleName { Val = name }) { Type = Word.StyleValues.Paragraph, StyleId = id };
        if (properties is not null)
        {
            style.Append(properties);
        }

        return style;
    }
}
