using System.Text;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// A reply cut to WeCom's text limit (spec §9: <c>text.content</c> ≤ 2048 bytes, UTF-8): split into at most
/// <see cref="MaxParts"/> messages, each cut after a line break or a sentence's end where one lies in its second half,
/// never inside a character; what would not fit in the last part is cut with "…". More parts than that would run into
/// WeCom's per-member limit (30 messages a minute) and no customer reads them in a chat.
/// </summary>
public static class WeComTextParts
{
    public const int MaxBytes = 2048;
    public const int MaxParts = 4;
    private const string Ellipsis = "…";
    private static readonly char[] BreakAfter = ['\n', '。', '！', '？', '；', '.', '!', '?', ';'];

    public static IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<string> parts = [];
        var rest = text.Trim();
        while (rest.Length > 0)
        {
            if (Encoding.UTF8.GetByteCount(rest) <= MaxBytes)
            {
                parts.Add(rest);
                break;
            }

            if (parts.Count == MaxParts - 1)
            {
                parts.Add(rest[..FittingLength(rest, MaxBytes - Encoding.UTF8.GetByteCount(Ellipsis))].TrimEnd() + Ellipsis);
                break;
            }

            var fits = FittingLength(rest, MaxBytes);
            var cut = rest.LastIndexOfAny(BreakAfter, fits - 1) + 1;
            if (cut < fits / 2)
            {
                cut = fits; // no break in the second half: cut where the bytes run out
            }

            parts.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        return parts;
    }

    /// <summary>The most chars of <paramref name="text"/> whose UTF-8 fits in <paramref name="bytes"/>, whole characters only.</summary>
    private static int FittingLength(string text, int bytes)
    {
        var (chars, used) = (0, 0);
        foreach (var rune in text.EnumerateRunes())
        {
            used += rune.Utf8SequenceLength;
            if (used > bytes)
            {
                break;
            }

            chars += rune.Utf16SequenceLength;
        }

        return chars;
    }
}
