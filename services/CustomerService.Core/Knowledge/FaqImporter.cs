using System.Security.Cryptography;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Import;

namespace CustomerService.Core.Knowledge;

/// <summary>Parses a whole FAQ file, stores it in one transaction and refreshes the catalog.</summary>
public sealed class FaqImporter(IFaqStore store, FaqCatalog catalog)
{
    /// <exception cref="FaqFileException">The file is malformed; nothing was imported.</exception>
    public async Task<FaqImportResult> ImportAsync(ReadOnlyMemory<byte> content, FaqFileFormat format, string source, CancellationToken cancellationToken)
    {
        var entries = FaqFileParser.Parse(content.Span, format);
        var result = await store.UpsertAsync(entries, source, ContentHash(content.Span), cancellationToken);
        await catalog.ReloadAsync(cancellationToken);
        return result;
    }

    public static string ContentHash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
