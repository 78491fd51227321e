using System.Text;
using CustomerService.Core.Knowledge.Matching;

namespace CustomerService.Core.Knowledge.Retrieval;

/// <summary>
/// Expands a query with synonym phrases: when the normalised query contains a member of a group, the
/// terms of the group's other members join the query at <see cref="SynonymWeight"/>, so 发票申请怎么弄
/// also reaches a passage that only says 开票流程. Phrases are normalised like the query (full-width,
/// case, courtesy words, interrogatives), and a Latin phrase matches only at word boundaries.
/// </summary>
/// <param name="groups">Each group lists phrases that mean the same; groups with fewer than two usable phrases are ignored.</param>
public sealed class SynonymExpander(IEnumerable<IReadOnlyList<string>> groups)
{
    /// <summary>Below the query's own terms, so the customer's wording still ranks its literal matches first.</summary>
    public const double SynonymWeight = 0.8;

    private readonly Phrase[][] _groups = Prepare(groups);

    private sealed record Phrase(string Form, List<string> Terms);

    /// <summary>Groups with at least two usable phrases.</summary>
    public int GroupCount => _groups.Length;

    /// <summary>The query's distinct terms at weight 1, then synonym terms at <see cref="SynonymWeight"/>; a term keeps its highest weight.</summary>
    public IReadOnlyList<Bm25QueryTerm> Expand(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = new WeightedTerms();
        terms.AddAll(TextAnalyzer.Terms(query), 1);
        if (terms.Count == 0)
        {
            return [];
        }

        var form = Fold(query);
        foreach (var group in _groups)
        {
            if (!Array.Exists(group, phrase => Contains(form, phrase.Form))) continue;
            foreach (var phrase in group)
            {
                // The phrase the customer typed contributes its terms at full weight already.
                if (!Contains(form, phrase.Form)) terms.AddAll(phrase.Terms, SynonymWeight);
            }
        }

        return terms.ToList();
    }

    /// <summary>The query's distinct terms, each at weight 1.</summary>
    internal static IReadOnlyList<Bm25QueryTerm> Unexpanded(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = new WeightedTerms();
        terms.AddAll(TextAnalyzer.Terms(query), 1);
        return terms.ToList();
    }

    private static Phrase[][] Prepare(IEnumerable<IReadOnlyList<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        List<Phrase[]> prepared = [];
        foreach (var group in groups)
        {
            var phrases = group
                .Select(text => new Phrase(Fold(text), TextAnalyzer.Terms(text)))
                .Where(phrase => phrase.Form.Length > 0 && phrase.Terms.Count > 0)
                .DistinctBy(phrase => phrase.Form, StringComparer.Ordinal)
                .ToArray();
            if (phrases.Length >= 2) prepared.Add(phrases);
        }

        return [.. prepared];
    }

    // The analyzer's normalisation with whitespace runs collapsed, so "invoice  request" still contains "invoice request".
    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in TextAnalyzer.Normalize(text))
        {
            var space = char.IsWhiteSpace(c);
            if (space && (builder.Length == 0 || builder[^1] == ' ')) continue;
            builder.Append(space ? ' ' : c);
        }

        return builder.ToString().TrimEnd();
    }

    // Chinese has no word boundaries, so a CJK edge matches anywhere; a Latin edge must not cut a word ("app" is not in "apple").
    private static bool Contains(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            var startOk = at == 0 || !IsWordChar(phrase[0]) || !IsWordChar(text[at - 1]);
            var endOk = end == text.Length || !IsWordChar(phrase[^1]) || !IsWordChar(text[end]);
            if (startOk && endOk) return true;
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !TextAnalyzer.IsCjk(c);

    /// <summary>Distinct terms in first-seen order, each with its highest weight.</summary>
    private sealed class WeightedTerms
    {
        private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
        private readonly List<Bm25QueryTerm> _terms = [];

        public int Count => _terms.Count;

        public void AddAll(List<string> terms, double weight)
        {
            foreach (var term in terms)
            {
                if (!_positions.TryGetValue(term, out var position))
                {
                    _positions[term] = _terms.Count;
                    _terms.Add(new Bm25QueryTerm(term, weight));
                }
                else if (_terms[position].Weight < weight)
                {
                    _terms[position] = _terms[position] with { Weight = weight };
                }
            }
        }

        public List<Bm25QueryTerm> ToList() => _terms;
    }
}
