using CustomerService.Core.Privacy;

namespace CustomerService.Host.Logging;

/// <summary>
/// Masks mobile numbers (138****5678), resident ID numbers (110***********123X) and bank-card numbers
/// wherever they appear in a log line: a safety net under the rule that customer text is not logged.
/// The rules are <see cref="PersonalDataMasker"/>'s, the same ones applied before text goes to an LLM.
/// </summary>
internal static class SensitiveDataMasker
{
    public static string Mask(string text) => PersonalDataMasker.Mask(text);
}
