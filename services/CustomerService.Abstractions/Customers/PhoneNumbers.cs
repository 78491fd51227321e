namespace CustomerService.Abstractions.Customers;

/// <summary>
/// One spelling per phone number, so that the same number verified on two channels matches:
/// <c>+86 138-0013-8000</c>, <c>008613800138000</c> and <c>13800138000</c> are all <c>+8613800138000</c>.
/// </summary>
public static class PhoneNumbers
{
    /// <summary>
    /// E.164 (<c>+</c> and 8 to 15 digits). Without a country code only a mainland China mobile number
    /// (11 digits starting with 1) is understood; anything else is ambiguous and refused.
    /// </summary>
    public static bool TryNormalize(string? text, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return false;
        }

        var international = false;
        Span<char> digits = stackalloc char[32];
        var count = 0;
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiDigit(c)) digits[count++] = c;
            else if (c == '+' && count == 0 && !international) international = true;
            else if (c is not (' ' or '-' or '(' or ')' or '.')) return false;
        }

        ReadOnlySpan<char> number = digits[..count];
        if (!international && number.StartsWith("00"))
        {
            international = true;
            number = number[2..];
        }

        // A mainland mobile number with its country code but no "+" (8613800138000), or without either.
        if (!international && number.Length == 13 && number.StartsWith("861"))
        {
            international = true;
        }
        else if (!international && number.Length == 11 && number[0] == '1')
        {
            normalized = $"+86{number}";
            return true;
        }

        if (!international || number.Length is < 8 or > 15 || number[0] == '0')
        {
            return false;
        }

        normalized = $"+{number}";
        return true;
    }
}
