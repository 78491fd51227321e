using CustomerService.AI.Embeddings;
using CustomerService.Core.Knowledge.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CustomerService.UnitTests.AI;

/// <summary>One generator, chosen by <c>Embeddings:Provider</c>; a bad setting stops start-up naming its key.</summary>
public sealed class AddEmbeddingsTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEmbeddings(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public void Local_is_the_default()
    {
        using var host = Build([]);

        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.IsType<LocalEmbeddingGenerator>(generator);
        Assert.Equal(256, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
        Assert.Single(host.Services.GetServices<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public void OpenAI_is_chosen_by_the_provider_setting()
    {
        using var host = Build(new()
        {
            ["Embeddings:Provider"] = "openai", ["Embeddings:Endpoint"] = "http://127.0.0.1:9/v1", ["Embeddings:ApiKey"] = "sk-secret",
            ["Embeddings:Model"] = "text-embedding-3-small", ["Embeddings:Dimensions"] = "512",
        });

        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.IsType<OpenAIEmbeddingGenerator>(generator);
        Assert.Equal(512, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }

    [Fact]
    public async Task An_unknown_provider_fails_start_up_naming_the_key()
    {
        using var host = Build(new() { ["Embeddings:Provider"] = "Word2Vec" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Embeddings:Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAI_without_endpoint_model_or_key_fails_start_up_naming_each()
    {
        using var host = Build(new() { ["Embeddings:Provider"] = "OpenAI" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Embeddings:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("Embeddings:Model", error.Message, StringComparison.Ordinal);
        Assert.Contains("Embeddings:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_api_key_never_appears_in_messages()
    {
        var options = new EmbeddingOptions { Provider = "OpenAI", ApiKey = "sk-secret", Dimensions = 1, Endpoint = "not a url" };

        var result = new EmbeddingOptionsValidator().Validate(null, options);

        Assert.Contains("Embeddings:Dimensions", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", options.ToString(), StringComparison.Ordinal);
    }
}
