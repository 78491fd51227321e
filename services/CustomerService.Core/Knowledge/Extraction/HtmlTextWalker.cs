using System.Text;
using HtmlAgilityPack;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>Walks an HTML tree in reading order: headings start sections, block elements end paragraphs, tables become rows.</summary>
internal sealed class HtmlTextWalker(SectionWriter writer)
{
    private static readonly HashSet<string> BlockElements = new(
        ["p", "div", "section", "article", "main", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption",
         "address", "details", "summary", "hr", "body", "html", "center", "caption", "fieldset"], StringComparer.Ordinal);

    private readonly List<string> _lines = [];
    private readonly StringBuilder _line = new();

    public void Walk(HtmlNode node)
    {
        switch (node.NodeType)
        {
            case HtmlNodeType.Text:
                _line.Append(HtmlEntity.DeEntitize(((HtmlTextNode)node).Text));
                return;
            case HtmlNodeType.Element:
                Element(node);
                return;
            case HtmlNodeType.Document:
                WalkChildren(node);
                Flush();
                return;
            default:
                return;
        }
    }

    private void Element(HtmlNode node)
    {
        switch (node.Name)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                Flush();
                writer.Heading(node.Name[1] - '0', HtmlEntity.DeEntitize(node.InnerText));
                return;
            case "table":
                Flush();
                writer.Block(TableText(node));
                return;
            case "pre":
                Flush();
                writer.Block(HtmlEntity.DeEntitize(node.InnerText));
                return;
            case "br":
                EndLine();
                return;
            case "li":
                Flush();
                _line.Append("- ");
                WalkChildren(node);
                Flush();
                return;
        }

        var block = BlockElements.Contains(node.Name);
        if (block) Flush();
        WalkChildren(node);
        if (block) Flush();
    }

    private void WalkChildren(HtmlNode node)
    {
        foreach (var child in node.ChildNodes)
        {
            Walk(child);
        }
    }

    private void EndLine()
    {
        var line = SectionWriter.Collapse(_line.ToString()).TrimStart();
        if (line.Length > 0 && line != "-")
        {
            _lines.Add(line);
        }

        _line.Clear();
    }

    /// <summary>Ends the paragraph being collected.</summary>
    private void Flush()
    {
        EndLine();
        if (_lines.Count > 0)
        {
            writer.Block(string.Join("\n", _lines));
            _lines.Clear();
        }
    }

    private static string TableText(HtmlNode table) =>
        string.Join("\n", table.Descendants("tr")
            .Where(row => row.Ancestors("table").FirstOrDefault() == table)
            .Select(row => string.Join(" | ", row.ChildNodes.Where(c => c.Name is "td" or "th").Select(c => SectionWriter.Collapse(HtmlEntity.DeEntitize(c.InnerText)).Trim())))
            .Where(row => row.Replace("|", "", StringComparison.Ordinal).Trim().Length > 0));
}
