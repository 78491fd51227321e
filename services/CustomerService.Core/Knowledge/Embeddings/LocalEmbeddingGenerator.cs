using Microsoft.Extensions.AI;

namespace CustomerService.Core.Knowledge.Embeddings;

/// <summary>
/// Embeddings without a model, weights or network: signed feature hashing of the text's words,
/// character 3-grams and CJK character unigrams/bigrams (<see cref="HashedTextFeatures"/>), each
/// weighted (1 + ln tf) × its family weight, then L2-normalised. Deterministic across processes and
/// machines, multilingual, and tolerant of typos; it matches wording, not meaning, so paraphrases
/// with no shared words stay apart. An empty text gives the zero vector.
/// </summary>
public sealed class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "local-hashed";

    /// <summary>Changes whenever the features or weights change, so stored vectors can be recognised as stale.</summary>
    public const string ModelId = "hashed-ngrams-v1";

    private readonly int _dimensions;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public LocalEmbeddingGenerator(int dimensions = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        _dimensions = dimensions;
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, defaultModelId: ModelId, defaultModelDimensions: dimensions);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dimensions = options?.Dimensions ?? _dimensions;
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1, "options.Dimensions");
        GeneratedEmbeddings<Embedding<float>> embeddings = [];
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.Add(new Embedding<float>(Embed(value ?? throw new ArgumentException("A text to embed is null.", nameof(values)), dimensions))
            {
                ModelId = ModelId,
            });
        }

        return Task.FromResult(embeddings);
    }

    /// <summary>The embedding of one text.</summary>
    internal static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (var (hash, (family, count)) in HashedTextFeatures.Count(text))
        {
            var mixed = Mix(hash);
            var bucket = (int)((mixed & long.MaxValue) % (ulong)dimensions);
            var weight = HashedTextFeatures.Weight(family) * (1 + MathF.Log(count));
            vector[bucket] += (mixed >> 63) == 0 ? weight : -weight;
        }

        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        for (var i = 0; norm > 0 && i < vector.Length; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }

    // The MurmurHash3 finaliser: spreads FNV's weak low bits before the bucket and sign are taken.
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        return h ^ (h >> 33);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }
}
