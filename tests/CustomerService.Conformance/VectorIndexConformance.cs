using CustomerService.Abstractions.Knowledge;
using Xunit;

namespace CustomerService.Conformance;

/// <summary>
/// Every <see cref="IVectorIndex"/> adapter inherits this suite. Collection names are unique per test,
/// so the suite also runs against a shared server.
/// </summary>
public abstract class VectorIndexConformance
{
    private const float Tolerance = 1e-5f;
    private static readonly float[] AlongX = [1, 0, 0];

    protected abstract Task<IPortHarness> StartAsync();

    private static string NewCollection() => "conformance-" + Guid.NewGuid().ToString("N")[..12];

    private static VectorPoint Point(string id, float[] vector, string document = "doc-1", string? category = null, string? language = null,
        string[]? tags = null, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new(id, vector, new VectorPayload(document, id + "-chunk", category, language, tags, from, to));

    /// <summary>Hand-made 3-d points whose cosines with (1, 0, 0) are 1, √½, 0 and −1.</summary>
    private static async Task<(IVectorIndex Index, string Collection)> SeedAsync(IPortHarness harness)
    {
        var index = harness.Get<IVectorIndex>();
        var collection = NewCollection();
        await index.EnsureCollectionAsync(collection, 3);
        await index.UpsertAsync(collection,
        [
            Point("same", [2, 0, 0], document: "doc-a", category: "returns", language: "en", tags: ["refund"]),
            Point("diagonal", [1, 1, 0], document: "doc-a", category: "billing", language: "zh", tags: ["invoice", "refund"]),
            Point("orthogonal", [0, 0, 5], document: "doc-b", category: "returns", language: "zh", tags: ["shipping"]),
            Point("opposite", [-1, 0, 0], document: "doc-b", category: "shipping", language: "en"),
        ]);
        return (index, collection);
    }

    private static async Task<string[]> IdsAsync(IVectorIndex index, string collection, VectorFilter? filter = null, float? threshold = null, int top = 10) =>
        [.. (await index.SearchAsync(collection, AlongX, top, filter, threshold)).Select(h => h.Id)];

    [Fact]
    public async Task Ensure_collection_is_idempotent()
    {
        await using var harness = await StartAsync();
        var (index, collection) = await SeedAsync(harness);

        await index.EnsureCollectionAsync(collection, 3);

        Assert.Equal(4, (await IdsAsync(index, collection)).Length);
    }

    [Fact]
    public async Task Ensure_collection_with_other_dimensions_is_refused()
    {
        await using var harness = await StartAsync();
        var (index, collection) = await SeedAsync(harness);

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => index.EnsureCollectionAsync(collection, 4));

        Assert.Contains(collection, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vector_of_the_wrong_length_is_refused_naming_the_expected_dimensions()
    {
        await using var harness = await StartAsync();
        var (index, collection) = await SeedAsync(harness);

        var upsert = await Assert.ThrowsAnyAsync<ArgumentException>(() => index.UpsertAsync(collection, [Point("short", [1, 0])]));
        var search = await Assert.ThrowsAnyAsync<ArgumentException>(() => index.SearchAsync(collection, new float[] { 1, 0, 0, 0 }, 3));

        Assert.Contains("3 dimensions", upsert.Message, StringComparison.Ordinal);
        Assert.Contains("3 dimensions", search.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short", await IdsAsync(index, collection));
    }

    [Fact]
    public async Task Using_a_missing_collection_fails()
    {
        await using var harness = await StartAsync();
        var index = harness.Get<IVectorIndex>();

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => index.SearchAsync(NewCollection(), AlongX, 3));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => index.UpsertAsync(NewCollection(), [Point("p", AlongX)]));
    }

    [Fact]
    public async Task Search_returns_the_nearest_first_with_cosine_scores()
    {
        await using var harness = await StartAsync();
        var (index, collection) = await SeedAsync(harness);

        var hits = await index.SearchAsync(collection, new float[] { 3, 0, 0 }, 10);

        Assert.Equal(["same", "diagonal", "orthogonal", "opposite"], hits.Select(h => h.Id));
        Assert.Equal(1f, hits[0].Score, Tolerance);
        Assert.Equal(MathF.Sqrt(0.5f), hits[1].Score, Tolerance);
        Assert.Equal(0f, hits[2].Score, Tolerance);
        Assert.Equal(-1f, hits[3].Score, Tolerance);
        Assert.Equal(new VectorPayload("doc-a", "diagonal-chunk", "billing", "zh"), hits[1].Payload with { Tags = null });
        Assert.Equal(["invoice", "refund"], hits[1].Payload.Tags!);
    }

    [Fact]
    public async Task Upserting_an_existing_id_replaces_the_point()
    {
        await using var harness = await StartAsync();
        var (index, collection) = await SeedAsync(harness);

        await index.UpsertAsync(collection, [Point("opposite", [0, 2, 0], document: "doc-c", category: "moved")]);

        var hits = await index.SearchAsync(collection, new float[] { 0, 1, 0 }, 10);
        Assert.Equal(4, hits.Count);
        Assert.Equal("opposite", hits[0].Id);
        Assert.Equal(1f, hits[0].Score, Tolerance);
        Assert.Equal("moved", hits[0].Payload.Category);
        Assert.Empty(await IdsAsync(index, collection, new VectorFilter(Categories: ["shipping"])));
    }

    [Fact]
    public async Task Delete_by_document_removes_only_that_documents_points_and_counts_them()
    {
        await using var harness = await StartAsync();
        var (index, collection) = await SeedAsync(harness);

        Assert.Equal(2, await index.DeleteAsync(collection, new VectorFilter(DocumentId: "doc-a")));
        Assert.Equal(0, await index.DeleteAsync(collection, new VectorFilter(DocumentId: "doc-a")));

        Assert.Equal(["orthogonal", "opposite"], await IdsAsync(index, collection));
    }

    [Fact]
    public async Task Filters_by_document_category_language_and_any_tag()
    {
        await using var harness = await StartAsync();
        var (index, collection) = await SeedAsync(harness);

        Assert.Equal(["orthogonal", "opposite"], await IdsAsync(index, collection, new VectorFilter(DocumentId: "doc-b")));
        Assert.Equal(["same", "orthogonal"], await IdsAsync(index, collection, new VectorFilter(Categories: ["returns"])));
        Assert.Equal(["diagonal", "opposite"], await IdsAsync(index, collection, new VectorFilter(Categories: ["billing", "shipping", "unknown"])));
        Assert.Equal(["diagonal", "orthogonal"], await IdsAsync(index, collection, new VectorFilter(Language: "zh")));
        Assert.Equal(["same", "diagonal"], await IdsAsync(index, collection, new VectorFilter(AnyTags: ["refund", "unknown"])));
        Assert.Equal(["diagonal"], await IdsAsync(index, collection, new VectorFilter(DocumentId: "doc-a", Language: "zh", AnyTags: ["refund"])));
        Assert.Empty(await IdsAsync(index, collection, new VectorFilter(Language: "fr")));
        Assert.Empty(await IdsAsync(index, collection, new VectorFilter(AnyTags: [])));
    }

    [Fact]
    public async Task Filters_by_validity_at_a_time()
    {
        await using var harness = await StartAsync();
        var index = harness.Get<IVectorIndex>();
        var collection = NewCollection();
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var to = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(8));
        await index.EnsureCollectionAsync(collection, 3);
        await index.UpsertAsync(collection,
        [
            Point("window", [1, 0, 0], from: from, to: to),
            Point("from-only", [1, 0.1f, 0], from: from),
            Point("to-only", [1, 0.2f, 0], to: to),
            Point("always", [1, 0.3f, 0]),
        ]);

        Assert.Equal(["to-only", "always"], await IdsAsync(index, collection, new VectorFilter(ValidAt: from.AddTicks(-1))));
        Assert.Equal(["window", "from-only", "to-only", "always"], await IdsAsync(index, collection, new VectorFilter(ValidAt: from)));
        Assert.Equal(["window", "from-only", "to-only", "always"], await IdsAsync(index, collection, new VectorFilter(ValidAt: to.ToUniversalTime())));
        Assert.Equal(["from-only", "always"], await IdsAsync(index, collection, new VectorFilter(ValidAt: to.AddSeconds(1))));
    }

