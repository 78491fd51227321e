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

    /// <summary>Which indexes propose the answer's candidates: Hybrid (default), Lexical or Vector.</summary>
    public Knowledge.Retrieval.SearchMode Retrieval { get; set; } = Knowledge.Retrieval.SearchMode.Hybrid;
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
                    Calibration.CalibrationModel.FromJson(File.ReadAllText(file));
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
