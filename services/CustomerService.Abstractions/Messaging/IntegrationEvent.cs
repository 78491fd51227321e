namespace CustomerService.Abstractions.Messaging;

/// <summary>
/// Base of every event that crosses a feature boundary. The id is the idempotency key:
/// publishing the same id twice delivers it once, and each subscriber handles it once.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Set by the publisher from its <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
