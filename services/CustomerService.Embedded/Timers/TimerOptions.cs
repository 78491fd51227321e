using Microsoft.Extensions.Options;

namespace CustomerService.Embedded.Timers;

public sealed class TimerOptions
{
    public const string SectionName = "Timers";

    /// <summary>Upper bound on how late a timer fires after its due time.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int MaxAttempts { get; set; } = 5;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    public int BatchSize { get; set; } = 64;
}

internal sealed class TimerOptionsValidator : IValidateOptions<TimerOptions>
{
    public ValidateOptionsResult Validate(string? name, TimerOptions o)
    {
        List<string> errors = [];
        if (o.PollInterval <= TimeSpan.Zero) errors.Add("Timers:PollInterval must be positive.");
        if (o.MaxAttempts is < 1 or > 100) errors.Add($"Timers:MaxAttempts must be between 1 and 100 (was {o.MaxAttempts}).");
        if (o.InitialBackoff <= TimeSpan.Zero) errors.Add("Timers:InitialBackoff must be positive.");
        if (o.MaxBackoff < o.InitialBackoff) errors.Add("Timers:MaxBackoff must be at least Timers:InitialBackoff.");
        if (o.BatchSize is < 1 or > 10_000) errors.Add($"Timers:BatchSize must be between 1 and 10000 (was {o.BatchSize}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
