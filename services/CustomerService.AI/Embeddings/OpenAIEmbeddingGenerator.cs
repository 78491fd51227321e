using System.ClientModel;
using CustomerService.Core.Knowledge.Embeddings;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;

namespace CustomerService.AI.Embeddings;

/// <summary>
/// Embeddings from any OpenAI-compatible <c>/embeddings</c> endpoint (OpenAI, Azure OpenAI's v1 API,
/// DashScope, vLLM, Ollama …) over the OpenAI SDK's <see cref="EmbeddingClient"/>. Inputs are sent in
/// batches of <see cref="EmbeddingOptions.MaxBatchSize"/>; every vector must have the configured length.
/// </summary>
internal sealed class OpenAIEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    // Models that accept the "dimensions" field and return shortened vectors.
    private static readonly string[] ShortenableModels = ["text-embedding-3", "text-embedding-v3", "text-embedding-v4"];

    private readonly EmbeddingClient _client;
    private readonly EmbeddingOptions _options;
    private readonly bool _sendDimensions;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OpenAIEmbeddingGenerator(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey);
        var endpoint = new Uri(options.Endpoint ?? throw new ArgumentException("Embeddings:Endpoint is required.", nameof(options)));
        _options = options;
        _client = new EmbeddingClient(options.Model, new ApiKeyCredential(options.ApiKey), new OpenAIClientOptions { Endpoint = endpoint });
        _sendDimensions = options.SendDimensions ?? ShortenableModels.Any(m => options.Model.StartsWith(m, StringComparison.OrdinalIgnoreCase));
        _metadata = new EmbeddingGeneratorMetadata("openai", endpoint, options.Model, options.Dimensions);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToList();
        var dimensions = options?.Dimensions ?? _options.Dimensions;
        var request = new OpenAI.Embeddings.EmbeddingGenerationOptions { Dimensions = _sendDimensions ? dimensions : null };
        GeneratedEmbeddings<Embedding<float>> embeddings = new(inputs.Count) { Usage = new UsageDetails { InputTokenCount = 0, TotalTokenCount = 0 } };
        foreach (var batch in inputs.Chunk(_options.MaxBatchSize))
        {
            ClientResult<OpenAIEmbeddingCollection> response = await _client.GenerateEmbeddingsAsync(batch, request, cancellationToken);
            var generated = response.Value;
            if (generated.Count != batch.Length)
            {
                throw new InvalidOperationException($"The embedding endpoint returned {generated.Count} vectors for {batch.Length} inputs (model '{_options.Model}').");
            }

            foreach (var embedding in generated.OrderBy(e => e.Index))
            {
                var vector = embedding.ToFloats();
                if (vector.Length != dimensions)
                {
                    throw new InvalidOperationException(
                        $"Model '{_options.Model}' returned {vector.Length} dimensions, not the {dimensions} configured in Embeddings:Dimensions; " +
                        "set Embeddings:Dimensions to the model's size, or Embeddings:SendDimensions to true if the model can shorten its vectors.");
                }

                embeddings.Add(new Embedding<float>(vector) { ModelId = generated.Model ?? _options.Model });
            }

            embeddings.Usage.InputTokenCount += generated.Usage?.InputTokenCount ?? 0;
            embeddings.Usage.TotalTokenCount += generated.Usage?.TotalTokenCount ?? 0;
        }

        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType == typeof(EmbeddingClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }
}
