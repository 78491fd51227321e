using CustomerService.Core.Knowledge.Embeddings;
using Microsoft.Extensions.AI;

namespace CustomerService.UnitTests.Knowledge.Embeddings;

public sealed class LocalEmbeddingGeneratorTests
{
    private static readonly LocalEmbeddingGenerator Generator = new();

    private static async Task<float[]> EmbedAsync(string text, IEmbeddingGenerator<string, Embedding<float>>? generator = null) =>
        (await (generator ?? Generator).GenerateVectorAsync(text)).ToArray();

    private static async Task<float> CosineAsync(string left, string right)
    {
        var (a, b) = (await EmbedAsync(left), await EmbedAsync(right));
        return a.Zip(b, (x, y) => x * y).Sum(); // both have unit length
    }

    [Fact]
    public async Task The_same_text_gives_the_same_vector_in_every_instance()
    {
        using var other = new LocalEmbeddingGenerator();

        Assert.Equal(await EmbedAsync("How do I return an item? 怎么退货"), await EmbedAsync("How do I return an item? 怎么退货", other));
    }

    [Fact]
    public async Task Vectors_are_pinned_so_stored_embeddings_stay_valid_across_processes()
    {
        // string.GetHashCode is randomised per process; the feature hash must not be.
        var vector = await EmbedAsync("refund");

        Assert.Equal(0xD113BD1867867955UL, HashedTextFeatures.Hash(HashedTextFeatures.Family.Word, "a")); // FNV-1a 64
        Assert.Equal(7, vector.Count(x => x != 0)); // one word + its six 3-grams "<re" … "nd>", no collisions
    }

    [Theory]
    [InlineData("How do I return an item?")]
    [InlineData("怎么退货")]
    [InlineData("退货 refund 2 weeks")]
    public async Task Vectors_have_unit_length(string text)
    {
        var vector = await EmbedAsync(text);

        Assert.Equal(256, vector.Length);
        Assert.Equal(1f, MathF.Sqrt(vector.Sum(x => x * x)), 1e-5f);
        Assert.Equal(1f, await CosineAsync(text, text), 1e-5f);
    }

    [Fact]
    public async Task An_empty_text_gives_the_zero_vector() =>
        Assert.All(await EmbedAsync("  "), x => Assert.Equal(0f, x));

    [Fact]
    public async Task A_typo_stays_closer_than_an_unrelated_question()
    {
        var typo = await CosineAsync("how do I return an item", "how do I retrun an item");
        var unrelated = await CosineAsync("how do I return an item", "what is the weather");

        Assert.True(typo > 0.4f, $"typo {typo}");
        Assert.True(typo > unrelated + 0.3f, $"typo {typo}, unrelated {unrelated}");
    }

    [Fact]
    public async Task An_inflected_paraphrase_stays_closer_than_an_unrelated_question()
    {
        var paraphrase = await CosineAsync("How can I return my items?", "returning an item");
        var unrelated = await CosineAsync("How can I return my items?", "change my delivery address");

        Assert.True(paraphrase > unrelated + 0.3f, $"paraphrase {paraphrase}, unrelated {unrelated}");
    }

    [Theory]
    [InlineData("怎么退货", "如何退货", "发票")]
    [InlineData("怎么退货", "我要退货", "怎么开发票")]
    [InlineData("退款多久到账", "退款什么时候到账", "怎么修改收货地址")]
    public async Task Chinese_paraphrases_stay_closer_than_other_questions(string text, string paraphrase, string other)
    {
        var near = await CosineAsync(text, paraphrase);
        var far = await CosineAsync(text, other);

        Assert.True(near > far + 0.2f, $"paraphrase {near}, other {far}");
    }

    [Fact]
    public async Task The_dimensions_option_is_respected()
    {
        using var small = new LocalEmbeddingGenerator(64);

        Assert.Equal(64, (await EmbedAsync("退货", small)).Length);
        Assert.Equal(32, (await small.GenerateAsync(["退货"], new EmbeddingGenerationOptions { Dimensions = 32 }))[0].Vector.Length);
        Assert.Equal(64, small.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }

    [Fact]
    public async Task A_batch_gives_one_embedding_per_text_in_order()
    {
        var batch = await Generator.GenerateAsync(["怎么退货", "refund", "发票"]);

        Assert.Equal(3, batch.Count);
        Assert.Equal(await EmbedAsync("refund"), batch[1].Vector.ToArray());
        Assert.All(batch, e => Assert.Equal(LocalEmbeddingGenerator.ModelId, e.ModelId));
    }

    [Fact]
    public void Metadata_names_the_local_provider()
    {
        var metadata = Generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("local-hashed", metadata!.ProviderName);
        Assert.Equal(256, metadata.DefaultModelDimensions);
        Assert.Same(Generator, Generator.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Null(Generator.GetService<EmbeddingGeneratorMetadata>("some key"));
    }
}
