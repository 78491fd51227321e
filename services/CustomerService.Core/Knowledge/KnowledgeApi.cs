using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Http;
using CustomerService.Core.Knowledge.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Knowledge;

public static class KnowledgeApi
{
    private static readonly string[] JsonLinesTypes = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines", "text/jsonl"];
    private static readonly string[] CsvTypes = ["text/csv", "application/csv"];

    public static RouteGroupBuilder MapKnowledgeApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/knowledge").WithTags("Knowledge");
        group.MapPost("/faq", ImportFaq).DisableAntiforgery();
        group.MapGet("/faq", ListFaq);
        group.MapGet("/faq/search", SearchFaq);
        return group;
    }

    public sealed record FaqImportResponse(int Imported, int Added, int Replaced, int Total);

    public sealed record FaqSearchHit(string Id, string Intent, double Score, string MatchedQuestion, string Answer);

    private static async Task<Results<Ok<FaqImportResponse>, ProblemHttpResult>> ImportFaq(
        HttpContext context, FaqImporter importer, IOptions<KnowledgeOptions> options, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var max = options.Value.MaxImportBytes;
        RequestBody.AllowUpTo(context, max + 64 * 1024);
        var upload = await ReadUploadAsync(request, max, cancellationToken);
        if (upload.Problem is not null)
        {
            return upload.Problem;
        }

        try
        {
            var result = await importer.ImportAsync(upload.Content!, upload.Format, upload.Source, cancellationToken);
            return TypedResults.Ok(new FaqImportResponse(result.Imported, result.Added, result.Replaced, result.Total));
        }
        catch (FaqFileException e)
        {
            return Problems.BadRequest("The FAQ file is invalid; nothing was imported", e.Message,
                new Dictionary<string, object?> { ["errors"] = e.Errors.Select(x => new { x.Line, x.Field, x.Message }).ToList() });
        }
    }

    private sealed record Upload(byte[]? Content, FaqFileFormat Format, string Source, ProblemHttpResult? Problem);

    private static async Task<Upload> ReadUploadAsync(HttpRequest request, long max, CancellationToken cancellationToken)
    {
        static Upload Fail(ProblemHttpResult problem) => new(null, default, "", problem);

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null) return Fail(Problems.BadRequest("No file", "The multipart form holds no file; send the FAQ as the form field 'file'."));
            if (file.Length > max) return Fail(Problems.TooLarge(max));
            var format = FormatOf(file.ContentType, file.FileName);
            if (format is null) return Fail(Problems.UnsupportedMediaType($"'{file.FileName}' is neither JSON Lines (.jsonl) nor CSV (.csv)."));
            await using var stream = file.OpenReadStream();
            var bytes = await RequestBody.ReadAsync(stream, max, cancellationToken);
            return bytes is null ? Fail(Problems.TooLarge(max)) : new Upload(bytes, format.Value, file.FileName, null);
        }

        var bodyFormat = FormatOf(request.ContentType, fileName: null);
        if (bodyFormat is null)
        {
            return Fail(Problems.UnsupportedMediaType(
                "Send the FAQ as application/x-ndjson (JSON Lines), text/csv, or a multipart/form-data file."));
        }

        var body = await RequestBody.ReadAsync(request.Body, max, cancellationToken);
        return body is null ? Fail(Problems.TooLarge(max)) : new Upload(body, bodyFormat.Value, "upload", null);
    }

    private static FaqFileFormat? FormatOf(string? contentType, string? fileName)
    {
        var media = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (media is not null && JsonLinesTypes.Contains(media)) return FaqFileFormat.JsonLines;
        if (media is not null && CsvTypes.Contains(media)) return FaqFileFormat.Csv;
        return fileName is null ? null : FaqSeeder.FormatOf(fileName);
    }

    private static async Task<Ok<IReadOnlyList<FaqEntry>>> ListFaq(IFaqStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static Results<Ok<List<FaqSearchHit>>, ProblemHttpResult> SearchFaq(string? q, FaqCatalog catalog, int top = 5)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return Problems.BadRequest("Missing query", "Pass the text to match as ?q=.");
        }

        return TypedResults.Ok(catalog.Search(q, Math.Clamp(top, 1, 50))
            .Select(m => new FaqSearchHit(m.Entry.Id, m.Entry.Intent, Math.Round(m.Score, 4), m.MatchedQuestion, m.Entry.Answer)).ToList());
    }
}
