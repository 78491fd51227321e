using System.Text;

namespace CustomerService.Core.Conversations;

/// <summary>A message folded for comparing whole messages and phrases: width and case folded, only letters and digits kept.</summary>
internal static class WholeMessage
{
    public static string Squash(string text) =>
        string.Concat(text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Where(char.IsLetterOrDigit));
}
