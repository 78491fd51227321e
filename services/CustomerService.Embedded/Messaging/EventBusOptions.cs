using Microsoft.Extensions.Options;

namespace CustomerService.Embedded.Messaging;

public sealed class EventBusOptions
{
    public const string SectionName = "EventBus";

    /// <summary>Attempts per delivery before it is parked in the dead-letter table.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the outbox is polled when nothing wakes it (retries become due this way).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 64;

    /// <summary>False on an instance that should only enqueue; another instance drains the outbox.</summary>
    public bool DispatchEnabled { get; set; } = true;
}

internal sealed class EventBusOptionsValidator : IValidateOptions<EventBusOptions>
{
    public ValidateOptionsResult Validate(string? name, EventBusOptions o)
    {
        List<string> errors = [];
        if (o.MaxAttempts is < 1 or > 100) errors.Add($"EventBus:MaxAttempts must be between 1 and 100 (was {o.MaxAttempts}).");
        if (o.InitialBackoff <= TimeSpan.Zero) errors.Add("EventBus:InitialBackoff must be positive.");
        if (o.MaxBackoff < o.InitialBackoff) errors.Add("EventBus:MaxBackoff must be at least EventBus:InitialBackoff.");
        if (o.PollInterval <= TimeSpan.Zero) errors.Add("EventBus:PollInterval must be positive.");
        if (o.BatchSize is < 1 or > 10_000) errors.Add($"EventBus:BatchSize must be between 1 and 10000 (was {o.BatchSize}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
