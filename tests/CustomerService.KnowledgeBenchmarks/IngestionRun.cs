using System.Diagnostics;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Ingestion;
using CustomerService.Core.Knowledge.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.KnowledgeBenchmarks;

/// <param name="Seconds">First upload to the rebuilt knowledge index holding every chunk.</param>
/// <param name="WorkerSeconds">First upload to the last job succeeded (the index rebuild after it excluded).</param>
/// <param name="FinalRebuildSeconds">The awaited <c>KnowledgeIndex.RebuildAsync</c> at the end, included in <paramref name="Seconds"/>.</param>
/// <param name="CpuCoresBusy">Process CPU time over wall time: how much of the machine ingestion used.</param>
internal sealed record IngestionFigures(
    int Documents,
    int ChineseDocuments,
    long UploadBytes,
    int Chunks,
    int IndexedUnits,
    int FailedJobs,
    string? FirstError,
    double Seconds,
    double WorkerSeconds,
    double FinalRebuildSeconds,
    double ChunksPerSecond,
    double CpuCoresBusy,
    long BackgroundRebuilds,
    double AllocatedGigabytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections)
{
    public const double TargetChunksPerSecond = 2000;
}

/// <summary>
/// Ingests the corpus through the real path: <see cref="DocumentUploads.StartAsync"/> (new version, job row, extract
/// while the uploader waits, enqueue), then the host's own <c>IngestionWorker</c> (normalise, chunk, embed, index:
/// SQLite commit, vector swap, background index rebuild). The uploader keeps at most a few uploads waiting for the
/// worker, as a client sending a folder file by file would, so the queue never holds the whole corpus.
/// </summary>
internal static class IngestionRun
{
    public static async Task<(IngestionFigures Figures, List<QuerySeed> Seeds)> RunAsync(KnowledgeServices services, SyntheticCorpus corpus, int inFlight,
        StageClock clock, CancellationToken cancellationToken)
    {
        var uploads = services.Get<DocumentUploads>();
        var jobs = services.Get<IIngestionJobStore>();
        var index = services.Get<KnowledgeIndex>();
        using var worker = ActivatorUtilities.CreateInstance<IngestionWorker>(services.Services);
        await worker.StartAsync(cancellationToken);

        List<QuerySeed> seeds = [];
        List<string> jobIds = [];
        Queue<string> waiting = new();
        var (chinese, bytes) = (0, 0L);
        var (gen0, gen1, gen2, allocated) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clockStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < corpus.Count; i++)
        {
            while (waiting.Count >= inFlight)
            {
                await WaitFinishedAsync(jobs, waiting.Dequeue(), cancellationToken);
            }

            var (document, seed) = corpus.Generate(i);
            seeds.Add(seed);
            chinese += document.Language == "zh" ? 1 : 0;
            bytes += document.Content.Length;
            var metadata = new DocumentMetadata("", document.FileName, document.Category); // title and language found by the pipeline
            var job = await uploads.StartAsync(document.Id, document.FileName, metadata, document.Content, cancellationToken);
            jobIds.Add(job.Id);
            if (job.State != IngestionState.Failed)
            {
                waiting.Enqueue(job.Id);
            }
        }

        while (waiting.Count > 0)
        {
            await WaitFinishedAsync(jobs, waiting.Dequeue(), cancellationToken);
        }

        var workerDone = Stopwatch.GetElapsedTime(clockStart);
        await index.RebuildAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(clockStart);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var figures = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, GC.GetTotalAllocatedBytes() - allocated);
        await worker.StopAsync(CancellationToken.None);

        var (chunks, failed, firstError) = await TallyAsync(jobs, jobIds, cancellationToken);
        return (new IngestionFigures(corpus.Count, chinese, bytes, chunks, index.Current.Units.Count, failed, firstError, elapsed.TotalSeconds,
            workerDone.TotalSeconds, (elapsed - workerDone).TotalSeconds, chunks / elapsed.TotalSeconds, cpuUsed / elapsed,
            clock.Calls(StageClock.RebuildRead) - 1, figures.Item4 / 1e9, figures.Item1, figures.Item2, figures.Item3), seeds);
    }

    // The worker takes jobs in arrival order, so the oldest waiting job is the next to finish.
    private static async Task WaitFinishedAsync(IIngestionJobStore jobs, string jobId, CancellationToken cancellationToken)
    {
        while (await jobs.FindAsync(jobId, cancellationToken) is not { State: IngestionState.Succeeded or IngestionState.Failed })
        {
            await Task.Delay(2, cancellationToken);
        }
    }

    private static async Task<(int Chunks, int Failed, string? FirstError)> TallyAsync(IIngestionJobStore jobs, List<string> jobIds,
        CancellationToken cancellationToken)
    {
        var (chunks, failed) = (0, 0);
        string? firstError = null;
        foreach (var id in jobIds)
        {
            var job = await jobs.FindAsync(id, cancellationToken);
            if (job is { State: IngestionState.Succeeded })
            {
                chunks += job.ChunkCount;
            }
            else
            {
                failed++;
                firstError ??= job?.Error ?? $"job {id} is missing";
            }
        }

        return (chunks, failed, firstError);
    }
}
