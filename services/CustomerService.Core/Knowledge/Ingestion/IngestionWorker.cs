using System.Threading.Channels;
using CustomerService.Abstractions.Knowledge;
using Microsoft.Extensions.Hosting;

namespace CustomerService.Core.Knowledge.Ingestion;

/// <summary>Uploads waiting for their background steps, in arrival order.</summary>
public sealed class IngestionQueue
{
    private readonly Channel<(IngestionJob Job, IngestionContext Context)> _channel = Channel.CreateUnbounded<(IngestionJob, IngestionContext)>();

    public ValueTask EnqueueAsync(IngestionJob job, IngestionContext context, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync((job, context), cancellationToken);

    internal ChannelReader<(IngestionJob Job, IngestionContext Context)> Reader => _channel.Reader;
}

/// <summary>
/// Runs queued uploads one at a time after their extraction. The upload's bytes live in memory until then,
/// so a job a restart interrupted is marked failed at start-up with a reason: the file must be sent again.
/// </summary>
internal sealed class IngestionWorker(IngestionQueue queue, IngestionPipeline pipeline, IIngestionJobStore jobs, IDocumentStore store, TimeProvider time)
    : BackgroundService
{
    public const string Interrupted = "the upload was interrupted by a restart before it was indexed; send the file again";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in await jobs.ListUnfinishedAsync(cancellationToken))
        {
            await store.MarkFailedAsync(job.DocumentId, job.Version, Interrupted, cancellationToken);
            await jobs.SaveAsync(job with { State = IngestionState.Failed, Error = Interrupted, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (job, context) in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await pipeline.RunAsync(job, context, "normalise", stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is left is marked interrupted at the next start.
        }
    }
}
