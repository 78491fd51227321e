using CustomerService.Core.Knowledge.Matching;

namespace CustomerService.Core.Knowledge.Embeddings;

/// <summary>
/// The features a local embedding is hashed from, after <see cref="TextAnalyzer.Normalize"/>: Chinese
/// (CJK) runs give character unigrams and bigrams (interrogatives such as 怎么 weigh little, as English
/// stop words are dropped); other words give the lightly stemmed word and its
/// character 3-grams with boundary markers (<c>&lt;re, ret, …, rn&gt;</c>) so that typos still overlap.
/// Each feature is identified by a stable 64-bit FNV-1a hash of its family and its characters.
/// </summary>
internal static class HashedTextFeatures
{
    internal enum Family : byte
    {
        Word = 1,
        CharTrigram = 2,
        CjkUnigram = 3,
        CjkBigram = 4,
        CjkFunctionBigram = 5,
    }

    /// <summary>How much each family counts; words and CJK bigrams carry meaning, the rest tolerate variation.</summary>
    internal static float Weight(Family family) => family switch
    {
        Family.Word => 1.0f,
        Family.CharTrigram => 0.5f,
        Family.CjkBigram => 1.0f,
        Family.CjkFunctionBigram => 0.25f,
        _ => 0.5f,
    };

    // Function words and interrogatives carry no intent; dropped unless a text has nothing else.
    private static readonly HashSet<string> StopWords =
        new(["a", "an", "the", "is", "are", "am", "be", "was", "were", "do", "does", "did", "i", "me", "my", "you", "your", "to", "of",
             "in", "on", "for", "and", "or", "it", "its", "this", "that", "there", "please", "hi", "hello", "thanks", "thank", "would",
             "could", "should", "will", "can", "just", "so", "some", "any", "how", "what", "which", "who", "why", "where", "when"],
            StringComparer.Ordinal);

    // Particles, pronouns and the characters of interrogatives: no unigram of their own.
    private static readonly HashSet<char> CjkStopChars = [.. "的了吗呢吧啊呀哦嘛哈么是我你怎什要想能请"];

    // Interrogatives and "I want": every question has one, so they must not make questions alike.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CjkFunctionBigrams =
        new HashSet<string>(["怎么", "什么", "为什", "我要", "我想", "想要", "能不"], StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Term frequency per feature hash, and the family of each.</summary>
    public static Dictionary<ulong, (Family Family, int Count)> Count(string text)
    {
        var normalized = TextAnalyzer.Normalize(text);
        var features = Collect(normalized, skipStopWords: true);
        return features.Count > 0 ? features : Collect(normalized, skipStopWords: false);
    }

    private static Dictionary<ulong, (Family, int)> Collect(string text, bool skipStopWords)
    {
        Dictionary<ulong, (Family, int)> features = [];
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (TextAnalyzer.IsCjk(text[i]))
            {
                while (i < text.Length && TextAnalyzer.IsCjk(text[i])) i++;
                AddCjkRun(text.AsSpan(start, i - start), features);
            }
            else if (char.IsLetterOrDigit(text[i]))
            {
                while (i < text.Length && !TextAnalyzer.IsCjk(text[i]) && (char.IsLetterOrDigit(text[i]) || text[i] is '\'' or '’')) i++;
                AddWord(text[start..i].Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal), features, skipStopWords);
            }
            else
            {
                i++;
            }
        }

        return features;
    }

    private static void AddCjkRun(ReadOnlySpan<char> run, Dictionary<ulong, (Family, int)> features)
    {
        for (var k = 0; k < run.Length; k++)
        {
            if (!CjkStopChars.Contains(run[k]))
            {
                Add(features, Family.CjkUnigram, run.Slice(k, 1));
            }

            if (k + 1 < run.Length)
            {
                var bigram = run.Slice(k, 2);
                Add(features, CjkFunctionBigrams.Contains(bigram) ? Family.CjkFunctionBigram : Family.CjkBigram, bigram);
            }
        }
    }

    private static void AddWord(string word, Dictionary<ulong, (Family, int)> features, bool skipStopWords)
    {
        // Stop words, and identifiers: an order, tracking or phone number asks nothing.
        if (word.Length == 0 || skipStopWords && (StopWords.Contains(word) || TextAnalyzer.IsIdentifier(word)))
        {
            return;
        }

        var stem = TextAnalyzer.Stem(word);
        Add(features, Family.Word, stem);
        Span<char> bounded = stackalloc char[Math.Min(stem.Length, 62) + 2];
        bounded[0] = '<';
        stem.AsSpan(0, bounded.Length - 2).CopyTo(bounded[1..]);
        bounded[^1] = '>';
        for (var k = 0; k + 3 <= bounded.Length; k++)
        {
            Add(features, Family.CharTrigram, bounded.Slice(k, 3));
        }
    }

    private static void Add(Dictionary<ulong, (Family Family, int Count)> features, Family family, ReadOnlySpan<char> feature)
    {
        var hash = Hash(family, feature);
        features[hash] = features.TryGetValue(hash, out var seen) ? (family, seen.Count + 1) : (family, 1);
    }

    /// <summary>64-bit FNV-1a over the family byte and the UTF-16 code units (low byte first): the same in every process.</summary>
    internal static ulong Hash(Family family, ReadOnlySpan<char> feature)
    {
        const ulong prime = 1099511628211UL;
        var hash = (14695981039346656037UL ^ (byte)family) * prime;
        foreach (var c in feature)
        {
            hash = (hash ^ (byte)c) * prime;
            hash = (hash ^ (byte)(c >> 8)) * prime;
        }

        return hash;
    }
}
