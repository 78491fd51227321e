using System.Text;
using CustomerService.Core.Knowledge.Extraction;
using CustomerService.Core.Knowledge.Import;

namespace CustomerService.UnitTests.Knowledge.Extraction;

/// <summary>CSV and JSON Lines FAQ files read with the FAQ import's readers, plus the category the import does not keep.</summary>
public sealed class FaqFileExtractorTests
{
    [Fact]
    public async Task Csv_rows_become_faq_entries_with_similar_questions_and_category()
    {
        const string Csv = "id,question,answer,similar_questions,category\r\n"
            + "r1,怎么退货,在订单页申请退货。,\"如何退货|退货流程\",售后\r\n"
            + ",发票怎么开,\"下单时选择\n电子发票。\",,\r\n";

        var document = await TestDocuments.ExtractAsync(new CsvFaqExtractor(), Csv, "faq.csv");

        Assert.Equal(2, document.Faqs.Count);
        var returns = document.Faqs[0];
        Assert.Equal(("r1", "怎么退货", "在订单页申请退货。", "售后"), (returns.Id, returns.Question, returns.Answer, returns.Category));
        Assert.Equal(["如何退货", "退货流程"], document.Faqs[0].SimilarQuestions);
        Assert.StartsWith("faq-", document.Faqs[1].Id, StringComparison.Ordinal); // the import's id derived from the question
        Assert.Equal(("下单时选择\n电子发票。", null), (document.Faqs[1].Answer, document.Faqs[1].Category));
    }

    [Fact]
    public async Task Csv_with_the_wrong_header_gives_the_import_parsers_message()
    {
        const string Csv = "question,reply,similar_questions\n怎么退货,在订单页申请,\n";
        var expected = Assert.Throws<FaqFileException>(() => FaqFileParser.Parse(Encoding.UTF8.GetBytes(Csv), FaqFileFormat.Csv));

        var error = await Assert.ThrowsAsync<DocumentFormatException>(() => TestDocuments.ExtractAsync(new CsvFaqExtractor(), Csv, "faq.csv"));

        Assert.Contains(expected.Message, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing: answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lines_in_the_datasets_layout_become_faq_entries()
    {
        const string Jsonl = "{\"id\":\"a\",\"intent\":\"return_how\",\"questions\":[\"怎么退货\",\"如何退货\"],\"answer\":\"在订单页申请\",\"category\":\"售后\"}\n"
            + "\n{\"id\":\"b\",\"questions\":[\"发票\"],\"answer\":\"电子发票\"}\n";

        var document = await TestDocuments.ExtractAsync(new JsonLinesFaqExtractor(), Jsonl, "kb.jsonl");

        Assert.Equal(2, document.Faqs.Count);
        Assert.Equal(("a", "怎么退货", "在订单页申请", "售后"), (document.Faqs[0].Id, document.Faqs[0].Question, document.Faqs[0].Answer, document.Faqs[0].Category));
        Assert.Equal(["如何退货"], document.Faqs[0].SimilarQuestions);
        Assert.Equal(("b", null), (document.Faqs[1].Id, document.Faqs[1].Category));
    }

    [Fact]
    public async Task A_broken_json_line_and_a_repeated_id_are_named_by_line()
    {
        const string Jsonl = "{\"id\":\"a\",\"questions\":[\"q\"],\"answer\":\"x\"}\n{\"id\":\"b\",\"questions\":[\"q\"\n{\"id\":\"a\",\"questions\":[\"r\"],\"answer\":\"y\"}";

        var error = await Assert.ThrowsAsync<DocumentFormatException>(() => TestDocuments.ExtractAsync(new JsonLinesFaqExtractor(), Jsonl, "kb.ndjson"));

        Assert.Contains("line 2: not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3, field 'id': 'a' is also on line 1", error.Message, StringComparison.Ordinal);
    }
}
