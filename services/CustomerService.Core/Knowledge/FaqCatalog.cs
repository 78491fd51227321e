using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Matching;

namespace CustomerService.Core.Knowledge;

/// <summary>
/// The searchable FAQ: an immutable index rebuilt from the store after every import and swapped in
/// whole, so searches never see a half-updated knowledge base and never take a lock.
/// </summary>
public sealed class FaqCatalog(IFaqStore store) : IDisposable
{
    private volatile FaqIndex _index = FaqIndex.Empty;
    private readonly SemaphoreSlim _reload = new(1, 1);

    public bool IsLoaded { get; private set; }

    public int EntryCount => _index.EntryCount;

    public IReadOnlyList<FaqMatch> Search(string query, int top = 3) => _index.Search(query, top);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            _index = FaqIndex.Build(await store.ListAsync(cancellationToken));
            IsLoaded = true;
        }
        finally
        {
            _reload.Release();
        }
    }

    public void Dispose() => _reload.Dispose();
}
