using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>A worksheet's non-empty rows as text cells by column, whether the strings are shared, inline or formula results.</summary>
internal static class XlsxCells
{
    private const int MaxColumns = 16_384;

    public static List<(int Row, string[] Cells)> Rows(WorksheetPart worksheet, IReadOnlyList<SharedStringItem> sharedStrings)
    {
        List<(int, string[])> rows = [];
        var next = 1;
        foreach (var row in worksheet.Worksheet?.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
        {
            var number = row.RowIndex?.Value is { } index ? (int)index : next;
            next = number + 1;
            List<string> cells = [];
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                // Empty cells are usually left out of the file, so a cell's place comes from its reference (C7), not its position.
                column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : column;
                while (cells.Count <= column)
                {
                    cells.Add("");
                }

                cells[column++] = Text(cell, sharedStrings);
            }

            if (cells.Exists(c => c.Trim().Length > 0))
            {
                rows.Add((number, [.. cells]));
            }
        }

        return rows;
    }

    private static string Text(Cell cell, IReadOnlyList<SharedStringItem> sharedStrings)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? RichText(inline) : "";
        }

        var raw = cell.CellValue?.Text ?? "";
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < sharedStrings.Count
                ? RichText(sharedStrings[i])
                : "";
        }

        return type == CellValues.Boolean ? (raw == "1" ? "TRUE" : "FALSE") : raw;
    }

    /// <summary>Plain or rich text (runs); phonetic guides (rPh) are left out, they repeat the text in kana.</summary>
    private static string RichText(OpenXmlElement item) =>
        string.Concat(item.Elements<Text>().Select(t => t.Text)) + string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = Math.Min(index * 26 + (char.ToUpperInvariant(c) - 'A' + 1), MaxColumns + 1);
        }

        // Excel has at most 16,384 columns (XFD); a larger reference is damage and must not size a row.
        return Math.Clamp(index - 1, 0, MaxColumns - 1);
    }
}
