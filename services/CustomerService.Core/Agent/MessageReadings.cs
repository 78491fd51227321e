using CustomerService.Core.Agent.FollowUps;
using CustomerService.Core.Knowledge;
using CustomerService.Core.Knowledge.Matching;

namespace CustomerService.Core.Agent;

/// <summary>
/// Other readings of a message the knowledge base did not match as typed: with its misspellings corrected, and its
/// question without the story around it ("我上周买了一件外套，收到后发现不合适，想问下怎么退货" asks 怎么退货).
/// </summary>
internal static class MessageReadings
{
    private static readonly char[] ClauseEnds = ['，', ',', '。', '.', '！', '!', '？', '?', '；', ';', '\n', '、'];

    // The follow-up reader's question words (after TextAnalyzer.Normalize's folds), and the particles and forms that only ask.
    private static readonly string[] ChineseQuestionWords = [.. FollowUpReading.CjkQuestionWords, "吗", "呢", "为何", "为什么", "是否", "有没有"];

    // An English clause asks when it starts with one of these ("my order is late" only tells).
    private static readonly HashSet<string> EnglishQuestionWords =
        new(["how", "what", "when", "where", "why", "which", "who", "can", "could", "do", "does", "is", "are", "will", "should"], StringComparer.Ordinal);

    public static IEnumerable<string> Of(string text, FaqCatalog faqs)
    {
        var corrected = faqs.Corrected(text);
        if (!string.Equals(corrected, text, StringComparison.Ordinal))
        {
            yield return corrected;
        }

        if (Question(corrected) is { } question)
        {
            yield return question;
        }
    }

    /// <summary>The clauses that ask something, when some of the message's clauses do and others only tell; otherwise null.</summary>
    internal static string? Question(string text)
    {
        var clauses = Clauses(text);
        if (clauses.Count < 2) return null;
        var asking = clauses.Where(Asks).ToList();
        return asking.Count > 0 && asking.Count < clauses.Count ? string.Join("，", asking) : null;
    }

    private static List<string> Clauses(string text)
    {
        List<string> clauses = [];
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && Array.IndexOf(ClauseEnds, text[i]) < 0) continue;
            // The clause keeps its own question mark: "how long?" asks though it has no question word first.
            var end = i < text.Length && text[i] is '?' or '？' ? i + 1 : i;
            if (text.AsSpan(start, end - start).Trim().Length > 0) clauses.Add(text[start..end].Trim());
            start = i + 1;
        }

        return clauses;
    }

    private static bool Asks(string clause)
    {
        if (clause.EndsWith('?') || clause.EndsWith('？')) return true;
        var normalized = TextAnalyzer.Normalize(clause);
        return ChineseQuestionWords.Any(w => normalized.Contains(w, StringComparison.Ordinal))
            || normalized.Split([' ', '\''], StringSplitOptions.RemoveEmptyEntries) is [var first, ..] && EnglishQuestionWords.Contains(first);
    }
}
