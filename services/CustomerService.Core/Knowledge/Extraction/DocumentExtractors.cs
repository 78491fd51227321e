namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>Picks the extractor for a file by its extension.</summary>
public sealed class DocumentExtractors
{
    private readonly Dictionary<string, IDocumentExtractor> _byExtension = new(StringComparer.OrdinalIgnoreCase);

    public DocumentExtractors(IEnumerable<IDocumentExtractor> extractors)
    {
        foreach (var extractor in extractors)
        {
            foreach (var extension in extractor.Extensions)
            {
                // Two extractors for one type is a wiring mistake; failing here beats one silently shadowing the other.
                if (!_byExtension.TryAdd(extension, extractor))
                {
                    throw new ArgumentException(
                        $"Both {_byExtension[extension].GetType().Name} and {extractor.GetType().Name} read '{extension}' files.", nameof(extractors));
                }
            }
        }

        SupportedExtensions = [.. _byExtension.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every extension an extractor reads, sorted.</summary>
    public IReadOnlyList<string> SupportedExtensions { get; }

    public Task<ExtractedDocument> ExtractAsync(Stream content, string fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var extension = Path.GetExtension(fileName);
        if (string.IsNullOrEmpty(extension) || !_byExtension.TryGetValue(extension, out var extractor))
        {
            var kind = string.IsNullOrEmpty(extension) ? "files without an extension" : $"'{extension}' files";
            throw new UnsupportedDocumentException(
                $"'{fileName}' cannot be imported: {kind} are not supported. Supported file types: {string.Join(", ", SupportedExtensions)}.");
        }

        return extractor.ExtractAsync(content, fileName, ct);
    }
}
