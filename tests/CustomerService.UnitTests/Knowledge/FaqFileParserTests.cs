using System.Text;
using CustomerService.Core.Knowledge.Import;

namespace CustomerService.UnitTests.Knowledge;

public sealed class FaqFileParserTests
{
    private static IReadOnlyList<CustomerService.Abstractions.Knowledge.FaqEntry> Parse(string text, FaqFileFormat format) =>
        FaqFileParser.Parse(Encoding.UTF8.GetBytes(text), format);

    private static FaqFileException Reject(string text, FaqFileFormat format) =>
        Assert.Throws<FaqFileException>(() => Parse(text, format));

    [Fact]
    public void Json_lines_in_the_datasets_layout_are_read()
    {
        var entries = Parse(
            "\uFEFF{\"id\":\"a\",\"intent\":\"return_how\",\"questions\":[\"怎么退货\",\" 退货 \"],\"answer\":\"在订单页申请\"}\r\n\n" +
            "{\"id\":\"b\",\"questions\":[\"发票\"],\"answer\":\"电子发票\"}\n", FaqFileFormat.JsonLines);

        Assert.Equal(2, entries.Count);
        Assert.Equal(["怎么退货", "退货"], entries[0].Questions);
        Assert.Equal("return_how", entries[0].Intent);
        Assert.Equal("b", entries[1].Intent); // intent defaults to the id
    }

    [Fact]
    public void A_broken_json_line_is_named()
    {
        var error = Reject("{\"id\":\"a\",\"questions\":[\"q\"],\"answer\":\"x\"}\n{\"id\":\"b\",\"questions\":[\"q\"\n", FaqFileFormat.JsonLines);

        var only = Assert.Single(error.Errors);
        Assert.Equal(2, only.Line);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":\"a\",\"answer\":\"x\"}", "questions")]
    [InlineData("{\"id\":\"a\",\"questions\":[],\"answer\":\"x\"}", "questions")]
    [InlineData("{\"id\":\"a\",\"questions\":[1],\"answer\":\"x\"}", "questions")]
    [InlineData("{\"id\":\"a\",\"questions\":[\"q\"]}", "answer")]
    [InlineData("{\"questions\":[\"q\"],\"answer\":\"x\"}", "id")]
    [InlineData("{\"id\":7,\"questions\":[\"q\"],\"answer\":\"x\"}", "id")]
    public void A_missing_or_mistyped_field_is_named_with_its_line(string line, string field)
    {
        var error = Reject("{\"id\":\"ok\",\"questions\":[\"q\"],\"answer\":\"x\"}\n" + line, FaqFileFormat.JsonLines);

        Assert.Contains(error.Errors, e => e.Line == 2 && e.Field == field);
    }

    [Fact]
    public void A_duplicate_id_names_both_lines()
    {
        var error = Reject("{\"id\":\"a\",\"questions\":[\"q\"],\"answer\":\"x\"}\n{\"id\":\"a\",\"questions\":[\"r\"],\"answer\":\"y\"}", FaqFileFormat.JsonLines);

        Assert.Contains("line 2, field 'id': 'a' is also on line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_rejected() => Assert.Contains("no FAQ entries", Reject("\n\n", FaqFileFormat.JsonLines).Message, StringComparison.Ordinal);

    [Fact]
    public void Csv_with_quotes_commas_line_breaks_and_similar_questions_is_read()
    {
        var entries = Parse(
            "question,answer,similar_questions,id\r\n" +
            "怎么退货,\"7天无理由，\"\"原路\"\"退回\",我想退货|退货流程,return.zh\r\n" +
            "\"How do I get an invoice?\",\"Line one,\nline two\",\"invoice\nreceipt\",\r\n", FaqFileFormat.Csv);

        Assert.Equal(2, entries.Count);
        Assert.Equal("return.zh", entries[0].Id);
        Assert.Equal("7天无理由，\"原路\"退回", entries[0].Answer);
        Assert.Equal(["怎么退货", "我想退货", "退货流程"], entries[0].Questions);
        Assert.Equal("Line one,\nline two", entries[1].Answer);
        Assert.Equal(["How do I get an invoice?", "invoice", "receipt"], entries[1].Questions);
    }

    [Fact]
    public void A_csv_row_without_an_id_gets_a_stable_one_from_its_question()
    {
        const string csv = "question,answer,similar_questions\n怎么退货,在订单页申请,\n";

        var first = Parse(csv, FaqFileFormat.Csv)[0];
        var again = Parse(csv.Replace("在订单页申请", "新答案", StringComparison.Ordinal), FaqFileFormat.Csv)[0];

        Assert.StartsWith("faq-", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, again.Id); // so a re-import replaces it
    }

    [Fact]
    public void A_csv_without_the_required_header_says_which_columns_are_missing()
    {
        var error = Reject("q,answer\n怎么退货,在订单页申请\n", FaqFileFormat.Csv);

        Assert.Contains("missing: question, similar_questions", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Errors[0].Line);
    }

    [Fact]
    public void A_csv_row_with_the_wrong_number_of_fields_is_named()
    {
        var error = Reject("question,answer,similar_questions\na,b,c\nd,e\n", FaqFileFormat.Csv);

        Assert.Equal(3, Assert.Single(error.Errors).Line);
    }

    [Fact]
    public void A_csv_quote_that_never_closes_is_named()
    {
        var error = Reject("question,answer,similar_questions\na,b,c\n\"d,e,f\n", FaqFileFormat.Csv);

        Assert.Contains(error.Errors, e => e.Line == 3 && e.Message.Contains("never closed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_rejected_with_advice()
    {
        var gbkLike = new byte[] { (byte)'q', (byte)'u', (byte)'e', (byte)'s', (byte)'t', (byte)'i', (byte)'o', (byte)'n', (byte)'\n', 0xCD, 0xCB, 0xBB, 0xF5 };

        var error = Assert.Throws<FaqFileException>(() => FaqFileParser.Parse(gbkLike, FaqFileFormat.Csv));

        Assert.Equal(2, error.Errors[0].Line);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-shop-faq.jsonl", FaqFileFormat.JsonLines)]
    [InlineData("demo-shop-extra.csv", FaqFileFormat.Csv)]
    public void The_shipped_demo_knowledge_parses(string file, FaqFileFormat format)
    {
        var entries = FaqFileParser.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Seed", file)), format);

        Assert.True(entries.Count >= 6);
        Assert.All(entries, e => Assert.NotEmpty(e.Questions));
        Assert.Contains(entries, e => e.Id.EndsWith(".zh", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Id.EndsWith(".en", StringComparison.Ordinal));
    }
}
