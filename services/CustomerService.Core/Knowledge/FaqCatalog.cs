using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Agent;
using CustomerService.Core.Knowledge.Matching;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Knowledge;

/// <summary>
/// The searchable FAQ: an immutable index rebuilt from the store after every import and swapped in
/// whole, so searches never see a half-updated knowledge base and never take a lock. With
/// <see cref="AnswerScoring.IntentClassifier"/> the reload also trains the intent classifier on the entries.
/// </summary>
public sealed class FaqCatalog(IFaqStore store, IOptions<AgentOptions>? agent = null) : IDisposable
{
    private volatile FaqIndex _index = FaqIndex.Empty;
    private volatile IntentClassifier _classifier = IntentClassifier.Empty;
    private readonly SemaphoreSlim _reload = new(1, 1);

    public bool IsLoaded { get; private set; }

    public int EntryCount => _index.EntryCount;

    public IReadOnlyList<FaqMatch> Search(string query, int top = 3) => _index.Search(query, top);

    /// <summary>The query with its misspellings corrected toward the knowledge base's words, or the query itself.</summary>
    public string Corrected(string query) => _index.Spelling.Correct(query);

    /// <summary>The entry with this id, if the knowledge base still holds it.</summary>
    public FaqEntry? Find(string id) => _index.Find(id);

    /// <summary>The entries most probably meant, with probabilities; empty unless the classifier is on and trained.</summary>
    public IReadOnlyList<(FaqEntry Entry, double Probability)> Classify(string query, int top = 3) => _classifier.Classify(query, top);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            var entries = await store.ListAsync(cancellationToken);
            var index = FaqIndex.Build(entries);
            var classifier = agent?.Value.Scoring == AnswerScoring.IntentClassifier ? IntentClassifier.Train(entries) : IntentClassifier.Empty;
            (_index, _classifier) = (index, classifier);
            IsLoaded = true;
        }
        finally
        {
            _reload.Release();
        }
    }

    public void Dispose() => _reload.Dispose();
}
