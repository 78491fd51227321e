using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Import;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Knowledge;

/// <summary>
/// Loads the catalog at start-up and imports the configured seed files. A seed file that was already
/// imported unchanged is skipped, so edits made through the API since then are not overwritten.
/// A broken seed file stops start-up with the file and line at fault.
/// </summary>
internal sealed partial class FaqSeeder(
    IOptions<KnowledgeOptions> options,
    IFaqStore store,
    FaqCatalog catalog,
    FaqImporter importer,
    IHostEnvironment environment,
    ILogger<FaqSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var configured in options.Value.SeedFiles)
        {
            var path = Resolve(configured, environment.ContentRootPath)!;
            var file = Path.GetFileName(path);
            var content = await File.ReadAllBytesAsync(path, cancellationToken);
            if (await store.WasImportedAsync(FaqImporter.ContentHash(content), cancellationToken))
            {
                LogUnchanged(logger, file);
                continue;
            }

            try
            {
                var result = await importer.ImportAsync(content, FormatOf(path)!.Value, file, cancellationToken);
                LogImported(logger, file, result.Added, result.Replaced, result.Total);
            }
            catch (FaqFileException e)
            {
                throw new InvalidOperationException($"Knowledge seed file '{path}' is malformed: {e.Message}", e);
            }
        }

        // Vectors and the index are derived: rebuild them from the store, whatever this start imported.
        await importer.SyncAsync(await store.ListAsync(cancellationToken), cancellationToken);
        LogReady(logger, catalog.EntryCount);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static string? Resolve(string path, string contentRoot)
    {
        if (File.Exists(path)) return Path.GetFullPath(path);
        var underContentRoot = Path.Combine(contentRoot, path);
        if (File.Exists(underContentRoot)) return underContentRoot;
        var underApp = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(underApp) ? underApp : null;
    }

    internal static FaqFileFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonl" or ".ndjson" => FaqFileFormat.JsonLines,
        ".csv" => FaqFileFormat.Csv,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed FAQ {File} imported: {Added} added, {Replaced} replaced, {Total} entries in all")]
    private static partial void LogImported(ILogger logger, string file, int added, int replaced, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed FAQ {File} unchanged since its last import; skipped")]
    private static partial void LogUnchanged(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge base ready with {Entries} FAQ entries")]
    private static partial void LogReady(ILogger logger, int entries);
}
