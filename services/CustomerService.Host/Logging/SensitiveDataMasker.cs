using System.Text.RegularExpressions;

namespace CustomerService.Host.Logging;

/// <summary>
/// Masks mainland-China mobile numbers (138****5678) and resident ID numbers (110***********123X)
/// wherever they appear in a log line: a safety net under the rule that customer text is not logged.
/// </summary>
internal static partial class SensitiveDataMasker
{
    public static string Mask(string text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(char.IsAsciiDigit))
        {
            return text;
        }

        var masked = IdCardNumber().Replace(text, m => Keep(m.Value, 3, 4));
        return MobileNumber().Replace(masked, m => MaskMobile(m.Value));
    }

    private static string MaskMobile(string value)
    {
        var digits = value.Where(char.IsAsciiDigit).ToArray();
        var national = new string(digits[^11..]);
        var prefix = digits.Length > 11 ? value[..(value.IndexOf(national[0], value.StartsWith('+') ? 3 : 2))] : "";
        return prefix + national[..3] + "****" + national[^4..];
    }

    private static string Keep(string value, int head, int tail) =>
        value[..head] + new string('*', value.Length - head - tail) + value[^tail..];

    // 18-digit IDs (last may be X) and the older 15-digit form; not inside a longer run of digits.
    [GeneratedRegex(@"(?<![0-9])(?:[1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14})(?![0-9Xx])")]
    private static partial Regex IdCardNumber();

    // 1[3-9]x xxxx xxxx, optionally +86/86 and spaces or hyphens between the groups.
    [GeneratedRegex(@"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])")]
    private static partial Regex MobileNumber();
}
