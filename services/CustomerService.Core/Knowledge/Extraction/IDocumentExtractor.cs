namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>Reads one family of file types into sections and FAQ entries; bad content throws <see cref="DocumentFormatException"/>.</summary>
public interface IDocumentExtractor
{
    /// <summary>The file extensions this extractor reads, lower-case with the dot, e.g. <c>.md</c>, <c>.markdown</c>.</summary>
    IReadOnlyList<string> Extensions { get; }

    Task<ExtractedDocument> ExtractAsync(Stream content, string fileName, CancellationToken cancellationToken);
}
