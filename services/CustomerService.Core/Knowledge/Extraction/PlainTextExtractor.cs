namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>Plain text: one section without headings; paragraphs (blank-line separated) are kept for the chunker.</summary>
internal sealed class PlainTextExtractor : IDocumentExtractor
{
    public IReadOnlyList<string> Extensions { get; } = [".txt"];

    public async Task<ExtractedDocument> ExtractAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var writer = new SectionWriter();
        writer.Block(await DocumentContent.ReadTextAsync(content, fileName, cancellationToken));
        return new ExtractedDocument(null, writer.Sections(), []);
    }
}
