using System.Globalization;
using System.Text;

namespace CustomerService.Core.Policies;

/// <summary>
/// A text folded for matching (NFKC, lower case: "ＶＩＰ", "Vip" and "vip" meet), which remembers where each
/// folded character came from so that a match can be masked in the original text.
/// </summary>
internal sealed class FoldedText
{
    // For each folded char: where the original rune it came from starts and ends.
    private readonly (int Start, int End)[] _origin;

    private FoldedText(string value, (int Start, int End)[] origin) => (Value, _origin) = (value, origin);

    public string Value { get; }

    /// <summary>Folds a word or phrase from settings, the same way messages are folded.</summary>
    public static string Fold(string text) => Of(text).Value;

    public static FoldedText Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = new StringBuilder(text.Length);
        var origin = new List<(int Start, int End)>(text.Length);
        // Rune by rune rather than the whole string at once: each folded char then maps back to exactly one
        // original rune. Width and case folding are per character, so nothing a customer can type escapes it.
        for (var i = 0; i < text.Length;)
        {
            // A lone surrogate decodes as U+FFFD (one char), so a malformed message still folds.
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            var folded = rune.ToString().Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
            value.Append(folded);
            origin.AddRange(Enumerable.Repeat((i, i + consumed), folded.Length));
            i += consumed;
        }

        return new FoldedText(value.ToString(), [.. origin]);
    }

    /// <summary>Every start of <paramref name="foldedWord"/> in <see cref="Value"/>, overlapping ones included.</summary>
    public IEnumerable<int> Occurrences(string foldedWord)
    {
        if (foldedWord.Length == 0)
        {
            yield break;
        }

        for (var at = Value.IndexOf(foldedWord, StringComparison.Ordinal); at >= 0;
             at = at + 1 < Value.Length ? Value.IndexOf(foldedWord, at + 1, StringComparison.Ordinal) : -1)
        {
            yield return at;
        }
    }

    /// <summary>The original text's UTF-16 range [start, end) behind the folded range [start, start + length).</summary>
    public (int Start, int End) Original(int start, int length) => (_origin[start].Start, _origin[start + length - 1].End);
}
