using CustomerService.Abstractions.Knowledge;
using CustomerService.Conformance;
using CustomerService.Embedded.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.UnitTests.Embedded;

public sealed class SqliteVectorIndexConformanceTests : VectorIndexConformance
{
    protected override Task<IPortHarness> StartAsync() => EmbeddedHarness.StartAsync(_ => { });

    /// <summary>Above <see cref="VectorCollection.QuantizedMinRows"/> the int8 pass is used; it must return what the exact scan returns.</summary>
    [Fact]
    public async Task The_quantised_search_returns_the_exact_top_k()
    {
        await using var harness = await StartAsync();
        var index = (SqliteVectorIndex)harness.Services.GetRequiredService<IVectorIndex>();
        const int dimensions = 32;
        var random = new Random(11);
        var centres = Enumerable.Range(0, 50).Select(_ => Gaussian(random, dimensions, 1f)).ToArray();
        float[] NearCentre(float spread) => [.. centres[random.Next(centres.Length)].Zip(Gaussian(random, dimensions, spread), (c, n) => c + n)];
        await index.EnsureCollectionAsync("quantised", dimensions);
        var points = Enumerable.Range(0, VectorCollection.QuantizedMinRows + 500)
            .Select(i => new VectorPoint($"p{i}", NearCentre(0.05f), new VectorPayload($"doc-{i % 100}", $"c{i}", Language: i % 2 == 0 ? "zh" : "en")))
            .ToList();
        await index.UpsertAsync("quantised", points);

        for (var q = 0; q < 20; q++)
        {
            var query = NearCentre(0.05f);
            var filter = q % 2 == 0 ? null : new VectorFilter(Language: "zh");
            var fast = await index.SearchAsync("quantised", query, 10, filter);
            var exact = await index.SearchExactAsync("quantised", query, 10, filter);
            Assert.Equal(exact.Select(h => h.Id), fast.Select(h => h.Id));
            Assert.Equal(exact.Select(h => h.Score), fast.Select(h => h.Score));
        }
    }

    private static float[] Gaussian(Random random, int dimensions, float sigma) =>
        [.. Enumerable.Range(0, dimensions).Select(_ => sigma * (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];
}
