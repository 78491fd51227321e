using CustomerService.Core.Knowledge.Extraction;
using static CustomerService.UnitTests.Knowledge.Extraction.TestDocuments;

namespace CustomerService.UnitTests.Knowledge.Extraction;

/// <summary>Word documents and Excel FAQ sheets, built with the Open XML SDK in the test.</summary>
public sealed class OfficeExtractorTests
{
    private static byte[] PolicyDocx(string? coreTitle) => Docx(coreTitle,
        Paragraph("退换货政策", "Heading1"),
        Paragraph("收到商品 7 天内可申请退货。"),
        Paragraph("退货流程", "a5"),
        Paragraph("在订单页申请。"),
        Table(["商品", "期限"], ["服装", "7 天"]),
        Paragraph("运费", "Custom3"),
        Paragraph("质量问题由我们承担运费。"),
        Paragraph("Shipping", "Heading1"),
        Paragraph("Orders ship in two days."));

    [Fact]
    public async Task Docx_heading_styles_and_outline_levels_build_the_heading_path()
    {
        var document = await ExtractAsync(new DocxExtractor(), PolicyDocx("退换货政策说明"), "policy.docx");

        Assert.Equal("退换货政策说明", document.Title);
        Assert.Equal(
            [["退换货政策"], ["退换货政策", "退货流程"], ["退换货政策", "退货流程", "运费"], ["Shipping"]],
            document.Sections.Select(s => s.HeadingPath.ToArray()));
        Assert.Equal("在订单页申请。\n\n商品 | 期限\n服装 | 7 天", document.Sections[1].Text);
        Assert.Equal("Orders ship in two days.", document.Sections[3].Text);
        TextExtractorTests.AssertOffsets(document);
    }

    [Fact]
    public async Task Docx_without_a_core_title_takes_the_first_heading_1()
    {
        var document = await ExtractAsync(new DocxExtractor(), PolicyDocx(null), "policy.docx");

        Assert.Equal("退换货政策", document.Title);
    }

    [Fact]
    public async Task Xlsx_reads_every_faq_sheet_with_chinese_or_english_headers_and_skips_other_sheets()
    {
        var workbook = Xlsx(
            ("FAQ", [["问题", "答案", "相似问题", "分类"], ["怎么退货", "在订单页申请退货。", "如何退货|退货流程", "售后"], ["发票怎么开", "下单时选择电子发票。"]]),
            ("Notes", [["备注"], ["内部使用"]]),
            ("English", [["ID", "Question", "Answer", "Similar Questions", "Category"],
                ["ship-1", "How long is delivery?", "Two days.", "shipping time\nwhen will it arrive", "Shipping"]]));

        var document = await ExtractAsync(new XlsxFaqExtractor(), workbook, "faq.xlsx");

        Assert.Empty(document.Sections);
        Assert.Equal(3, document.Faqs.Count);
        var returns = document.Faqs[0];
        Assert.Equal(("怎么退货", "在订单页申请退货。", "售后"), (returns.Question, returns.Answer, returns.Category));
        Assert.Equal(["如何退货", "退货流程"], returns.SimilarQuestions);
        Assert.Null(document.Faqs[1].Category);
        Assert.Empty(document.Faqs[1].SimilarQuestions);
        Assert.Equal(("ship-1", "How long is delivery?"), (document.Faqs[2].Id, document.Faqs[2].Question));
        Assert.Equal(["shipping time", "when will it arrive"], document.Faqs[2].SimilarQuestions);
    }

    [Fact]
    public async Task Xlsx_row_without_an_answer_is_named_with_sheet_and_row()
    {
        var workbook = Xlsx(("FAQ", [["question", "answer"], ["怎么退货", "在订单页申请。"], ["发票怎么开", null]]));

        var error = await Assert.ThrowsAsync<DocumentFormatException>(() => ExtractAsync(new XlsxFaqExtractor(), workbook, "faq.xlsx"));

        Assert.Contains("sheet 'FAQ', row 3: the answer is empty", error.Message, StringComparison.Ordinal);
    }
}
