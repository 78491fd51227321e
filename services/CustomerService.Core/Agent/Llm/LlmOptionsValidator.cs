using Microsoft.Extensions.Options;

namespace CustomerService.Core.Agent.Llm;

/// <summary>Names each bad key; the api key's value is never echoed.</summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> errors = [];
        var hasModel = !string.IsNullOrWhiteSpace(options.Model);
        if (options.Endpoint is null && hasModel)
        {
            errors.Add("Llm:Endpoint must be set when Llm:Model is (or clear both to stay extractive).");
        }

        if (options.Endpoint is not null && !hasModel)
        {
            errors.Add("Llm:Model must be set when Llm:Endpoint is (or clear both to stay extractive).");
        }

        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"Llm:Endpoint must be an absolute http(s) URL (was '{endpoint}').");
        }

        if (double.IsNaN(options.TimeoutSeconds) || options.TimeoutSeconds is <= 0 or > 600)
        {
            errors.Add($"Llm:TimeoutSeconds must be above 0 and at most 600 (was {options.TimeoutSeconds}).");
        }

        if (options.MaxToolRounds is < 1 or > 16)
        {
            errors.Add($"Llm:MaxToolRounds must be between 1 and 16 (was {options.MaxToolRounds}).");
        }

        if (options.HistoryMessages is < 0 or > 50)
        {
            errors.Add($"Llm:HistoryMessages must be between 0 and 50 (was {options.HistoryMessages}).");
        }

        if (string.IsNullOrWhiteSpace(options.HandoffTool))
        {
            errors.Add("Llm:HandoffTool must name the hand-off tool.");
        }

        if (options.PromptsDirectory is { Length: > 0 } directory && !Directory.Exists(directory))
        {
            errors.Add($"Llm:PromptsDirectory '{directory}' does not exist.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
