using System.Globalization;
using System.Text;
using HtmlAgilityPack;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>Markdown: headings build the heading path; paragraphs, lists, code, quotes and tables become text.</summary>
internal sealed class MarkdownExtractor : IDocumentExtractor
{
    // Front matter is parsed so it can be skipped: it is metadata, not something a customer should be answered with.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseGridTables().UseYamlFrontMatter().Build();

    public IReadOnlyList<string> Extensions { get; } = [".md", ".markdown"];

    public async Task<ExtractedDocument> ExtractAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var text = await DocumentContent.ReadTextAsync(content, fileName, cancellationToken);
        var writer = new SectionWriter();
        foreach (var block in Markdown.Parse(text, Pipeline))
        {
            Write(block, writer);
        }

        return new ExtractedDocument(writer.FirstTopHeading, writer.Sections(), []);
    }

    private static void Write(Block block, SectionWriter writer)
    {
        switch (block)
        {
            case HeadingBlock heading:
                writer.Heading(heading.Level, InlineText(heading.Inline));
                break;
            case YamlFrontMatterBlock or ThematicBreakBlock or LinkReferenceDefinitionGroup:
                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    Write(child, writer);
                }

                break;
            default:
                writer.Block(BlockText(block));
                break;
        }
    }

    private static string BlockText(Block block) => block switch
    {
        ParagraphBlock paragraph => InlineText(paragraph.Inline),
        HeadingBlock heading => InlineText(heading.Inline),
        YamlFrontMatterBlock => "",
        CodeBlock code => code.Lines.ToString(),
        HtmlBlock html => html.Type == HtmlBlockType.Comment ? "" : HtmlText(html.Lines.ToString()),
        Table table => TableText(table),
        ListBlock list => ListText(list),
        ContainerBlock container => string.Join("\n", container.Select(BlockText).Where(t => t.Length > 0)),
        _ => "",
    };

    private static string ListText(ListBlock list)
    {
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var first) ? first : 1;
        List<string> items = [];
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}. " : "- ";
            var body = string.Join("\n", item.Select(BlockText).Where(t => t.Length > 0));

            // Continuation lines (nested lists, later paragraphs) are indented under their item.
            items.Add(marker + body.Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        return string.Join("\n", items);
    }

    private static string TableText(Table table) =>
        string.Join("\n", table.OfType<TableRow>()
            .Select(row => string.Join(" | ", row.OfType<TableCell>().Select(cell => SectionWriter.Collapse(string.Join(" ", cell.Select(BlockText)))))));

    private static string InlineText(ContainerInline? container)
    {
        var text = new StringBuilder();
        AppendInlines(container, text);
        return text.ToString();
    }

    private static void AppendInlines(ContainerInline? container, StringBuilder text)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal: text.Append(literal.Content.ToString()); break;
                case CodeInline code: text.Append(code.Content); break;
                case LineBreakInline: text.Append('\n'); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded.ToString()); break;
                case AutolinkInline link: text.Append(link.Url); break;
                case ContainerInline child: AppendInlines(child, text); break;
                default: break; // raw inline HTML tags carry no text of their own
            }
        }
    }

    private static string HtmlText(string html)
    {
        var document = new HtmlDocument();
        document.LoadHtml(html);
        return string.Concat(document.DocumentNode.Descendants().OfType<HtmlTextNode>()
            .Where(t => t.ParentNode?.Name is not ("script" or "style"))
            .Select(t => HtmlEntity.DeEntitize(t.Text)));
    }
}
