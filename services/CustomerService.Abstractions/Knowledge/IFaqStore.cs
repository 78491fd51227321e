namespace CustomerService.Abstractions.Knowledge;

public interface IFaqStore
{
    /// <summary>Adds or replaces entries by id, all or nothing, and remembers the import's content hash.</summary>
    Task<FaqImportResult> UpsertAsync(IReadOnlyList<FaqEntry> entries, string source, string contentHash, CancellationToken cancellationToken = default);

    Task<bool> WasImportedAsync(string contentHash, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<FaqEntry>> ListAsync(CancellationToken cancellationToken = default);
}
