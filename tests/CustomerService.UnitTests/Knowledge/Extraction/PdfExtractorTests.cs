using System.Text;
using CustomerService.Core.Knowledge.Extraction;

namespace CustomerService.UnitTests.Knowledge.Extraction;

/// <summary>PDF through the installed pdftotext (poppler-utils), on PDFs written byte by byte in the test.</summary>
public sealed class PdfExtractorTests
{
    [Fact]
    public async Task Each_page_with_text_is_a_section_headed_by_its_page_number()
    {
        var document = await TestDocuments.ExtractAsync(new PdfExtractor(), TestDocuments.Pdf("Returns within seven days.", "", "Delivery takes two days."), "policy.pdf");

        Assert.Null(document.Title);
        Assert.Equal([["p. 1"], ["p. 3"]], document.Sections.Select(s => s.HeadingPath.ToArray()));
        Assert.Equal("Returns within seven days.", document.Sections[0].Text);
        Assert.Equal("Delivery takes two days.", document.Sections[1].Text);
        TextExtractorTests.AssertOffsets(document);
    }

    [Fact]
    public async Task A_pdf_without_text_is_refused_as_probably_scanned()
    {
        var error = await Assert.ThrowsAsync<DocumentFormatException>(() => TestDocuments.ExtractAsync(new PdfExtractor(), TestDocuments.Pdf(""), "scan.pdf"));

        Assert.Contains("no extractable text (scanned images?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_pdf_is_refused_with_what_pdftotext_said()
    {
        var error = await Assert.ThrowsAsync<DocumentFormatException>(
            () => TestDocuments.ExtractAsync(new PdfExtractor(), Encoding.ASCII.GetBytes("%PDF-1.4 the rest is missing\n"), "broken.pdf"));

        Assert.Contains("'broken.pdf' is not a readable PDF (pdftotext:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_the_pdf_header_is_not_a_pdf()
    {
        var error = await Assert.ThrowsAsync<DocumentFormatException>(() => TestDocuments.ExtractAsync(new PdfExtractor(), TestDocuments.RandomBytes(512), "fake.pdf"));

        Assert.Contains("is not a PDF file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_pdftotext_makes_pdf_unsupported()
    {
        var extractor = new PdfExtractor(new PdfToText("/nonexistent/bin/pdftotext", TimeSpan.FromSeconds(60)));

        var error = await Assert.ThrowsAsync<UnsupportedDocumentException>(() => TestDocuments.ExtractAsync(extractor, TestDocuments.Pdf("Hello"), "policy.pdf"));

        Assert.Equal("PDF text extraction needs poppler-utils (pdftotext), which is not installed", error.Message);
    }
}
