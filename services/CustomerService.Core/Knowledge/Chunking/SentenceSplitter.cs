namespace CustomerService.Core.Knowledge.Chunking;

/// <summary>A sentence (or, for a sentence longer than the chunk size, a piece of one) by its offsets, and the paragraph it is in.</summary>
internal readonly record struct TextUnit(int Start, int End, int Paragraph);

/// <summary>
/// Finds paragraphs (runs of non-blank lines) and their sentences. Chinese sentences end at 。！？；… whatever
/// follows (Chinese has no spaces); English ones at . ! ? followed by white space, so 3.5 and example.com stay whole.
/// </summary>
internal static class SentenceSplitter
{
    private const string CjkEnds = "。！？；…";
    private const string LatinEnds = ".!?";

    // Closing quotes and brackets stay with the sentence they close: 他说：“好的。”
    private const string Closers = "\"'”’）)】」』》]";

    // Preferred cut points inside a sentence longer than a chunk, after line breaks and before bare white space.
    private const string ClauseEnds = "，,、：:";

    public static List<TextUnit> Units(string text, int maxChars)
    {
        List<TextUnit> units = [];
        var paragraph = 0;
        foreach (var (start, end) in Paragraphs(text))
        {
            foreach (var (sentenceStart, sentenceEnd) in Sentences(text, start, end))
            {
                AddSplit(text, sentenceStart, sentenceEnd, maxChars, paragraph, units);
            }

            paragraph++;
        }

        return units;
    }

    private static IEnumerable<(int Start, int End)> Paragraphs(string text)
    {
        int? start = null;
        var end = 0;
        for (var line = 0; line <= text.Length;)
        {
            var lineEnd = text.IndexOf('\n', line);
            if (lineEnd < 0) lineEnd = text.Length;
            if (!text.AsSpan(line, lineEnd - line).IsWhiteSpace())
            {
                start ??= line;
                end = lineEnd;
            }
            else if (start is { } first)
            {
                yield return (first, end);
                start = null;
            }

            line = lineEnd + 1;
        }

        if (start is { } last)
        {
            yield return (last, end);
        }
    }

    private static IEnumerable<(int Start, int End)> Sentences(string text, int start, int end)
    {
        var sentence = SkipSpace(text, start, end);
        var i = sentence;
        while (i < end)
        {
            var cjk = CjkEnds.Contains(text[i], StringComparison.Ordinal);
            if (!cjk && !LatinEnds.Contains(text[i], StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            var after = i + 1;
            while (after < end && (CjkEnds + LatinEnds + Closers).Contains(text[after], StringComparison.Ordinal))
            {
                after++;
            }

            if (cjk || after == end || char.IsWhiteSpace(text[after]))
            {
                yield return (sentence, after);
                sentence = SkipSpace(text, after, end);
            }

            i = Math.Max(after, sentence);
        }

        var trimmed = TrimEnd(text, sentence, end);
        if (trimmed > sentence)
        {
            yield return (sentence, trimmed);
        }
    }

    /// <summary>Adds a sentence, cut into pieces of at most <paramref name="maxChars"/> when it is longer.</summary>
    private static void AddSplit(string text, int start, int end, int maxChars, int paragraph, List<TextUnit> units)
    {
        while (end - start > maxChars)
        {
            var cut = Cut(text, start, start + maxChars);
            units.Add(new TextUnit(start, TrimEnd(text, start, cut), paragraph));
            start = SkipSpace(text, cut, end);
        }

        units.Add(new TextUnit(start, end, paragraph));
    }

    /// <summary>Where to cut before <paramref name="limit"/>: a line break, a clause end, white space, else the limit (never inside a surrogate pair).</summary>
    private static int Cut(string text, int start, int limit)
    {
        var floor = start + (limit - start) / 2;
        var window = text.AsSpan(floor, limit - floor);
        var at = window.LastIndexOf('\n');
        if (at < 0 && window.LastIndexOfAny(ClauseEnds) is var clause and >= 0) at = clause + 1;
        if (at < 0)
        {
            for (var k = window.Length - 1; k > 0 && at < 0; k--)
            {
                if (char.IsWhiteSpace(window[k])) at = k;
            }
        }

        if (at > 0)
        {
            return floor + at;
        }

        return char.IsLowSurrogate(text[limit]) ? limit - 1 : limit;
    }

    internal static int SkipSpace(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        return start;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return end;
    }
}
