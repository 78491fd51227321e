using CustomerService.Core.Knowledge.Matching;

namespace CustomerService.Core.Agent;

/// <summary>Which language to answer in when the reply is ours rather than a knowledge entry's.</summary>
public static class ReplyLanguage
{
    public static readonly string[] Supported = ["zh", "en"];

    public static string Of(string text) => text.Any(TextAnalyzer.IsCjk) ? "zh" : "en";

    public static string Pick(IReadOnlyDictionary<string, string> messages, string customerText) =>
        messages.TryGetValue(Of(customerText), out var message) ? message : messages["zh"];

    internal static IEnumerable<string> Missing(IReadOnlyDictionary<string, string> messages) =>
        Supported.Where(l => !messages.TryGetValue(l, out var m) || string.IsNullOrWhiteSpace(m));
}
