using CustomerService.Core.Agent;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Policies.SensitiveWords;

/// <summary>
/// Words the bot refuses or hides. Matching ignores case and width and finds a word anywhere in a message;
/// an <see cref="Allow"/> phrase that contains a matched word takes it back ("抗癌药物咨询" despite "药物").
/// The lists have no defaults in code: a configured list would be appended to them, never replace them.
/// </summary>
public sealed class SensitiveWordsOptions
{
    public const string SectionName = "SensitiveWords";

    /// <summary>A message containing one of these is answered with <see cref="BlockedReply"/> and written to the audit log.</summary>
    public List<string> Block { get; set; } = [];

    /// <summary>Replaced with one <c>*</c> per character before the responder (or an LLM) sees the message.</summary>
    public List<string> Mask { get; set; } = [];

    /// <summary>Phrases that are fine although they contain a blocked or masked word.</summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>The neutral reply to a blocked message, by language (<c>zh</c>, <c>en</c>).</summary>
    public Dictionary<string, string> BlockedReply { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "抱歉，您的消息包含不当内容，无法处理。如需帮助请换一种说法。",
        ["en"] = "Sorry, your message contains content we can't process. Please rephrase it if you need help.",
    };
}

internal sealed class SensitiveWordsOptionsValidator : IValidateOptions<SensitiveWordsOptions>
{
    public ValidateOptionsResult Validate(string? name, SensitiveWordsOptions options)
    {
        List<string> errors = [.. ReplyLanguage.Missing(options.BlockedReply).Select(l => $"SensitiveWords:BlockedReply:{l} must be set.")];
        AddEmpty(errors, nameof(options.Block), options.Block);
        AddEmpty(errors, nameof(options.Mask), options.Mask);
        AddEmpty(errors, nameof(options.Allow), options.Allow);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // A word that folds to nothing would match every message: blocking everything by a typo.
    private static void AddEmpty(List<string> errors, string list, List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(words[i]) || FoldedText.Fold(words[i].Trim()).Length == 0)
            {
                errors.Add($"SensitiveWords:{list}:{i} must not be empty.");
            }
        }
    }
}
