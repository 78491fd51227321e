using System.Text;
using CustomerService.Core.Knowledge.Matching;

namespace CustomerService.Core.Handoff;

/// <summary>
/// A lexicon score of how upset a message reads, from -1 to 1, without an LLM: sentiment words add
/// their weight, an intensifier before one multiplies it by 1.5, a negator before one turns it
/// around (dampened for negative words: "not bad" is mild praise, not delight), and exclamation
/// marks strengthen the total a little.
/// </summary>
internal sealed class SentimentScorer
{
    private const double Intensity = 1.5;
    private const double NegatedNegative = -0.5;
    private const double NegatedPositive = -1.0;
    private const double PerExclamation = 0.1;
    private const int MaxExclamations = 3;

    // Negators and intensifiers reach this many tokens ahead: "not that bad", "不是很差", but not across a clause.
    private const int Scope = 3;

    private enum Kind { Word, Negator, Intensifier, Other, Break }

    private readonly record struct Token(Kind Kind, double Weight = 0);

    // Chinese has no spaces, so it is matched longest-first by characters; other scripts by whole words.
    private readonly Dictionary<string, Token> _cjk = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Token> _latin = new(StringComparer.Ordinal);
    private readonly int _maxCjkLength;
    private readonly int _maxLatinWords;

    public SentimentScorer(IReadOnlyDictionary<string, double> extraWords)
    {
        foreach (var word in SentimentLexicon.Negators) Add(word, new Token(Kind.Negator));
        foreach (var word in SentimentLexicon.Intensifiers) Add(word, new Token(Kind.Intensifier));
        foreach (var (word, weight) in SentimentLexicon.Words) Add(word, WordToken(weight));
        // Added last, so configured words override built-in ones (weight 0 switches one off).
        foreach (var (word, weight) in extraWords) Add(word, WordToken(weight));

        _maxCjkLength = _cjk.Keys.Select(k => k.Length).DefaultIfEmpty(1).Max();
        _maxLatinWords = _latin.Keys.Select(k => k.Count(c => c == ' ') + 1).DefaultIfEmpty(1).Max();
    }

    public double Score(string text)
    {
        var tokens = Tokenize(text, out var exclamations);
        var sum = 0.0;
        int? negatedAt = null;
        int? intensifiedAt = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case Kind.Break:
                    negatedAt = intensifiedAt = null;
                    break;
                case Kind.Negator:
                    negatedAt = i;
                    break;
                case Kind.Intensifier:
                    intensifiedAt = i;
                    break;
                case Kind.Word:
                    var negated = i - negatedAt <= Scope;
                    // "太不好" strengthens a negated word; "不太好" (not very good) is milder, so it does not.
                    var intensified = i - intensifiedAt <= Scope && !(negated && intensifiedAt > negatedAt);
                    var weight = token.Weight * (intensified ? Intensity : 1);
                    sum += negated ? weight * (token.Weight < 0 ? NegatedNegative : NegatedPositive) : weight;
                    negatedAt = intensifiedAt = null;
                    break;
                default:
                    break;
            }
        }

        sum *= 1 + PerExclamation * Math.Min(exclamations, MaxExclamations);
        // Squashed into (-1, 1): one strong word is about -0.7, several approach -1 without piling up past it.
        return sum / Math.Sqrt(sum * sum + 1);
    }

    private static Token WordToken(double weight) => weight == 0 ? new Token(Kind.Other) : new Token(Kind.Word, weight);

    private static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Replace('’', '\'');

    private void Add(string word, Token token)
    {
        var folded = Fold(word).Trim();
        if (folded.Any(TextAnalyzer.IsCjk))
        {
            _cjk[string.Concat(folded.Where(c => !char.IsWhiteSpace(c)))] = token;
        }
        else
        {
            _latin[string.Join(' ', folded.Split([' ', '-', '\t'], StringSplitOptions.RemoveEmptyEntries))] = token;
        }
    }

    private List<Token> Tokenize(string text, out int exclamations)
    {
        var folded = Fold(text);
        List<Token> tokens = [];
        List<string> words = [];
        exclamations = 0;
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (TextAnalyzer.IsCjk(c))
            {
                AddLatinRun(words, tokens);
                var length = LongestCjkMatch(folded, i, out var token);
                tokens.Add(token);
                i += length;
            }
            else if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < folded.Length && !TextAnalyzer.IsCjk(folded[i]) && (char.IsLetterOrDigit(folded[i]) || folded[i] == '\'')) i++;
                words.Add(folded[start..i].TrimEnd('\''));
            }
            else
            {
                // Clause punctuation ends a negation's reach; spaces, hyphens and symbols (emoji) do not.
                if (char.IsPunctuation(c) && c is not '\'' and not '-')
                {
                    AddLatinRun(words, tokens);
                    tokens.Add(new Token(Kind.Break));
                    if (c == '!') exclamations++;
                }

                i++;
            }
        }

        AddLatinRun(words, tokens);
        return tokens;
    }

    private int LongestCjkMatch(string text, int start, out Token token)
    {
        for (var length = Math.Min(_maxCjkLength, text.Length - start); length > 0; length--)
        {
            if (_cjk.TryGetValue(text.Substring(start, length), out token)) return length;
        }

        token = new Token(Kind.Other);
        return 1;
    }

    // Words separated only by spaces, matched longest phrase first ("waste of time" before "waste").
    private void AddLatinRun(List<string> words, List<Token> tokens)
    {
        for (var i = 0; i < words.Count;)
        {
            var matched = 1;
            var token = new Token(Kind.Other);
            for (var n = Math.Min(_maxLatinWords, words.Count - i); n > 0; n--)
            {
                if (_latin.TryGetValue(string.Join(' ', words.GetRange(i, n)), out var found))
                {
                    (matched, token) = (n, found);
                    break;
                }
            }

            tokens.Add(token);
            i += matched;
        }

        words.Clear();
    }
}
