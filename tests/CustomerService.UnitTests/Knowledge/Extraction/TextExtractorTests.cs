using CustomerService.Core.Knowledge.Extraction;

namespace CustomerService.UnitTests.Knowledge.Extraction;

/// <summary>Markdown, plain text and HTML: heading paths, the text kept, what is left out, and offsets into the plain text.</summary>
public sealed class TextExtractorTests
{
    private const string Markdown = """
        ---
        title: front matter is not content
        ---
        # 退换货政策

        收到商品 7 天内可申请退货。请保持商品完好！

        ## 退货流程

        1. 在订单页点击“申请退货”
        2. 填写原因

        | 商品类型 | 退货期限 |
        |---|---|
        | 服装 | 7 天 |

        ```
        curl https://shop.example/returns
        ```

        ### 运费

        质量问题由我们承担运费。

        # Shipping

        Orders ship in **two** days. See [the delivery page](https://shop.example/delivery).
        """;

    [Fact]
    public async Task Markdown_headings_build_the_heading_path_and_blocks_become_text()
    {
        var document = await TestDocuments.ExtractAsync(new MarkdownExtractor(), Markdown, "returns.md");

        Assert.Equal("退换货政策", document.Title);
        Assert.Equal(
            [["退换货政策"], ["退换货政策", "退货流程"], ["退换货政策", "退货流程", "运费"], ["Shipping"]],
            document.Sections.Select(s => s.HeadingPath.ToArray()));
        Assert.Equal("收到商品 7 天内可申请退货。请保持商品完好！", document.Sections[0].Text);
        Assert.Equal("1. 在订单页点击“申请退货”\n2. 填写原因\n\n商品类型 | 退货期限\n服装 | 7 天\n\ncurl https://shop.example/returns", document.Sections[1].Text);
        Assert.Equal("Orders ship in two days. See the delivery page.", document.Sections[3].Text);
        Assert.DoesNotContain(document.Sections, s => s.Text.Contains("front matter", StringComparison.Ordinal));
        AssertOffsets(document);
    }

    [Fact]
    public async Task Markdown_without_a_top_heading_has_no_title()
    {
        var document = await TestDocuments.ExtractAsync(new MarkdownExtractor(), "Intro text.\n\n## Details\n\nMore.", "notes.markdown");

        Assert.Null(document.Title);
        Assert.Equal([[], ["Details"]], document.Sections.Select(s => s.HeadingPath.ToArray()));
    }

    [Fact]
    public async Task Plain_text_is_one_section_with_its_paragraphs_and_without_the_bom()
    {
        var document = await TestDocuments.ExtractAsync(new PlainTextExtractor(), "\uFEFF第一段。\r\n第二行  \n\n\n\n第二段。", "notes.txt");

        Assert.Null(document.Title);
        var section = Assert.Single(document.Sections);
        Assert.Empty(section.HeadingPath);
        Assert.Equal("第一段。\n第二行\n\n第二段。", section.Text);
    }

    [Fact]
    public async Task Html_keeps_the_main_content_and_drops_the_page_chrome()
    {
        const string Html = """
            <!DOCTYPE html><html><head><title>Help centre &ndash; Returns</title><style>p{color:red}</style><script>var tracking = 1;</script></head>
            <body><header><nav><a href="/">Home</a></nav><h1>Shop header</h1></header>
            <div role="navigation">Menu item</div>
            <main><article><header><h1>Returns</h1></header>
            <p>You can return items within <b>7&nbsp;days</b>.</p>
            <h2>How</h2><ul><li>Open the order</li><li>Click <em>return</em></li></ul>
            <table><tr><th>Type</th><th>Days</th></tr><tr><td>Clothes</td><td>7</td></tr></table>
            <form>Search <input name="q"></form><noscript>Enable JavaScript</noscript></article></main>
            <aside>Related links</aside><footer>© Qingcheng Shop</footer></body></html>
            """;

        var document = await TestDocuments.ExtractAsync(new HtmlExtractor(), Html, "returns.html");

        Assert.Equal("Help centre – Returns", document.Title);
        Assert.Equal([["Returns"], ["Returns", "How"]], document.Sections.Select(s => s.HeadingPath.ToArray()));
        Assert.Equal("You can return items within 7 days.", document.Sections[0].Text); // &nbsp; folds to a space
        Assert.Equal("- Open the order\n\n- Click return\n\nType | Days\nClothes | 7", document.Sections[1].Text);
        var all = document.PlainText();
        foreach (var chrome in new[] { "Home", "Shop header", "Menu item", "Search", "JavaScript", "Related", "Qingcheng", "tracking", "color" })
        {
            Assert.DoesNotContain(chrome, all, StringComparison.Ordinal);
        }

        AssertOffsets(document);
    }

    [Fact]
    public async Task Html_without_a_title_or_main_uses_the_first_h1_and_the_body()
    {
        var document = await TestDocuments.ExtractAsync(new HtmlExtractor(),
            "<html><body><h1>发票说明</h1><p>下单时选择<br>电子发票。</p><h3>抬头</h3><p>可填写公司抬头。</p></body></html>", "invoice.htm");

        Assert.Equal("发票说明", document.Title);
        Assert.Equal([["发票说明"], ["发票说明", "抬头"]], document.Sections.Select(s => s.HeadingPath.ToArray()));
        Assert.Equal("下单时选择\n电子发票。", document.Sections[0].Text);
    }

    internal static void AssertOffsets(ExtractedDocument document)
    {
        var text = document.PlainText();
        foreach (var section in document.Sections)
        {
            Assert.Equal(section.Text, text.Substring(section.Start, section.Text.Length));
        }
    }
}
