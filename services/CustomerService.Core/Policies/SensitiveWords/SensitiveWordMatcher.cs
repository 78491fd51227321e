using System.Text;

namespace CustomerService.Core.Policies.SensitiveWords;

/// <summary>Which configured word matched where: <see cref="Rule"/> names it by its settings key, never by the word.</summary>
internal sealed record SensitiveHit(string Rule, bool Blocks, int Start, int End);

/// <summary>The settings' lists folded once, and the search of a message against them (allow wins).</summary>
internal sealed class SensitiveWordMatcher(SensitiveWordsOptions settings)
{
    private readonly (string Rule, string Word)[] _block = Prepare(nameof(SensitiveWordsOptions.Block), settings.Block);
    private readonly (string Rule, string Word)[] _mask = Prepare(nameof(SensitiveWordsOptions.Mask), settings.Mask);
    private readonly string[] _allow = [.. settings.Allow.Select(a => FoldedText.Fold(a.Trim())).Where(a => a.Length > 0)];

    public SensitiveWordsOptions Settings { get; } = settings;

    /// <summary>Blocked and masked words in <paramref name="text"/>, in original-text positions, minus those inside an allowed phrase.</summary>
    public IReadOnlyList<SensitiveHit> Find(string text)
    {
        var folded = FoldedText.Of(text);
        var allowed = _allow.SelectMany(a => folded.Occurrences(a).Select(at => (Start: at, End: at + a.Length))).ToArray();
        return
        [
            .. Hits(folded, _block, blocks: true, allowed),
            .. Hits(folded, _mask, blocks: false, allowed),
        ];
    }

    /// <summary>
    /// The text with each hit hidden: a run of blocked text becomes "***" (its length says nothing either),
    /// a masked word one "*" per character so that the reader still sees the sentence's shape.
    /// </summary>
    public static string Redact(string text, IEnumerable<SensitiveHit> hits)
    {
        var marks = new byte[text.Length]; // 0 keep, 1 mask, 2 block
        foreach (var hit in hits)
        {
            for (var i = hit.Start; i < hit.End; i++)
            {
                marks[i] = Math.Max(marks[i], hit.Blocks ? (byte)2 : (byte)1);
            }
        }

        var redacted = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out _, out var consumed);
            switch (marks[i])
            {
                case 2 when i == 0 || marks[i - 1] != 2: redacted.Append("***"); break;
                case 2: break;
                case 1: redacted.Append('*'); break;
                default: redacted.Append(text, i, consumed); break;
            }

            i += consumed;
        }

        return redacted.ToString();
    }

    private static IEnumerable<SensitiveHit> Hits(FoldedText folded, (string Rule, string Word)[] words, bool blocks, (int Start, int End)[] allowed) =>
        from w in words
        from at in folded.Occurrences(w.Word)
        where !allowed.Any(a => a.Start <= at && at + w.Word.Length <= a.End)
        let original = folded.Original(at, w.Word.Length)
        select new SensitiveHit(w.Rule, blocks, original.Start, original.End);

    private static (string Rule, string Word)[] Prepare(string list, List<string> words) =>
        [.. words.Select((w, i) => ($"{SensitiveWordsOptions.SectionName}:{list}:{i}", FoldedText.Fold(w.Trim()))).Where(w => w.Item2.Length > 0)];
}
