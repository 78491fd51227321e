namespace CustomerService.Core.Knowledge.Matching.Spelling;

/// <summary>
/// Toneless Mandarin readings of Chinese characters, modern readings only (from Unihan; see mandarin-readings.txt):
/// what a pinyin input method confuses. 退伙 for 退货 is one syllable, huo; 优惠卷 for 优惠券 shares the rhyme, uan.
/// </summary>
internal static class MandarinReadings
{
    private const string ResourceName = "Knowledge.mandarin-readings.txt";

    // Two-letter initials first, so "zhuan" loses "zh", not "z".
    private static readonly string[] Initials = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"];

    private static readonly Lazy<Dictionary<char, string[]>> Table = new(Load);

    public static IReadOnlyList<string> Of(char c) => Table.Value.TryGetValue(c, out var readings) ? readings : [];

    public static bool SameSyllable(char a, char b) => Of(a).Intersect(Of(b), StringComparer.Ordinal).Any();

    public static bool SameRhyme(char a, char b) => Of(a).Select(Rhyme).Intersect(Of(b).Select(Rhyme), StringComparer.Ordinal).Any();

    /// <summary>A syllable without its initial: "quan" → "uan", "zhuang" → "uang".</summary>
    internal static string Rhyme(string syllable)
    {
        foreach (var initial in Initials)
        {
            if (syllable.Length > initial.Length && syllable.StartsWith(initial, StringComparison.Ordinal))
            {
                return syllable[initial.Length..];
            }
        }

        return syllable;
    }

    private static Dictionary<char, string[]> Load()
    {
        using var stream = typeof(MandarinReadings).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var readings = new Dictionary<char, List<string>>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.IndexOf(' ');
            var syllable = line[..space];
            foreach (var c in line.AsSpan(space + 1))
            {
                if (!readings.TryGetValue(c, out var list))
                {
                    readings[c] = list = [];
                }

                list.Add(syllable);
            }
        }

        return readings.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
