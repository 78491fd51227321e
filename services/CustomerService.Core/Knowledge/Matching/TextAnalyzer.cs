using System.Globalization;
using System.Text;

namespace CustomerService.Core.Knowledge.Matching;

/// <summary>
/// Turns text into matching terms without a model: Chinese runs become character unigrams and
/// bigrams (Chinese has no spaces, and bigrams carry most of a word's meaning), Latin text becomes
/// lightly stemmed words and word bigrams. Full-width forms, case and punctuation are folded away.
/// </summary>
internal static class TextAnalyzer
{
    // Courtesy phrases carry no intent but lower the similarity of a polite question to the FAQ's wording.
    private static readonly string[] Courtesies = ["您好", "你好", "请问", "我想问", "想问", "问下", "麻烦", "谢谢", "亲", "在吗", "一下"];

    // Interrogatives customers use interchangeably; folded to one so paraphrases meet.
    private static readonly (string From, string To)[] Interrogatives =
        [("怎么样", "怎么"), ("怎样", "怎么"), ("如何", "怎么"), ("咋样", "怎么"), ("咋", "怎么"), ("啥", "什么"), ("多长时间", "多久"),
         ("需要多久", "多久"), ("要多久", "多久"), ("得多久", "多久"), ("可不可以", "能"), ("能不能", "能"), ("可以", "能")];

    // Particles a customer adds or drops freely; the words on either side of one still make a bigram.
    private static readonly HashSet<char> Particles = [.. "的了吗呢吧啊呀哦嘛"];

    private static readonly HashSet<char> CjkStopChars = [.. "的了吗呢吧啊呀哦嘛哈么是我你"];

    private static readonly HashSet<string> EnglishStopWords =
        new(["a", "an", "the", "is", "are", "am", "be", "was", "were", "do", "does", "did", "i", "me", "my", "mine", "you", "your",
             "to", "of", "in", "on", "for", "and", "or", "it", "its", "this", "that", "there", "please", "hi", "hello", "thanks", "thank",
             "im", "ive", "id", "would", "could", "should", "will", "can", "just", "so", "some", "any"], StringComparer.Ordinal);

    public static List<string> Terms(string text) => Terms(text, bridges: null);

    /// <param name="bridges">Collects the bigrams made across a particle: evidence when the knowledge base knows them, nothing when not.</param>
    public static List<string> Terms(string text, HashSet<string>? bridges)
    {
        var normalized = Normalize(text);
        List<string> terms = [];
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (IsCjk(c))
            {
                var start = i;
                while (i < normalized.Length && IsCjk(normalized[i])) i++;
                AddCjkRun(normalized.AsSpan(start, i - start), terms, bridges);
            }
            else if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < normalized.Length && !IsCjk(normalized[i]) && (char.IsLetterOrDigit(normalized[i]) || normalized[i] is ' ' or '\''))
                {
                    i++;
                }

                AddLatinRun(normalized.AsSpan(start, i - start), terms);
            }
            else
            {
                i++;
            }
        }

        return terms;
    }

    internal static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        foreach (var courtesy in Courtesies)
        {
            folded = folded.Replace(courtesy, " ", StringComparison.Ordinal);
        }

        foreach (var (from, to) in Interrogatives)
        {
            folded = folded.Replace(from, to, StringComparison.Ordinal);
        }

        return folded;
    }

    private static void AddCjkRun(ReadOnlySpan<char> run, List<string> terms, HashSet<string>? bridges)
    {
        for (var k = 0; k < run.Length; k++)
        {
            if (!CjkStopChars.Contains(run[k]))
            {
                terms.Add(run[k].ToString());
            }

            if (k + 1 < run.Length)
            {
                terms.Add(run.Slice(k, 2).ToString());
            }

            // Across a particle too: "收到的商品破损了怎么办" then holds 到商 and 损怎 of "收到商品破损怎么办".
            if (k > 0 && k + 1 < run.Length && Particles.Contains(run[k]) && !CjkStopChars.Contains(run[k - 1]) && !CjkStopChars.Contains(run[k + 1]))
            {
                var bridge = string.Concat(run[k - 1], run[k + 1]);
                terms.Add(bridge);
                bridges?.Add(bridge);
            }
        }
    }

    private static void AddLatinRun(ReadOnlySpan<char> run, List<string> terms)
    {
        string? previous = null;
        foreach (var raw in run.ToString().Replace("'", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Stop words, and identifiers: a phone, order or tracking number (QC20261120002, SF1234567890) asks nothing.
            if (EnglishStopWords.Contains(raw) || IsIdentifier(raw))
            {
                continue;
            }

            var word = Stem(raw);
            terms.Add(word);
            if (previous is not null)
            {
                terms.Add(previous + "_" + word);
            }

            previous = word;
        }
    }

    internal static bool IsStopChar(char c) => CjkStopChars.Contains(c);

    internal static bool IsStopWord(string word) => EnglishStopWords.Contains(word);

    /// <summary>A Chinese bigram with a particle or pronoun in it ("话是", "的商"): unseen, it says nothing of the topic.</summary>
    internal static bool IsParticleBigram(string term) =>
        term.Length == 2 && IsCjk(term[0]) && IsCjk(term[1]) && (CjkStopChars.Contains(term[0]) || CjkStopChars.Contains(term[1]));

    /// <summary>A token with five digits or more: an order, tracking or phone number, whatever letters it carries.</summary>
    internal static bool IsIdentifier(string token) => token.Count(char.IsAsciiDigit) >= 5;

    /// <summary>A light suffix stripper: enough to meet "refunds"/"refund", "arrived"/"arrive", "charging"/"charge".</summary>
    internal static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[^1])) return word;
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4) return word[..^3] + "y";
        if (word.EndsWith("sses", StringComparison.Ordinal)) return word[..^2];
        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5) return Undouble(TrimE(word[..^3]));
        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4) return Undouble(TrimE(word[..^2]));
        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)) return TrimE(word[..^1]);
        return TrimE(word);
    }

    // "shipping"/"shipped" meet "ship" (and a typed "shiping"); "fill", "press" and "buzz" keep their double letter.
    private static string Undouble(string stem) =>
        stem.Length > 3 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z') && !IsVowel(stem[^1]) ? stem[..^1] : stem;

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    // "charge"/"charg(ing)" and "arrive"/"arriv(ed)" meet on the stem without the final e.
    private static string TrimE(string stem) => stem.Length > 3 && stem.EndsWith('e') ? stem[..^1] : stem;

    internal static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or >= '\u3040' and <= '\u30FF'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter && c > '\u2E80';
}
