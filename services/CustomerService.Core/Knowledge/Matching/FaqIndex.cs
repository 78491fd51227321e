using System.Buffers;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Matching.Spelling;

namespace CustomerService.Core.Knowledge.Matching;

/// <summary>
/// An immutable TF-IDF index over every FAQ question. A query's score against a question is their
/// cosine similarity (in [0,1]); an entry scores as its best question. Query terms the knowledge base
/// has never seen still count in the query's norm, so a question about something else scores low.
/// </summary>
internal sealed class FaqIndex
{
    private readonly FaqEntry[] _entries;
    private readonly Dictionary<string, FaqEntry> _byId;
    private readonly int[] _questionEntry;     // question → entry
    private readonly string[] _questionText;
    private readonly Dictionary<string, Posting> _postings;
    private readonly double _unseenIdf;

    /// <summary>Corrects misspellings toward the words of these entries' questions and answers.</summary>
    public SpellingCorrector Spelling { get; }

    private sealed record Posting(double Idf, int[] Questions, float[] Weights);

    private FaqIndex(FaqEntry[] entries, int[] questionEntry, string[] questionText, Dictionary<string, Posting> postings, double unseenIdf,
        SpellingCorrector spelling)
    {
        _entries = entries;
        _byId = entries.DistinctBy(e => e.Id).ToDictionary(e => e.Id, StringComparer.Ordinal);
        _questionEntry = questionEntry;
        _questionText = questionText;
        _postings = postings;
        _unseenIdf = unseenIdf;
        Spelling = spelling;
    }

    public static FaqIndex Empty { get; } = Build([]);

    public int EntryCount => _entries.Length;

    public int QuestionCount => _questionEntry.Length;

    public FaqEntry? Find(string id) => _byId.GetValueOrDefault(id);

    public static FaqIndex Build(IReadOnlyList<FaqEntry> entries)
    {
        List<int> questionEntry = [];
        List<string> questionText = [];
        List<Dictionary<string, int>> questionTerms = [];
        for (var e = 0; e < entries.Count; e++)
        {
            foreach (var question in entries[e].Questions)
            {
                var counts = Count(TextAnalyzer.Terms(question));
                if (counts.Count == 0) continue;
                questionEntry.Add(e);
                questionText.Add(question);
                questionTerms.Add(counts);
            }
        }

        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var counts in questionTerms)
        foreach (var term in counts.Keys)
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }

        var n = questionTerms.Count;
        var idf = documentFrequency.ToDictionary(p => p.Key, p => Idf(n, p.Value), StringComparer.Ordinal);
        var lists = new Dictionary<string, (List<int> Questions, List<float> Weights)>(StringComparer.Ordinal);
        for (var q = 0; q < questionTerms.Count; q++)
        {
            var weights = questionTerms[q].ToDictionary(p => p.Key, p => Weight(p.Value, idf[p.Key]));
            var norm = Math.Sqrt(weights.Values.Sum(w => w * w));
            foreach (var (term, weight) in weights)
            {
                if (!lists.TryGetValue(term, out var list))
                {
                    lists[term] = list = ([], []);
                }

                list.Questions.Add(q);
                list.Weights.Add((float)(weight / norm));
            }
        }

        var postings = lists.ToDictionary(p => p.Key, p => new Posting(idf[p.Key], [.. p.Value.Questions], [.. p.Value.Weights]), StringComparer.Ordinal);
        return new FaqIndex([.. entries], [.. questionEntry], [.. questionText], postings, Idf(n, 0),
            SpellingCorrector.Build(entries.SelectMany(e => e.Questions.Append(e.Answer))));
    }

    /// <summary>The best-scoring entries, one match per entry, best first.</summary>
    public IReadOnlyList<FaqMatch> Search(string query, int top)
    {
        HashSet<string> bridges = new(StringComparer.Ordinal);
        var counts = Count(TextAnalyzer.Terms(query, bridges));
        if (counts.Count == 0 || _questionEntry.Length == 0)
        {
            return [];
        }

        var queryWeights = new List<(Posting? Posting, double Weight)>(counts.Count);
        double norm = 0;
        foreach (var (term, count) in counts)
        {
            var posting = _postings.GetValueOrDefault(term);
            if (posting is null && (TextAnalyzer.IsParticleBigram(term) || bridges.Contains(term))) continue;
            var weight = Weight(count, posting?.Idf ?? _unseenIdf);
            // A bridge only adds evidence: "发错货了怎么办" bridges 货怎, which must not count against 发错货了.
            if (!bridges.Contains(term)) norm += weight * weight;
            queryWeights.Add((posting, weight));
        }

        if (norm == 0) return [];
        norm = Math.Sqrt(norm);
        var scores = ArrayPool<float>.Shared.Rent(_questionEntry.Length);
        try
        {
            Array.Clear(scores, 0, _questionEntry.Length);
            foreach (var (posting, weight) in queryWeights)
            {
                if (posting is null) continue;
                var w = (float)(weight / norm);
                for (var k = 0; k < posting.Questions.Length; k++)
                {
                    scores[posting.Questions[k]] += w * posting.Weights[k];
                }
            }

            return BestPerEntry(scores, top);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    private List<FaqMatch> BestPerEntry(float[] scores, int top)
    {
        var best = new Dictionary<int, (float Score, int Question)>();
        for (var q = 0; q < _questionEntry.Length; q++)
        {
            if (scores[q] <= 0) continue;
            var e = _questionEntry[q];
            if (!best.TryGetValue(e, out var current) || scores[q] > current.Score)
            {
                best[e] = (scores[q], q);
            }
        }

        return best
            .OrderByDescending(p => p.Value.Score).ThenBy(p => p.Key)
            .Take(top)
            .Select(p => new FaqMatch(_entries[p.Key], Math.Clamp(p.Value.Score, 0, 1), _questionText[p.Value.Question]))
            .ToList();
    }

    private static Dictionary<string, int> Count(List<string> terms)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        return counts;
    }

    // BM25's idf: always positive, and highest for terms the knowledge base has never seen.
    private static double Idf(int documents, int frequency) => Math.Log(1 + (documents - frequency + 0.5) / (frequency + 0.5));

    private static double Weight(int count, double idf) => (1 + Math.Log(count)) * idf;
}

/// <param name="Score">Cosine similarity of the query and <paramref name="MatchedQuestion"/>, in [0,1].</param>
public sealed record FaqMatch(FaqEntry Entry, double Score, string MatchedQuestion);
