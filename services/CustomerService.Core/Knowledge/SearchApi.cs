using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Http;
using CustomerService.Core.Knowledge.Retrieval;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CustomerService.Core.Knowledge;

/// <summary>The hit test of the knowledge base, and the synonyms knowledge managers keep.</summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/knowledge").WithTags("Knowledge");
        group.MapGet("/search", Search);
        group.MapGet("/synonyms", async (ISynonymStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)));
        group.MapPut("/synonyms/{id}", SaveSynonyms);
        group.MapDelete("/synonyms/{id}", DeleteSynonyms);
        return group;
    }

    public sealed record CitationView(string DocumentId, IReadOnlyList<string> HeadingPath, int Start, int End);

    public sealed record HitView(string ChunkId, string DocumentId, string Title, IReadOnlyList<string> HeadingPath, string Text, string? Intent,
        double Score, IReadOnlyList<string> FoundBy, int? LexicalRank, int? VectorRank, double? LexicalScore, double? VectorScore, CitationView Citation);

    public sealed record SynonymsBody(IReadOnlyList<string>? Terms);

    private static async Task<Results<Ok<List<HitView>>, ProblemHttpResult>> Search(
        string? q, KnowledgeSearch search, CancellationToken cancellationToken,
        int top = 10, string mode = "hybrid", string? category = null, string? language = null, string? tags = null)
    {
        if (string.IsNullOrWhiteSpace(q)) return Problems.BadRequest("Missing query", "Pass the text to search for as ?q=.");
        if (!Enum.TryParse<SearchMode>(mode, ignoreCase: true, out var searchMode))
        {
            return Problems.BadRequest("Unknown mode", $"mode must be hybrid, lexical or vector (was '{mode}').");
        }

        var request = new SearchRequest(Math.Clamp(top, 1, 100), searchMode, category, language,
            tags?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var hits = await search.SearchAsync(q, request, cancellationToken);
        return TypedResults.Ok(hits.Select(h => new HitView(h.Unit.Id, h.Unit.DocumentId, h.Unit.Title, h.Unit.HeadingPath, h.Text, h.Unit.Intent,
            Math.Round(h.Score, 6), h.FoundBy, h.LexicalRank, h.VectorRank, h.LexicalScore is { } l ? Math.Round(l, 4) : null,
            h.VectorScore is { } v ? Math.Round(v, 4) : null, new CitationView(h.Unit.SourceId, h.Unit.HeadingPath, h.Unit.Start, h.Unit.End))).ToList());
    }

    private static async Task<Results<Ok<SynonymGroup>, ProblemHttpResult>> SaveSynonyms(
        string id, SynonymsBody body, ISynonymStore store, KnowledgeIndex index, CancellationToken cancellationToken)
    {
        var terms = body.Terms?.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList() ?? [];
        if (terms.Count < 2) return Problems.BadRequest("Too few terms", "A synonym group needs at least two terms: {\"terms\":[\"发票申请\",\"开票流程\"]}.");
        var group = new SynonymGroup(id, terms);
        await store.SaveAsync(group, cancellationToken);
        await index.RebuildAsync(cancellationToken);
        return TypedResults.Ok(group);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteSynonyms(string id, ISynonymStore store, KnowledgeIndex index, CancellationToken ct)
    {
        if (!await store.DeleteAsync(id, ct)) return Problems.NotFound($"No synonym group has the id '{id}'.");
        await index.RebuildAsync(ct);
        return TypedResults.NoContent();
    }
}
