using System.Text;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>
/// Collects blocks of text in reading order under the current heading path and lays the sections out in
/// one plain text (blank line between sections and between blocks), so every section knows its offset.
/// </summary>
internal sealed class SectionWriter
{
    private const string BlockSeparator = "\n\n";
    private readonly List<(int Level, string Text)> _headings = [];
    private readonly List<ExtractedSection> _sections = [];
    private readonly StringBuilder _body = new();
    private int _length;

    /// <summary>The first level-1 heading seen, the usual title of a document.</summary>
    public string? FirstTopHeading { get; private set; }

    /// <summary>Starts a section under a heading of the given level (1 = top); deeper headings of earlier sections are dropped.</summary>
    public void Heading(int level, string text)
    {
        var heading = Collapse(text);
        if (heading.Length == 0)
        {
            return;
        }

        Flush();
        _headings.RemoveAll(h => h.Level >= level);
        _headings.Add((level, heading));
        if (level == 1)
        {
            FirstTopHeading ??= heading;
        }
    }

    /// <summary>Adds a paragraph, list, table or code block to the current section.</summary>
    public void Block(string text)
    {
        var block = TrimLines(text);
        if (block.Length == 0)
        {
            return;
        }

        if (_body.Length > 0)
        {
            _body.Append(BlockSeparator);
        }

        _body.Append(block);
    }

    public IReadOnlyList<ExtractedSection> Sections()
    {
        Flush();
        return [.. _sections];
    }

    /// <summary>Folds runs of white space (line breaks included) to one space, as browsers and Word show inline text.</summary>
    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>Trims the ends of lines and of the block and folds runs of blank lines into one.</summary>
    private static string TrimLines(string text)
    {
        var builder = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(blank > 0 ? BlockSeparator : "\n");
            }

            builder.Append(line);
            blank = 0;
        }

        return builder.ToString();
    }

    private void Flush()
    {
        if (_body.Length == 0)
        {
            return;
        }

        if (_sections.Count > 0)
        {
            _length += BlockSeparator.Length;
        }

        var text = _body.ToString();
        _sections.Add(new ExtractedSection([.. _headings.Select(h => h.Text)], text, _length));
        _length += text.Length;
        _body.Clear();
    }
}
