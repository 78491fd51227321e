namespace CustomerService.Core.Knowledge.Matching;

/// <summary>
/// What the intent classifier sees of a text, in two groups weighed alike: the matching terms of
/// <see cref="TextAnalyzer"/> (stemmed words, word bigrams, Chinese unigrams and bigrams), and the character
/// 2- to 5-grams of each Latin word with its boundaries (<c>" re", "ref", …, "nd "</c>), which carry
/// morphology and typos ("refnd") that whole words miss.
/// </summary>
internal static class IntentFeatures
{
    /// <summary>Term counts per group; a feature is its group's prefix and its characters.</summary>
    public static Dictionary<string, int>[] Count(string text)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in TextAnalyzer.Terms(text))
        {
            Add(terms, "w:" + term);
        }

        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        var normalized = TextAnalyzer.Normalize(text);
        var i = 0;
        while (i < normalized.Length)
        {
            if (!char.IsLetterOrDigit(normalized[i]) || TextAnalyzer.IsCjk(normalized[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < normalized.Length && char.IsLetterOrDigit(normalized[i]) && !TextAnalyzer.IsCjk(normalized[i])) i++;
            var bounded = " " + normalized[start..i] + " ";
            for (var n = 2; n <= 5; n++)
            {
                for (var k = 0; k + n <= bounded.Length; k++)
                {
                    Add(grams, string.Concat("c:", bounded.AsSpan(k, n)));
                }
            }
        }

        return [terms, grams];
    }

    private static void Add(Dictionary<string, int> counts, string feature) => counts[feature] = counts.GetValueOrDefault(feature) + 1;
}
