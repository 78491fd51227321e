using System.Text.RegularExpressions;

namespace CustomerService.Core.Privacy;

/// <summary>
/// Masks mainland-China mobile numbers (138****5678), resident ID numbers (110***********4518) and
/// Luhn-valid bank-card numbers (6222 **** **** 1234) in free text. The one implementation behind log
/// masking and behind everything sent to an LLM: a customer's numbers never leave in clear.
/// </summary>
public static partial class PersonalDataMasker
{
    public static string Mask(string text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(char.IsAsciiDigit))
        {
            return text;
        }

        // IDs first: an 18-digit ID must not be read as a card. Mobiles before cards: "8613812345678"
        // is 13 digits and may pass Luhn, but it is a phone number and keeps the phone mask.
        var masked = IdCardNumber().Replace(text, m => Keep(m.Value, 3, 4));
        masked = MobileNumber().Replace(masked, m => MaskMobile(m.Value));
        return BankCardNumber().Replace(masked, m => MaskCard(m.Value));
    }

    private static string MaskMobile(string value)
    {
        var digits = value.Where(char.IsAsciiDigit).ToArray();
        var national = new string(digits[^11..]);
        var prefix = digits.Length > 11 ? value[..(value.IndexOf(national[0], value.StartsWith('+') ? 3 : 2))] : "";
        return prefix + national[..3] + "****" + national[^4..];
    }

    // Keeps the first and last four digits and every separator, so "6222 0212 3456 1234" stays readable
    // as a card to the model and to an agent: "6222 **** **** 1234".
    private static string MaskCard(string value)
    {
        var digits = value.Count(char.IsAsciiDigit);
        if (digits is < 13 or > 19 || !PassesLuhn(value))
        {
            return value;
        }

        var seen = 0;
        return string.Concat(value.Select(c =>
        {
            if (!char.IsAsciiDigit(c))
            {
                return c;
            }

            seen++;
            return seen <= 4 || seen > digits - 4 ? c : '*';
        }));
    }

    // The check digit every payment card carries: it tells a card from an order number or a timestamp.
    private static bool PassesLuhn(string value)
    {
        var sum = 0;
        var doubled = false;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                continue;
            }

            var digit = value[i] - '0';
            if (doubled)
            {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }

            sum += digit;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    private static string Keep(string value, int head, int tail) =>
        value[..head] + new string('*', value.Length - head - tail) + value[^tail..];

    // 18-digit IDs (last may be X) and the older 15-digit form; not inside a longer run of digits.
    [GeneratedRegex(@"(?<![0-9])(?:[1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14})(?![0-9Xx])")]
    private static partial Regex IdCardNumber();

    // 1[3-9]x xxxx xxxx, optionally +86/86 and spaces or hyphens between the groups.
    [GeneratedRegex(@"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])")]
    private static partial Regex MobileNumber();

    // 13–19 digits, contiguous or in groups of four split by one space or hyphen; the length and the Luhn
    // check are applied to each match. Hotlines (400-820-1234) have groups of three and never match.
    [GeneratedRegex(@"(?<![0-9*])[0-9]{4}(?:[ -]?[0-9]{4}){2,3}(?:[ -]?[0-9]{1,3})?(?![0-9*])")]
    private static partial Regex BankCardNumber();
}