    [Fact]
    public async Task Score_threshold_and_top_limit_the_hits()
    {
        await using var harness = await StartAsync();
        var (index, collection) = await SeedAsync(harness);

        Assert.Equal(["same", "diagonal"], await IdsAsync(index, collection, threshold: 0.5f));
        Assert.Equal(["same", "diagonal", "orthogonal"], await IdsAsync(index, collection, threshold: -0.5f));
        Assert.Equal(["same"], await IdsAsync(index, collection, top: 1));
        Assert.Equal(["same", "diagonal"], await IdsAsync(index, collection, threshold: 0.5f, top: 3));
    }

    [Fact]
    public async Task Collections_are_independent()
    {
        await using var harness = await StartAsync();
        var (index, first) = await SeedAsync(harness);
        var second = NewCollection();
        await index.EnsureCollectionAsync(second, 2);
        await index.UpsertAsync(second, [Point("same", [0, 1], document: "doc-a")]);

        Assert.Equal(1, await index.DeleteAsync(second, new VectorFilter(DocumentId: "doc-a")));

        Assert.Equal(4, (await IdsAsync(index, first)).Length);
        Assert.Empty(await index.SearchAsync(second, new float[] { 0, 1 }, 10));
    }

    [Fact]
    public async Task Points_survive_a_restart()
    {
        var harness = await StartAsync();
        var (index, collection) = await SeedAsync(harness);
        await index.DeleteAsync(collection, new VectorFilter(DocumentId: "doc-b"));

        await using var restarted = await harness.RestartAsync();
        var reopened = restarted.Get<IVectorIndex>();

        var hits = await reopened.SearchAsync(collection, AlongX, 10, new VectorFilter(AnyTags: ["invoice"]));
        Assert.Equal(MathF.Sqrt(0.5f), Assert.Single(hits).Score, Tolerance);
        Assert.Equal(["same", "diagonal"], await IdsAsync(reopened, collection));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => reopened.EnsureCollectionAsync(collection, 4));
    }

    [Fact]
    public async Task Concurrent_searches_during_upserts_and_deletes_do_not_throw()
    {
        await using var harness = await StartAsync();
        var index = harness.Get<IVectorIndex>();
        var collection = NewCollection();
        await index.EnsureCollectionAsync(collection, 8);
        var random = new Random(7);
        float[] Vector() => [.. Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble() - 0.5f)];

        var writer = Task.Run(async () =>
        {
            for (var batch = 0; batch < 20; batch++)
            {
                var points = Enumerable.Range(0, 25).Select(i => Point($"p{batch}-{i}", Vector(), document: $"doc-{batch % 5}")).ToList();
                await index.UpsertAsync(collection, points);
                if (batch % 4 == 3)
                {
                    await index.DeleteAsync(collection, new VectorFilter(DocumentId: $"doc-{batch % 5}"));
                }
            }
        });
        var queries = Enumerable.Range(0, 50).Select(_ => Vector()).ToList();
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            foreach (var query in queries)
            {
                var hits = await index.SearchAsync(collection, query, 5, r % 2 == 0 ? null : new VectorFilter(DocumentId: "doc-1"));
                Assert.True(hits.Count <= 5);
                Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Id), hits.Select(h => h.Id));
            }
        }));

        await Task.WhenAll([writer, .. readers]);

        Assert.Equal(5, (await index.SearchAsync(collection, Vector(), 5)).Count);
    }
}
