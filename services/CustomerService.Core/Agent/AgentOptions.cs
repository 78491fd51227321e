using Microsoft.Extensions.Options;

namespace CustomerService.Core.Agent;

public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>Below this confidence the bot does not answer: it replies with the fallback and hands off.</summary>
    public double AnswerThreshold { get; set; } = 0.8;

    /// <summary>The fallback reply by language (<c>zh</c>, <c>en</c>); the customer's script picks one.</summary>
    public Dictionary<string, string> FallbackMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A calibration written by the eval runner's <c>calibrate</c> command; when set, confidence is the
    /// probability that the answer is right rather than the raw similarity. Empty: uncalibrated.
    /// </summary>
    public string? CalibrationFile { get; set; }

    /// <summary>
    /// Between this confidence and <see cref="AnswerThreshold"/> the bot does not answer but offers up to three
    /// numbered suggestions ("您是不是想问…"); below it, it asks the customer to rephrase, and hands off at the second miss.
    /// </summary>
    public double SuggestThreshold { get; set; } = 0.5;

    /// <summary>How follow-ups ("那新疆呢", "what about points") are recognised.</summary>
    public FollowUps.FollowUpOptions FollowUps { get; set; } = new();

    /// <summary>Per-channel overrides of the two thresholds (e.g. a stricter answer threshold on WeCom).</summary>
    public Dictionary<string, ChannelThresholds> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public double AnswerThresholdFor(string channel) =>
        Channels.TryGetValue(channel, out var c) && c.AnswerThreshold is { } t ? t : AnswerThreshold;

    public double SuggestThresholdFor(string channel) =>
        Channels.TryGetValue(channel, out var c) && c.SuggestThreshold is { } t ? t : SuggestThreshold;

    /// <summary>How long a customer asked to rephrase may stay unresolved before the durable timer hands off.</summary>
    public TimeSpan ClarifyWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The line before the suggestions, by language.</summary>
    public Dictionary<string, string> SuggestMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "您是不是想问：",
        ["en"] = "Did you mean:",
    };

    /// <summary>The line after the suggestions, by language.</summary>
    public Dictionary<string, string> PickMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "回复序号即可查看答案。",
        ["en"] = "Reply with a number to see the answer.",
    };

    /// <summary>The first miss's reply, by language: ask for other words before handing off.</summary>
    public Dictionary<string, string> ClarifyMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "抱歉，我没能理解您的问题。能换个说法，或补充一些细节（比如商品名、订单情况）吗？",
        ["en"] = "Sorry, I didn't quite understand. Could you put it another way, or add a detail such as the product or the order?",
    };

    /// <summary>
    /// What an FAQ answer's confidence is computed from: <see cref="AnswerScoring.Similarity"/> (default: the best
    /// question's similarity) or <see cref="AnswerScoring.IntentClassifier"/> (the probability of a classifier trained
    /// on the entries' questions; needs a calibration fitted on it, and sharper on large intent sets).
    /// </summary>
    public AnswerScoring Scoring { get; set; } = AnswerScoring.Similarity;

    /// <summary>Which indexes propose the answer's candidates: Hybrid (default), Lexical or Vector.</summary>
    public Knowledge.Retrieval.SearchMode Retrieval { get; set; } = Knowledge.Retrieval.SearchMode.Hybrid;
}

/// <summary>What an answer candidate's raw score is; a calibration is fitted on, and only valid for, one of them.</summary>
public enum AnswerScoring
{
    Similarity,
    IntentClassifier,
}

/// <summary>What one channel sets differently; unset values fall back to the agent's.</summary>
public sealed class ChannelThresholds
{
    public double? AnswerThreshold { get; set; }

    public double? SuggestThreshold { get; set; }
}

internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        List<string> errors = [];
        if (double.IsNaN(options.AnswerThreshold) || options.AnswerThreshold is < 0 or > 1)
        {
            errors.Add($"Agent:AnswerThreshold must be between 0 and 1 (was {options.AnswerThreshold}).");
        }

        errors.AddRange(ReplyLanguage.Missing(options.FallbackMessages).Select(l => $"Agent:FallbackMessages:{l} must be set."));
        errors.AddRange(ReplyLanguage.Missing(options.SuggestMessages).Select(l => $"Agent:SuggestMessages:{l} must be set."));
        errors.AddRange(ReplyLanguage.Missing(options.PickMessages).Select(l => $"Agent:PickMessages:{l} must be set."));
        errors.AddRange(ReplyLanguage.Missing(options.ClarifyMessages).Select(l => $"Agent:ClarifyMessages:{l} must be set."));
        if (double.IsNaN(options.SuggestThreshold) || options.SuggestThreshold < 0 || options.SuggestThreshold > options.AnswerThreshold)
        {
            errors.Add($"Agent:SuggestThreshold must be between 0 and Agent:AnswerThreshold (was {options.SuggestThreshold}).");
        }

        if (options.ClarifyWindow <= TimeSpan.Zero) errors.Add("Agent:ClarifyWindow must be positive.");
        if (!(options.FollowUps.SubjectLead >= 1)) errors.Add($"Agent:FollowUps:SubjectLead must be at least 1 (was {options.FollowUps.SubjectLead}).");
        if (options.FollowUps.MaxLength is < 1 or > 200) errors.Add($"Agent:FollowUps:MaxLength must be between 1 and 200 (was {options.FollowUps.MaxLength}).");
        if (options.FollowUps.LeadingMarkers.Concat(options.FollowUps.TrailingMarkers).Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Agent:FollowUps markers must not be empty.");
        }
        foreach (var (channel, thresholds) in options.Channels)
        {
            var (answer, suggest) = (options.AnswerThresholdFor(channel), options.SuggestThresholdFor(channel));
            if (thresholds.AnswerThreshold is { } a && (double.IsNaN(a) || a is < 0 or > 1))
            {
                errors.Add($"Agent:Channels:{channel}:AnswerThreshold must be between 0 and 1 (was {a}).");
            }
            else if (double.IsNaN(suggest) || suggest < 0 || suggest > answer)
            {
                errors.Add($"Agent:Channels:{channel}:SuggestThreshold must be between 0 and that channel's answer threshold (was {suggest}).");
            }
        }
        if (options.CalibrationFile is { Length: > 0 } file)
        {
            if (!File.Exists(file))
            {
                errors.Add($"Agent:CalibrationFile '{file}' does not exist.");
            }
            else
            {
                try
                {
                    var model = Calibration.CalibrationModel.FromJson(File.ReadAllText(file));
                    if (model.Scoring != options.Scoring)
                    {
                        errors.Add($"Agent:CalibrationFile '{file}' was fitted on {model.Scoring} scores but Agent:Scoring is {options.Scoring}.");
                    }
                }
                catch (FormatException e)
                {
                    errors.Add($"Agent:CalibrationFile '{file}': {e.Message}.");
                }
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
