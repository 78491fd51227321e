namespace CustomerService.Abstractions.Knowledge;

/// <summary>A group of terms knowledge managers declare equivalent, e.g. 发票申请 = 开票流程.</summary>
public sealed record SynonymGroup(string Id, IReadOnlyList<string> Terms);

public interface ISynonymStore
{
    Task<IReadOnlyList<SynonymGroup>> ListAsync(CancellationToken cancellationToken = default);

    Task SaveAsync(SynonymGroup group, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
