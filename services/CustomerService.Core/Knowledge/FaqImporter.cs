using System.Security.Cryptography;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Import;
using CustomerService.Core.Knowledge.Retrieval;

namespace CustomerService.Core.Knowledge;

/// <summary>Parses a whole FAQ file, stores it in one transaction, then brings the catalog, vectors and index up to date.</summary>
public sealed class FaqImporter(IFaqStore store, FaqCatalog catalog, KnowledgeVectors vectors, KnowledgeIndex index)
{
    /// <exception cref="FaqFileException">The file is malformed; nothing was imported.</exception>
    public async Task<FaqImportResult> ImportAsync(ReadOnlyMemory<byte> content, FaqFileFormat format, string source, CancellationToken cancellationToken)
    {
        var entries = FaqFileParser.Parse(content.Span, format);
        var result = await store.UpsertAsync(entries, source, ContentHash(content.Span), cancellationToken);
        await SyncAsync(entries, cancellationToken);
        return result;
    }

    /// <summary>Makes the derived indexes match the store for these entries (all of them at start-up).</summary>
    public async Task SyncAsync(IReadOnlyList<FaqEntry> entries, CancellationToken cancellationToken)
    {
        await catalog.ReloadAsync(cancellationToken);
        foreach (var entry in entries)
        {
            var unit = KnowledgeUnit.FromFaq(entry);
            await vectors.ReplaceDocumentAsync(unit.DocumentId, await vectors.EmbedAsync([KnowledgeUnit.ChunkOf(entry)], unit.Metadata, cancellationToken),
                cancellationToken);
        }

        await index.RebuildAsync(cancellationToken);
    }

    public static string ContentHash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
