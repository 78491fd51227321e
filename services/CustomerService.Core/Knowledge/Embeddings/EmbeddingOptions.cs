using Microsoft.Extensions.Options;

namespace CustomerService.Core.Knowledge.Embeddings;

/// <summary>Which embedding generator turns text into vectors (section <c>Embeddings</c>).</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embeddings";

    public const string LocalProvider = "Local";

    public const string OpenAIProvider = "OpenAI";

    /// <summary><c>Local</c> (feature hashing in-process, the default) or <c>OpenAI</c> (any OpenAI-compatible endpoint).</summary>
    public string Provider { get; set; } = LocalProvider;

    /// <summary>Length of every vector produced; a vector collection is created with this many dimensions.</summary>
    public int Dimensions { get; set; } = 256;

    /// <summary>OpenAI only: base URL including the version path, e.g. <c>https://api.openai.com/v1</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>OpenAI only: sent as a bearer token; never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>OpenAI only: the embedding model, e.g. <c>text-embedding-3-small</c>.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// OpenAI only: whether to ask the model for <see cref="Dimensions"/> (the <c>dimensions</c> request field).
    /// Unset means yes for models known to shorten their vectors (text-embedding-3-*, text-embedding-v3/v4);
    /// otherwise set <see cref="Dimensions"/> to the model's native size.
    /// </summary>
    public bool? SendDimensions { get; set; }

    /// <summary>OpenAI only: inputs per request (some compatible services accept no more than 10).</summary>
    public int MaxBatchSize { get; set; } = 64;

    public bool IsOpenAI => string.Equals(Provider, OpenAIProvider, StringComparison.OrdinalIgnoreCase);

    public bool IsLocal => string.Equals(Provider, LocalProvider, StringComparison.OrdinalIgnoreCase);

    public override string ToString() =>
        $"Provider={Provider}, Dimensions={Dimensions}, Endpoint={Endpoint}, Model={Model}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}";
}

public sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> errors = [];
        if (!options.IsLocal && !options.IsOpenAI)
        {
            errors.Add($"Embeddings:Provider '{options.Provider}' is not supported; use '{EmbeddingOptions.LocalProvider}' or '{EmbeddingOptions.OpenAIProvider}'.");
        }

        if (options.Dimensions is < 8 or > 16384)
        {
            errors.Add($"Embeddings:Dimensions must be between 8 and 16384 (was {options.Dimensions}).");
        }

        if (options.IsOpenAI)
        {
            if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                errors.Add("Embeddings:Endpoint must be the absolute http(s) URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1.");
            }

            if (string.IsNullOrWhiteSpace(options.Model))
            {
                errors.Add("Embeddings:Model must name the embedding model for the OpenAI provider.");
            }

            if (string.IsNullOrWhiteSpace(options.ApiKey))
            {
                errors.Add("Embeddings:ApiKey is required for the OpenAI provider (user secrets or the Embeddings__ApiKey environment variable).");
            }

            if (options.MaxBatchSize is < 1 or > 2048)
            {
                errors.Add($"Embeddings:MaxBatchSize must be between 1 and 2048 (was {options.MaxBatchSize}).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
