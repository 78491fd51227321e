using System.Globalization;
using System.Reflection;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Http;
using CustomerService.Core.Knowledge.Ingestion;
using CustomerService.Core.Knowledge.Retrieval;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Knowledge;

/// <summary>Knowledge managers' documents: upload (background ingestion with progress), list, preview, delete; and their page.</summary>
public static class DocumentsApi
{
    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Knowledge.knowledge.html")
            ?? throw new InvalidOperationException("The knowledge page resource is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/knowledge", () => TypedResults.Bytes(Page.Value, "text/html; charset=utf-8")).ExcludeFromDescription();
        var group = routes.MapGroup("/api/knowledge").WithTags("Knowledge");
        group.MapPost("/documents", Upload).DisableAntiforgery();
        group.MapGet("/documents", async (IDocumentStore store, CancellationToken ct) => TypedResults.Ok((await store.ListAsync(ct)).Select(DocumentView.Of)));
        group.MapGet("/documents/{id}", GetDocument);
        group.MapGet("/documents/{id}/chunks", GetChunks);
        group.MapDelete("/documents/{id}", DeleteDocument);
        group.MapGet("/jobs/{id}", GetJob);
        return group;
    }

    public sealed record UploadAccepted(string DocumentId, int Version, string JobId);

    public sealed record DocumentView(string Id, int Version, string FileName, string Title, string? Category, string? Language,
        IReadOnlyList<string> Tags, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, string Status, int ChunkCount, string? Error, DateTimeOffset UpdatedAt)
    {
        public static DocumentView Of(KnowledgeDocument d) => new(d.Id, d.Version, d.FileName, d.Metadata.Title, d.Metadata.Category, d.Metadata.Language,
            d.Metadata.Tags ?? [], d.Metadata.ValidFrom, d.Metadata.ValidTo, d.Status.ToString().ToLowerInvariant(), d.ChunkCount, d.Error, d.UpdatedAt);
    }

    public sealed record JobView(string Id, string DocumentId, int Version, string State, IReadOnlyList<string> Steps, IReadOnlyList<string> StepsDone,
        int ChunkCount, string? Error, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    private static async Task<Results<Accepted<UploadAccepted>, ProblemHttpResult>> Upload(
        HttpContext context, DocumentUploads uploads, IOptions<KnowledgeOptions> options, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxDocumentBytes;
        if (!context.Request.HasFormContentType)
        {
            return Problems.UnsupportedMediaType("Send the document as multipart/form-data with the file in the field 'file'.");
        }

        RequestBody.AllowUpTo(context, max + 1024 * 1024);
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return Problems.TooLarge(max);
        }

        var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
        if (file is null) return Problems.BadRequest("No file", "The form holds no file; send the document in the field 'file'.");
        if (file.Length > max) return Problems.TooLarge(max);
        if (UploadMetadata.Read(form, file.FileName) is { Problem: { } problem }) return problem;

        var metadata = UploadMetadata.Read(form, file.FileName).Metadata!;
        await using var stream = file.OpenReadStream();
        var content = await RequestBody.ReadAsync(stream, max, cancellationToken);
        if (content is null) return Problems.TooLarge(max);

        var id = form["id"].ToString() is { Length: > 0 } given ? given.Trim() : null;
        var job = await uploads.StartAsync(id, Path.GetFileName(file.FileName), metadata, content, cancellationToken);
        if (job.State == IngestionState.Failed)
        {
            var unsupported = job.Error?.Contains("not supported", StringComparison.OrdinalIgnoreCase) == true
                || job.Error?.Contains("needs poppler", StringComparison.OrdinalIgnoreCase) == true;
            return TypedResults.Problem(job.Error, statusCode: unsupported ? StatusCodes.Status415UnsupportedMediaType : StatusCodes.Status400BadRequest,
                title: "The document cannot be indexed", extensions: new Dictionary<string, object?> { ["jobId"] = job.Id, ["documentId"] = job.DocumentId });
        }

        return TypedResults.Accepted($"/api/knowledge/jobs/{job.Id}", new UploadAccepted(job.DocumentId, job.Version, job.Id));
    }

    private static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> GetDocument(string id, IDocumentStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } document ? TypedResults.Ok(DocumentView.Of(document)) : Problems.NotFound($"No document has the id '{id}'.");

    private static async Task<Results<Ok<IReadOnlyList<KnowledgeChunk>>, ProblemHttpResult>> GetChunks(string id, IDocumentStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is null ? Problems.NotFound($"No document has the id '{id}'.") : TypedResults.Ok(await store.ListChunksAsync(id, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteDocument(
        string id, IDocumentStore store, KnowledgeVectors vectors, KnowledgeIndex index, CancellationToken ct)
    {
        if (!await store.DeleteAsync(id, ct)) return Problems.NotFound($"No document has the id '{id}'.");
        await vectors.DeleteDocumentAsync(id, ct);
        await index.RebuildAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetJob(string id, IIngestionJobStore jobs, IngestionPipeline pipeline, CancellationToken ct) =>
        await jobs.FindAsync(id, ct) is { } j
            ? TypedResults.Ok(new JobView(j.Id, j.DocumentId, j.Version, j.State.ToString().ToLowerInvariant(), pipeline.StepNames, j.StepsDone, j.ChunkCount,
                j.Error, j.CreatedAt, j.UpdatedAt))
            : Problems.NotFound($"No ingestion job has the id '{id}'.");
}

/// <summary>The optional metadata fields of an upload form, each checked.</summary>
internal static class UploadMetadata
{
    public static (DocumentMetadata? Metadata, ProblemHttpResult? Problem) Read(IFormCollection form, string fileName)
    {
        string? Field(string name) => form[name].ToString() is { Length: > 0 } value ? value.Trim() : null;
        var language = Field("language");
        if (language is not (null or "zh" or "en"))
        {
            return (null, Problems.BadRequest("Bad metadata", $"language must be 'zh', 'en' or empty (was '{language}')."));
        }

        DateTimeOffset? Date(string name, out ProblemHttpResult? problem)
        {
            problem = null;
            if (Field(name) is not { } text) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
            problem = Problems.BadRequest("Bad metadata", $"{name} must be a date such as 2026-12-31 (was '{text}').");
            return null;
        }

        var from = Date("validFrom", out var fromProblem);
        var to = Date("validTo", out var toProblem);
        if ((fromProblem ?? toProblem) is { } bad) return (null, bad);
        if (from > to) return (null, Problems.BadRequest("Bad metadata", "validFrom must not be after validTo."));

        var tags = Field("tags")?.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return (new DocumentMetadata(Field("title") ?? "", Path.GetFileName(fileName), Field("category"), language, tags, from, to), null);
    }
}
