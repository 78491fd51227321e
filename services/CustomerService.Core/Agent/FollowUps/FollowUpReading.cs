using System.Text.RegularExpressions;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Matching;

namespace CustomerService.Core.Agent.FollowUps;

/// <summary>
/// How the extractive agent reads a follow-up without a model: what its remainder is about, which entries are about
/// that, and how near an entry is to the topic just answered.
/// </summary>
internal static partial class FollowUpReading
{
    // What a question asks rather than what it is about: "退款要多久" is about 退款. The Chinese ones are the forms
    // TextAnalyzer folds interrogatives to, plus those it keeps.
    internal static readonly string[] CjkQuestionWords = ["多久", "怎么", "什么", "多少", "哪里", "哪儿", "几天", "哪", "几"];

    [GeneratedRegex(@"\b(how|what|when|where|why|which|who|much|many|long)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LatinQuestionWords();

    /// <summary>The terms of what a remainder is about, without the words that make it a question.</summary>
    public static HashSet<string> SubjectTerms(string remainder)
    {
        var text = TextAnalyzer.Normalize(remainder);
        foreach (var word in CjkQuestionWords)
        {
            text = text.Replace(word, " ", StringComparison.Ordinal);
        }

        return [.. TextAnalyzer.Terms(LatinQuestionWords().Replace(text, " "))];
    }

    /// <summary>
    /// An entry is about a subject when at least half of its questions name it: 积分 for both points entries, but not
    /// 新疆 for the delivery entry that has one question on it among eight.
    /// </summary>
    public static bool IsAbout(FaqEntry entry, HashSet<string> subject) =>
        subject.Count > 0 && entry.Questions.Count(q => Mentions(q, subject)) * 2 >= entry.Questions.Count;

    /// <summary>Whether a text names every term of a subject.</summary>
    public static bool Mentions(string text, HashSet<string> subject) =>
        subject.Count > 0 && subject.IsSubsetOf(TextAnalyzer.Terms(text));

    /// <summary>
    /// How much an answer shares with the topic's answer, beyond the subject both may name: the cosine of their term
    /// sets. The points entry that speaks of member levels is nearer a membership answer than the one on redeeming.
    /// </summary>
    public static double Relatedness(string topicAnswer, string answer, HashSet<string> subject)
    {
        var topic = TextAnalyzer.Terms(topicAnswer).Where(t => !subject.Contains(t)).ToHashSet(StringComparer.Ordinal);
        var other = TextAnalyzer.Terms(answer).Where(t => !subject.Contains(t)).ToHashSet(StringComparer.Ordinal);
        if (topic.Count == 0 || other.Count == 0) return 0;
        var shared = topic.Count(other.Contains);
        return shared / Math.Sqrt((double)topic.Count * other.Count);
    }
}
