using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Extraction;
using Microsoft.Extensions.Logging;

namespace CustomerService.Core.Knowledge.Ingestion;

/// <summary>
/// Runs the steps of one upload in order and records progress after each. Whatever fails, the job ends
/// failed with a reason a knowledge manager can act on, and no chunk of the failed version is visible.
/// </summary>
public sealed partial class IngestionPipeline(
    IEnumerable<IIngestionStep> steps,
    IIngestionJobStore jobs,
    IDocumentStore store,
    TimeProvider time,
    ILogger<IngestionPipeline> logger)
{
    private readonly IIngestionStep[] _steps = [.. steps];

    public IReadOnlyList<string> StepNames => [.. _steps.Select(s => s.Name)];

    public async Task<IngestionJob> QueueAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var job = new IngestionJob(context.JobId, context.Document.Id, context.Document.Version, IngestionState.Queued, [], 0, null, now, now);
        await jobs.SaveAsync(job, cancellationToken);
        return job;
    }

    /// <summary>
    /// Runs the steps from <paramref name="firstStep"/> through <paramref name="lastStep"/> (the end when null).
    /// The job it returns is failed, still running (more steps to come) or succeeded.
    /// </summary>
    public async Task<IngestionJob> RunAsync(IngestionJob job, IngestionContext context, string firstStep, CancellationToken cancellationToken,
        string? lastStep = null)
    {
        var start = Array.FindIndex(_steps, s => s.Name == firstStep);
        var end = lastStep is null ? _steps.Length - 1 : Array.FindIndex(_steps, s => s.Name == lastStep);
        foreach (var step in _steps[start..(end + 1)])
        {
            job = await SaveAsync(job with { State = IngestionState.Running }, cancellationToken);
            try
            {
                await step.ExecuteAsync(context, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return await FailAsync(job, context, step.Name, e);
            }

            job = await SaveAsync(job with { StepsDone = [.. job.StepsDone, step.Name], ChunkCount = context.Chunks.Count }, CancellationToken.None);
        }

        if (end < _steps.Length - 1)
        {
            return job;
        }

        LogIngested(logger, context.Document.Id, context.Document.Version, context.Chunks.Count);
        return await SaveAsync(job with { State = IngestionState.Succeeded }, CancellationToken.None);
    }

    private async Task<IngestionJob> FailAsync(IngestionJob job, IngestionContext context, string step, Exception error)
    {
        var reason = error switch
        {
            DocumentFormatException or UnsupportedDocumentException or IngestionSupersededException => error.Message,
            _ => $"the {step} step failed unexpectedly ({error.GetType().Name}); the details are in the service log",
        };
        if (error is not (DocumentFormatException or UnsupportedDocumentException or IngestionSupersededException))
        {
            LogStepFailed(logger, context.Document.Id, context.Document.Version, step, error);
        }

        await store.MarkFailedAsync(context.Document.Id, context.Document.Version, reason, CancellationToken.None);
        return await SaveAsync(job with { State = IngestionState.Failed, Error = reason }, CancellationToken.None);
    }

    private async Task<IngestionJob> SaveAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        job = job with { UpdatedAt = time.GetUtcNow() };
        await jobs.SaveAsync(job, cancellationToken);
        return job;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} version {Version} indexed: {Chunks} chunks")]
    private static partial void LogIngested(ILogger logger, string documentId, int version, int chunks);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion of {DocumentId} version {Version} failed in {Step}")]
    private static partial void LogStepFailed(ILogger logger, string documentId, int version, string step, Exception error);
}
