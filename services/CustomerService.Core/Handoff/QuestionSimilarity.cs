using CustomerService.Core.Conversations;

namespace CustomerService.Core.Handoff;

/// <summary>Whether two customer messages ask the same question, without an LLM.</summary>
internal static class QuestionSimilarity
{
    // Sentence-final particles carry tone, not content: "可以退货吗" and "可以退货" ask one thing.
    // 么 is not among them: it ends "怎么" and "什么", which do carry meaning.
    private static readonly char[] FinalParticles = ['吗', '嘛', '呢', '吧', '啊', '呀', '哦', '哈'];

    /// <summary>Folded width and case, letters and digits only (as whole messages are compared), without sentence-final particles.</summary>
    public static string Normalise(string text) => WholeMessage.Squash(text).TrimEnd(FinalParticles);

    /// <summary>Jaccard similarity of the character-bigram sets of two normalised texts, from 0 to 1.</summary>
    public static double Similarity(string a, string b)
    {
        if (a == b) return 1;
        // A single character has no bigram; it is the same question only when equal.
        if (a.Length < 2 || b.Length < 2) return 0;

        var left = Bigrams(a);
        var right = Bigrams(b);
        var shared = left.Count(right.Contains);
        return (double)shared / (left.Count + right.Count - shared);
    }

    public static bool Same(string a, string b, double threshold) => Similarity(a, b) >= threshold;

    /// <summary>Like <see cref="Same"/> against many texts: the question's bigrams are built once.</summary>
    public static int CountSame(string question, IEnumerable<string> others, double threshold)
    {
        var own = question.Length < 2 ? null : Bigrams(question);
        var count = 0;
        foreach (var other in others)
        {
            if (other == question)
            {
                count++;
                continue;
            }

            if (own is null || other.Length < 2) continue;
            var theirs = Bigrams(other);
            var shared = own.Count(theirs.Contains);
            if ((double)shared / (own.Count + theirs.Count - shared) >= threshold) count++;
        }

        return count;
    }

    private static HashSet<string> Bigrams(string text)
    {
        HashSet<string> bigrams = new(StringComparer.Ordinal);
        for (var i = 0; i + 1 < text.Length; i++)
        {
            bigrams.Add(text.Substring(i, 2));
        }

        return bigrams;
    }
}
