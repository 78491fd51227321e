namespace CustomerService.Abstractions.Knowledge;

public enum IngestionState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>The progress of one upload through the ingestion steps.</summary>
public sealed record IngestionJob(
    string Id,
    string DocumentId,
    int Version,
    IngestionState State,
    IReadOnlyList<string> StepsDone,
    int ChunkCount,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public interface IIngestionJobStore
{
    Task SaveAsync(IngestionJob job, CancellationToken cancellationToken = default);

    Task<IngestionJob?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Jobs that were queued or running when the process stopped, oldest first.</summary>
    Task<IReadOnlyList<IngestionJob>> ListUnfinishedAsync(CancellationToken cancellationToken = default);
}
