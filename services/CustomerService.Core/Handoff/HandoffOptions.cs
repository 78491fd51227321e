using CustomerService.Core.Agent;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Handoff;

public sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>Phrases with which a customer asks for a person, anywhere in a message (case and spaces ignored).</summary>
    public List<string> RequestPhrases { get; set; } = [];

    /// <summary>
    /// Words that ask for a person only as the whole message: "人工" alone is a request, while inside
    /// "人工智能" it is not.
    /// </summary>
    public List<string> RequestMessages { get; set; } = [];

    /// <summary>The reply to such a request, by language (<c>zh</c>, <c>en</c>).</summary>
    public Dictionary<string, string> RequestedMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The customer asking the same question this many times (this message included) hands off.</summary>
    public int RepeatLimit { get; set; } = 3;

    /// <summary>Character-bigram Jaccard similarity from which two questions count as the same one.</summary>
    public double RepeatSimilarity { get; set; } = 0.8;

    /// <summary>
    /// Shorter messages (letters and digits only) are not questions for the repeat count: "好的", "ok"
    /// and "谢谢" come back in every conversation without meaning the bot failed.
    /// </summary>
    public int RepeatMinLength { get; set; } = 3;

    /// <summary>The reply when a question comes back <see cref="RepeatLimit"/> times, by language.</summary>
    public Dictionary<string, string> RepeatedMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "抱歉，我的回答没能解决您的问题，正在为您转接人工客服，请稍候。",
        ["en"] = "Sorry my answers haven't solved this for you. I'm connecting you to a human agent now; please hold on.",
    };

    /// <summary>This many bot replies in a row below <c>Agent:AnswerThreshold</c> hand the next turn off.</summary>
    public int UnansweredLimit { get; set; } = 2;

    /// <summary>The reply after <see cref="UnansweredLimit"/> unanswered turns, by language.</summary>
    public Dictionary<string, string> UnansweredMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "抱歉，我暂时没能回答好您的问题，正在为您转接人工客服，请稍候。",
        ["en"] = "Sorry I haven't been able to answer your questions. I'm connecting you to a human agent now; please hold on.",
    };

    /// <summary>A message whose sentiment score (-1 … 1) is below this hands off.</summary>
    public double SentimentThreshold { get; set; } = -0.6;

    /// <summary>The empathetic reply to an upset customer, by language.</summary>
    public Dictionary<string, string> SentimentMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "非常抱歉给您带来不好的体验，我马上为您转接人工客服。",
        ["en"] = "I'm very sorry for the trouble. I'm connecting you to a human agent right away.",
    };

    /// <summary>
    /// Words and phrases added to the built-in sentiment lexicon, with their weight from -1 (strongest)
    /// to 0; 0 switches a built-in word off.
    /// </summary>
    public Dictionary<string, double> NegativeWords { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class HandoffOptionsValidator : IValidateOptions<HandoffOptions>
{
    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        List<string> errors = [.. ReplyLanguage.Missing(options.RequestedMessages).Select(l => $"Handoff:RequestedMessages:{l} must be set.")];
        for (var i = 0; i < options.RequestPhrases.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.RequestPhrases[i])) errors.Add($"Handoff:RequestPhrases:{i} must not be empty.");
        }

        for (var i = 0; i < options.RequestMessages.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.RequestMessages[i])) errors.Add($"Handoff:RequestMessages:{i} must not be empty.");
        }

        if (options.RepeatLimit is < 2 or > 10) errors.Add($"Handoff:RepeatLimit must be between 2 and 10 (was {options.RepeatLimit}).");
        if (double.IsNaN(options.RepeatSimilarity) || options.RepeatSimilarity is < 0.5 or > 1)
        {
            errors.Add($"Handoff:RepeatSimilarity must be between 0.5 and 1 (was {options.RepeatSimilarity}).");
        }

        if (options.RepeatMinLength is < 1 or > 20) errors.Add($"Handoff:RepeatMinLength must be between 1 and 20 (was {options.RepeatMinLength}).");
        if (options.UnansweredLimit is < 1 or > 10) errors.Add($"Handoff:UnansweredLimit must be between 1 and 10 (was {options.UnansweredLimit}).");
        if (double.IsNaN(options.SentimentThreshold) || options.SentimentThreshold is <= -1 or >= 0)
        {
            errors.Add($"Handoff:SentimentThreshold must be between -1 and 0, exclusive (was {options.SentimentThreshold}).");
        }

        errors.AddRange(ReplyLanguage.Missing(options.RepeatedMessages).Select(l => $"Handoff:RepeatedMessages:{l} must be set."));
        errors.AddRange(ReplyLanguage.Missing(options.UnansweredMessages).Select(l => $"Handoff:UnansweredMessages:{l} must be set."));
        errors.AddRange(ReplyLanguage.Missing(options.SentimentMessages).Select(l => $"Handoff:SentimentMessages:{l} must be set."));
        foreach (var (word, weight) in options.NegativeWords)
        {
            if (string.IsNullOrWhiteSpace(word)) errors.Add("Handoff:NegativeWords must not contain an empty word.");
            else if (double.IsNaN(weight) || weight is < -1 or > 0) errors.Add($"Handoff:NegativeWords:{word} must be between -1 and 0 (was {weight}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
