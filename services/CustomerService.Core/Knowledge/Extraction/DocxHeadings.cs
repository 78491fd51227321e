using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>
/// Which paragraphs are headings, and of which level: Word's built-in heading styles (ids such as
/// <c>Heading1</c>, names such as "heading 1" or, from WPS and localised templates, "标题 1"), or an outline
/// level on the paragraph or its style chain (how custom heading styles and Chinese templates mark them).
/// </summary>
internal sealed partial class DocxHeadings
{
    private const int MaxLevel = 6;
    private readonly Dictionary<string, Style> _styles = new(StringComparer.Ordinal);

    public DocxHeadings(Styles? styles)
    {
        foreach (var style in styles?.Elements<Style>() ?? [])
        {
            if (style.StyleId?.Value is { } id)
            {
                _styles.TryAdd(id, style);
            }
        }
    }

    /// <summary>1 for a top heading; null for a body paragraph.</summary>
    public int? Level(Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } outline)
        {
            return FromOutline(outline);
        }

        return properties?.ParagraphStyleId?.Val?.Value is { } styleId ? StyleLevel(styleId, depth: 0) : null;
    }

    public bool IsTitle(Paragraph paragraph) =>
        paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value is { } id
        && (id.Equals("Title", StringComparison.OrdinalIgnoreCase) || _styles.TryGetValue(id, out var style) && style.StyleName?.Val?.Value is "Title" or "标题");

    private int? StyleLevel(string styleId, int depth)
    {
        if (FromName(styleId) is { } byId)
        {
            return byId;
        }

        // basedOn chains are short; the depth guard only stops a malformed file's cycle.
        if (depth > 10 || !_styles.TryGetValue(styleId, out var style))
        {
            return null;
        }

        if (FromName(style.StyleName?.Val?.Value) is { } byName)
        {
            return byName;
        }

        if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline)
        {
            return FromOutline(outline);
        }

        return style.BasedOn?.Val?.Value is { } parent ? StyleLevel(parent, depth + 1) : null;
    }

    // Outline level 0 is a top heading; 9 means body text.
    private static int? FromOutline(int outline) => outline is >= 0 and < 9 ? Math.Min(outline + 1, MaxLevel) : null;

    private static int? FromName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var match = HeadingName().Match(name.Trim());
        return match.Success ? Math.Min(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), MaxLevel) : null;
    }

    [GeneratedRegex(@"^(?:heading|标题)\s?([1-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingName();
}
