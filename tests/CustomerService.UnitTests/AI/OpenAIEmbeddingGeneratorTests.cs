using CustomerService.AI.Embeddings;
using CustomerService.Core.Knowledge.Embeddings;
using Microsoft.Extensions.AI;

namespace CustomerService.UnitTests.AI;

/// <summary>The OpenAI adapter against a fake OpenAI-compatible server on loopback; no network.</summary>
public sealed class OpenAIEmbeddingGeneratorTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private OpenAIEmbeddingGenerator Generator(string model = "text-embedding-3-small", int dimensions = 4, int batch = 64, bool? sendDimensions = null) =>
        new(new EmbeddingOptions
        {
            Provider = "OpenAI", Endpoint = _server.Endpoint.ToString(), ApiKey = "sk-test-123", Model = model,
            Dimensions = dimensions, MaxBatchSize = batch, SendDimensions = sendDimensions,
        });

    [Fact]
    public async Task Sends_model_input_dimensions_and_the_key_and_returns_the_vectors_in_input_order()
    {
        using var generator = Generator();

        var embeddings = await generator.GenerateAsync(["怎么退货", "refund please"]);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer sk-test-123", request.Authorization);
        Assert.Equal("text-embedding-3-small", request.Body["model"]!.GetValue<string>());
        Assert.Equal(["怎么退货", "refund please"], request.Body["input"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(4, request.Body["dimensions"]!.GetValue<int>());
        Assert.Equal([4f, 1, 0, -1], embeddings[0].Vector.ToArray());
        Assert.Equal([13f, 1, 0, -1], embeddings[1].Vector.ToArray());
        Assert.Equal("text-embedding-3-small", embeddings[0].ModelId);
        Assert.Equal(6, embeddings.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task Float_arrays_are_accepted_from_servers_that_ignore_base64()
    {
        _server.IgnoreEncodingFormat = true;
        using var generator = Generator();

        var embeddings = await generator.GenerateAsync(["退货"]);

        Assert.Equal([2f, 1, 0, -1], Assert.Single(embeddings).Vector.ToArray());
    }

    [Fact]
    public async Task Large_inputs_are_sent_in_batches()
    {
        using var generator = Generator(batch: 2);

        var embeddings = await generator.GenerateAsync(["a", "bb", "ccc", "dddd", "eeeee"]);

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal([1f, 2, 3, 4, 5], embeddings.Select(e => e.Vector.Span[0]));
        Assert.Equal(15, embeddings.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task Dimensions_are_not_sent_to_a_model_that_cannot_shorten_its_vectors()
    {
        using var generator = Generator(model: "bge-m3");

        await generator.GenerateAsync(["退货"]);

        Assert.Null(Assert.Single(_server.Requests).Body["dimensions"]);
    }

    [Fact]
    public async Task A_vector_of_another_length_fails_naming_the_setting()
    {
        _server.Embed = (_, _) => new float[1024];
        using var generator = Generator(model: "bge-m3", dimensions: 256);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => generator.GenerateAsync(["退货"]));

        Assert.Contains("Embeddings:Dimensions", error.Message, StringComparison.Ordinal);
        Assert.Contains("1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_request_is_made_for_no_input()
    {
        using var generator = Generator();

        Assert.Empty(await generator.GenerateAsync([]));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void Metadata_names_the_endpoint_and_model()
    {
        using var generator = Generator();

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;

        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal("text-embedding-3-small", metadata.DefaultModelId);
        Assert.Equal(4, metadata.DefaultModelDimensions);
        Assert.Equal(_server.Endpoint, metadata.ProviderUri);
    }
}
