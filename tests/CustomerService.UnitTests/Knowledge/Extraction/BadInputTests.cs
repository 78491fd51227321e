using System.Text;
using CustomerService.Core.Knowledge.Extraction;

namespace CustomerService.UnitTests.Knowledge.Extraction;

/// <summary>Every bad upload is refused with the right exception and a message that names the problem.</summary>
public sealed class BadInputTests
{
    private static readonly DocumentExtractors Extractors = TestDocuments.All();

    private static async Task<TException> RejectAsync<TException>(byte[] content, string fileName)
        where TException : Exception
    {
        using var stream = new MemoryStream(content);
        return await Assert.ThrowsAsync<TException>(() => Extractors.ExtractAsync(stream, fileName, CancellationToken.None));
    }

    [Theory]
    [InlineData("notes.md")]
    [InlineData("notes.txt")]
    [InlineData("page.html")]
    [InlineData("policy.docx")]
    [InlineData("faq.xlsx")]
    [InlineData("faq.csv")]
    [InlineData("kb.jsonl")]
    [InlineData("manual.pdf")]
    public async Task An_empty_file_is_refused(string fileName)
    {
        var error = await RejectAsync<DocumentFormatException>([], fileName);

        Assert.Equal($"'{fileName}': the file is empty", error.Message);
    }

    [Fact]
    public async Task A_corrupt_docx_is_not_a_valid_word_document()
    {
        var error = await RejectAsync<DocumentFormatException>(TestDocuments.RandomBytes(2048), "policy.docx");

        Assert.Contains("'policy.docx' is not a valid Word document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workbook_renamed_to_docx_is_not_a_valid_word_document()
    {
        var workbook = TestDocuments.Xlsx(("FAQ", [["question", "answer"], ["q", "a"]]));

        var error = await RejectAsync<DocumentFormatException>(workbook, "policy.docx");

        Assert.Contains("is not a valid Word document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_xlsx_is_not_a_valid_excel_workbook()
    {
        var error = await RejectAsync<DocumentFormatException>(TestDocuments.RandomBytes(2048), "faq.xlsx");

        Assert.Contains("'faq.xlsx' is not a valid Excel workbook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_xlsx_without_the_answer_column_names_the_sheet_and_the_column()
    {
        var workbook = TestDocuments.Xlsx(("常见问题", [["question", "similar_questions"], ["怎么退货", "如何退货"]]));

        var error = await RejectAsync<DocumentFormatException>(workbook, "faq.xlsx");

        Assert.Contains("sheet '常见问题'", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing: answer (答案)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binary_file_named_md_is_not_a_text_file()
    {
        var error = await RejectAsync<DocumentFormatException>(TestDocuments.RandomBytes(1024), "notes.md");

        Assert.Equal("'notes.md' is not a text file (it contains binary data)", error.Message);
    }

    [Fact]
    public async Task Text_in_another_encoding_is_told_to_be_saved_as_utf8()
    {
        var gbk = new byte[] { 0xCD, 0xCB, 0xBB, 0xF5, 0x0A }; // 退货 in GBK

        var error = await RejectAsync<DocumentFormatException>([.. Encoding.ASCII.GetBytes("question,answer,similar_questions\n"), .. gbk], "faq.csv");

        Assert.Contains("is not UTF-8 text (line 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_with_the_wrong_header_names_the_missing_column()
    {
        var error = await RejectAsync<DocumentFormatException>(Encoding.UTF8.GetBytes("q,answer,similar_questions\nx,y,\n"), "faq.csv");

        Assert.Contains("line 1: the CSV header must name the columns question, answer, similar_questions; missing: question", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("setup.exe", "'.exe' files are not supported")]
    [InlineData("README", "files without an extension are not supported")]
    public async Task An_unsupported_type_names_the_supported_ones(string fileName, string problem)
    {
        var error = await RejectAsync<UnsupportedDocumentException>([1, 2, 3], fileName);

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(".csv, .docx, .htm, .html, .jsonl, .markdown, .md, .ndjson, .pdf, .txt, .xlsx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extensions_are_matched_without_regard_to_case()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("# Title\n\nText."));

        var document = await Extractors.ExtractAsync(stream, "NOTES.MD", CancellationToken.None);

        Assert.Equal("Title", document.Title);
    }
}
