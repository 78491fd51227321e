using HtmlAgilityPack;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>
/// HTML: the page's main content only. Navigation, page headers and footers, sidebars, forms and scripts
/// would otherwise be indexed on every page and answer questions with menu text.
/// </summary>
internal sealed class HtmlExtractor : IDocumentExtractor
{
    private static readonly HashSet<string> Chrome = new(["script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "iframe", "svg"], StringComparer.Ordinal);
    private static readonly HashSet<string> ChromeRoles = new(["navigation", "banner", "contentinfo"], StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm"];

    public async Task<ExtractedDocument> ExtractAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var text = await DocumentContent.ReadTextAsync(content, fileName, cancellationToken);
        var document = new HtmlDocument();
        document.LoadHtml(text);
        var title = document.DocumentNode.Descendants("title").Where(t => !t.Ancestors("svg").Any()).Select(t => SectionWriter.Collapse(HtmlEntity.DeEntitize(t.InnerText))).FirstOrDefault(t => t.Length > 0);

        foreach (var node in document.DocumentNode.Descendants().Where(IsChrome).ToList())
        {
            node.Remove();
        }

        var writer = new SectionWriter();
        var walker = new HtmlTextWalker(writer);
        foreach (var root in ContentRoots(document.DocumentNode))
        {
            walker.Walk(root);
        }

        return new ExtractedDocument(title ?? writer.FirstTopHeading, writer.Sections(), []);
    }

    private static bool IsChrome(HtmlNode node)
    {
        if (node.NodeType == HtmlNodeType.Comment)
        {
            return true;
        }

        if (node.NodeType != HtmlNodeType.Element)
        {
            return false;
        }

        if (ChromeRoles.Contains(node.GetAttributeValue("role", "")))
        {
            return true;
        }

        // An article's own <header>/<footer> (its title, author, date) belongs to the content; only the page's are chrome.
        return Chrome.Contains(node.Name)
            && !(node.Name is "header" or "footer" && node.Ancestors().Any(a => a.Name is "article" or "main"));
    }

    /// <summary>&lt;main&gt; when the page marks it, else its articles, else the body.</summary>
    private static List<HtmlNode> ContentRoots(HtmlNode page)
    {
        if (page.Descendants("main").FirstOrDefault() is { } main)
        {
            return [main];
        }

        var articles = page.Descendants("article").Where(a => !a.Ancestors("article").Any()).ToList();
        if (articles.Count > 0)
        {
            return articles;
        }

        return [page.Descendants("body").FirstOrDefault() ?? page];
    }
}
