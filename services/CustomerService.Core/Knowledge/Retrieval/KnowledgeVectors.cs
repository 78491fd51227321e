using CustomerService.Abstractions.Knowledge;
using Microsoft.Extensions.AI;

namespace CustomerService.Core.Knowledge.Retrieval;

/// <summary>
/// The knowledge base's side of the vector index: one point per passage and one per FAQ question (so a
/// unit scores as its best question), in a collection named after the embedding's size.
/// </summary>
public sealed class KnowledgeVectors(IVectorIndex index, IEmbeddingGenerator<string, Embedding<float>> embeddings)
{
    private string? _collection;

    public async Task<IReadOnlyList<VectorPoint>> EmbedAsync(IReadOnlyList<KnowledgeChunk> chunks, DocumentMetadata metadata, CancellationToken cancellationToken)
    {
        var texts = chunks.SelectMany(c => c.Questions.Count > 0
            ? c.Questions.Select((q, i) => (Id: $"{c.Id}#q{i}", Chunk: c, Text: q))
            : [(Id: c.Id, Chunk: c, Text: c.Text)]).ToList();
        if (texts.Count == 0) return [];

        var vectors = await embeddings.GenerateAsync(texts.Select(t => t.Text), cancellationToken: cancellationToken);
        return [.. texts.Select((t, i) => new VectorPoint(t.Id, vectors[i].Vector, new VectorPayload(
            t.Chunk.DocumentId, t.Chunk.Id, metadata.Category, metadata.Language, metadata.Tags, metadata.ValidFrom, metadata.ValidTo)))];
    }

    /// <summary>Swaps a document's points: the old ones go, the new ones come.</summary>
    public async Task ReplaceDocumentAsync(string documentId, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken)
    {
        var collection = await CollectionAsync(cancellationToken);
        await index.DeleteAsync(collection, new VectorFilter(DocumentId: documentId), cancellationToken);
        if (points.Count > 0)
        {
            await index.UpsertAsync(collection, points, cancellationToken);
        }
    }

    public async Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken) =>
        await index.DeleteAsync(await CollectionAsync(cancellationToken), new VectorFilter(DocumentId: documentId), cancellationToken);

    public async Task<IReadOnlyList<VectorHit>> SearchAsync(string query, int top, VectorFilter? filter, CancellationToken cancellationToken)
    {
        var collection = await CollectionAsync(cancellationToken);
        var vector = await embeddings.GenerateVectorAsync(query, cancellationToken: cancellationToken);
        return await index.SearchAsync(collection, vector, top, filter, cancellationToken: cancellationToken);
    }

    private async Task<string> CollectionAsync(CancellationToken cancellationToken)
    {
        if (_collection is { } known) return known;
        // Named by model and size, taken from the generator itself: switching models never mixes vector spaces.
        var probe = await embeddings.GenerateVectorAsync("dimensions", cancellationToken: cancellationToken);
        var model = embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "unknown";
        var name = $"knowledge-{new string([.. model.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')])}-{probe.Length}";
        await index.EnsureCollectionAsync(name, probe.Length, cancellationToken);
        return _collection = name;
    }
}
