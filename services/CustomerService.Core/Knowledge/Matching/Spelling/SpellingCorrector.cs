using System.Text;

namespace CustomerService.Core.Knowledge.Matching.Spelling;

/// <summary>
/// Corrects a query's misspellings toward the knowledge base's own words, with no dictionary or model. An English word
/// the knowledge base never uses becomes the most frequent one it uses within one edit, two for long words (retrun,
/// shiping, pasword). A Chinese character that makes no known word with its neighbours becomes one that does and reads
/// alike: the same syllable (退伙 → 退货, 发漂 → 发票), or the same rhyme where the words on both sides confirm it
/// (优惠卷怎么 → 优惠券怎么). Words the knowledge base knows are never touched.
/// </summary>
internal sealed class SpellingCorrector
{
    // Shorter words have too many real neighbours one edit away ("cart"/"card").
    private const int MinimumWordLength = 5;
    private const int LongWordLength = 8;

    // Each unknown word scans the vocabulary: a message of unknown words (up to the channels' 4 KB) stops costing after these.
    internal const int MaxWordsLookedUp = 16;

    private readonly Dictionary<string, int> _words;
    private readonly HashSet<string> _stems;
    private readonly Dictionary<string, int> _bigrams;
    private readonly Dictionary<char, char[]> _followers;
    private readonly Dictionary<char, char[]> _leaders;

    private SpellingCorrector(Dictionary<string, int> words, Dictionary<string, int> bigrams)
    {
        _words = words;
        _stems = [.. words.Keys.Select(TextAnalyzer.Stem)];
        _bigrams = bigrams;
        _followers = bigrams.Keys.GroupBy(b => b[0]).ToDictionary(g => g.Key, g => g.Select(b => b[1]).ToArray());
        _leaders = bigrams.Keys.GroupBy(b => b[1]).ToDictionary(g => g.Key, g => g.Select(b => b[0]).ToArray());
    }

    public static SpellingCorrector Empty { get; } = Build([]);

    /// <summary>The vocabulary of these texts: their English words and their Chinese character bigrams, with counts.</summary>
    public static SpellingCorrector Build(IEnumerable<string> texts)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var bigrams = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var normalized = TextAnalyzer.Normalize(text);
            foreach (var (start, length) in Words(normalized))
            {
                var word = normalized.Substring(start, length);
                words[word] = words.GetValueOrDefault(word) + 1;
            }

            for (var i = 0; i + 1 < normalized.Length; i++)
            {
                if (TextAnalyzer.IsCjk(normalized[i]) && TextAnalyzer.IsCjk(normalized[i + 1]))
                {
                    var bigram = normalized.Substring(i, 2);
                    bigrams[bigram] = bigrams.GetValueOrDefault(bigram) + 1;
                }
            }
        }

        return new SpellingCorrector(words, bigrams);
    }

    /// <summary>The text with its misspellings corrected (normalised like the matcher's input), or the text itself when nothing was.</summary>
    public string Correct(string text)
    {
        var normalized = TextAnalyzer.Normalize(text);
        var chars = normalized.ToCharArray();
        var changed = CorrectCharacters(chars);
        var output = new StringBuilder(chars.Length + 8);
        var next = 0;
        var lookedUp = 0;
        foreach (var (start, length) in Words(normalized))
        {
            var word = normalized.Substring(start, length);
            if (!IsUnknown(word) || ++lookedUp > MaxWordsLookedUp || Nearest(word) is not { } correction) continue;
            output.Append(chars, next, start - next).Append(correction);
            next = start + length;
            changed = true;
        }

        return changed ? output.Append(chars, next, chars.Length - next).ToString() : text;
    }

    private bool CorrectCharacters(char[] chars)
    {
        var changed = false;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!IsContent(chars[i])) continue;
            char? left = i > 0 && IsContent(chars[i - 1]) ? chars[i - 1] : null;
            char? right = i + 1 < chars.Length && IsContent(chars[i + 1]) ? chars[i + 1] : null;
            if (left is null && right is null || Known(left, chars[i]) || Known(chars[i], right)) continue;
            if (Replacement(chars[i], left, right) is { } replacement)
            {
                chars[i] = replacement;
                changed = true;
                i++; // the next character's left neighbour is now a correction: leave it be
            }
        }

        return changed;
    }

    // Every side that has a neighbour must make a known bigram; the same syllable is enough, the same rhyme needs both sides.
    // Of the candidates, a same-syllable one wins over a rhyme, then the one the knowledge base uses most.
    private char? Replacement(char typed, char? left, char? right)
    {
        var pool = left is { } l ? _followers.GetValueOrDefault(l) : _leaders.GetValueOrDefault(right!.Value);
        var bothSides = left is not null && right is not null;
        char? best = null;
        var bestRank = (SameSyllable: false, Count: 0);
        foreach (var candidate in pool ?? [])
        {
            if (candidate == typed || left is not null && !Known(left, candidate) || right is not null && !Known(candidate, right)) continue;
            var sameSyllable = MandarinReadings.SameSyllable(typed, candidate);
            if (!sameSyllable && !(bothSides && MandarinReadings.SameRhyme(typed, candidate))) continue;
            var rank = (SameSyllable: sameSyllable, Count: Count(left, candidate) + Count(candidate, right));
            if (best is null || rank.CompareTo(bestRank) > 0)
            {
                (best, bestRank) = (candidate, rank);
            }
        }

        return best;
    }

    private bool IsUnknown(string word) =>
        word.Length >= MinimumWordLength && !_words.ContainsKey(word) && !_stems.Contains(TextAnalyzer.Stem(word)) && !TextAnalyzer.IsStopWord(word);

    private string? Nearest(string word)
    {
        var allowed = word.Length >= LongWordLength ? 2 : 1;
        string? best = null;
        var (bestDistance, bestCount) = (int.MaxValue, 0);
        foreach (var (known, count) in _words)
        {
            if (Math.Abs(known.Length - word.Length) > allowed || known.Length < MinimumWordLength - 1) continue;
            var distance = EditDistance.Within(word, known, allowed);
            if (distance > allowed) continue;
            if (distance < bestDistance || distance == bestDistance && (count > bestCount || count == bestCount && string.CompareOrdinal(known, best) < 0))
            {
                (best, bestDistance, bestCount) = (known, distance, count);
            }
        }

        return best;
    }

    private bool Known(char? first, char? second) => first is { } a && second is { } b && _bigrams.ContainsKey(string.Concat(a, b));

    private int Count(char? first, char? second) => first is { } a && second is { } b ? _bigrams.GetValueOrDefault(string.Concat(a, b)) : 0;

    private static bool IsContent(char c) => TextAnalyzer.IsCjk(c) && !TextAnalyzer.IsStopChar(c);

    // Runs of ASCII letters: digits and identifiers are never corrected.
    private static IEnumerable<(int Start, int Length)> Words(string normalized)
    {
        var i = 0;
        while (i < normalized.Length)
        {
            if (!char.IsAsciiLetter(normalized[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < normalized.Length && char.IsAsciiLetter(normalized[i])) i++;
            var touchesDigit = start > 0 && char.IsAsciiDigit(normalized[start - 1]) || i < normalized.Length && char.IsAsciiDigit(normalized[i]);
            if (!touchesDigit) yield return (start, i - start);
        }
    }
}
