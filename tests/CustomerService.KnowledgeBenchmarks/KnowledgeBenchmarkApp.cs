using System.Globalization;
using CustomerService.Core.Knowledge.Retrieval;

namespace CustomerService.KnowledgeBenchmarks;

/// <summary>
/// Knowledge ingestion and retrieval at scale through the real services (no web host): ingests a generated corpus,
/// times hybrid, lexical and vector searches, checks the vector index against exact brute force and reports memory.
/// Targets are reported, not enforced (the machine is shared): exit 0, or 1 when an ingestion job failed, 2 for bad options.
/// </summary>
internal static class KnowledgeBenchmarkApp
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(KnowledgeBenchmarkOptions.Usage);
            return 0;
        }

        KnowledgeBenchmarkOptions options;
        try
        {
            options = KnowledgeBenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(KnowledgeBenchmarkOptions.Usage);
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        return await RunAsync(options, cancellation.Token);
    }

    private static async Task<int> RunAsync(KnowledgeBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        ReportPrinter.PrintMachine(Console.Out, MachineInfo.Current);
        var clock = new StageClock();
        await using var services = KnowledgeServices.Create(clock);
        var baselineWorkingSet = MemoryFigures.WorkingSet();
        Say($"Data in {services.DataDirectory}; ingesting {options.Documents:N0} documents (about {options.Documents * KnowledgeBenchmarkOptions.ChunksPerDocument:N0} chunks)");

        var corpus = new SyntheticCorpus(options.Documents, options.Seed);
        var (ingestion, seeds) = await IngestionRun.RunAsync(services, corpus, options.InFlight, clock, cancellationToken);
        var stages = clock.Snapshot();
        Say($"Ingested {ingestion.Chunks:N0} chunks in {ingestion.Seconds:F1} s ({ingestion.ChunksPerSecond:N0} chunks/s), {ingestion.FailedJobs} failed jobs");

        var all = QuerySet.Build(seeds, options.Warmup + options.Queries, options.Seed);
        var (warmup, queries) = (all[..options.Warmup], all[options.Warmup..]);
        var search = services.Get<KnowledgeSearch>();
        List<ModeFigures> searches = [];
        foreach (var mode in new[] { SearchMode.Hybrid, SearchMode.Lexical, SearchMode.Vector })
        {
            var figures = await SearchRun.MeasureAsync(search, mode, warmup, queries, cancellationToken);
            searches.Add(figures);
            Say($"{mode}: p50 {figures.Latency.P50Ms:F2} ms, p99 {figures.Latency.P99Ms:F2} ms");
        }

        var vectors = await VectorReference.MeasureAsync(services, warmup, queries, cancellationToken);
        Say($"Vector index vs exact: recall@{vectors[0].Top} {vectors[0].Recall:F4}, exact p50 {vectors[0].Exact.P50Ms:F2} ms");

        var memory = MemoryFigures.Measure(baselineWorkingSet);
        var components = await ComponentSizes.MeasureAsync(services, cancellationToken);

        var report = new KnowledgeReport(startedAt, MachineInfo.Current, options, ingestion, stages, searches, vectors, memory, components);
        ReportPrinter.Print(Console.Out, report);
        if (options.JsonPath is { } path)
        {
            await report.WriteJsonAsync(path, cancellationToken);
            Say($"Wrote {Path.GetFullPath(path)}");
        }

        return ingestion.FailedJobs > 0 ? 1 : 0;
    }

    private static void Say(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
