namespace CustomerService.Abstractions.Messaging;

/// <summary>A delivery that failed every attempt and was parked for an operator.</summary>
public sealed record DeadLetter(
    long Id,
    Guid EventId,
    string EventType,
    string Subscriber,
    int Attempts,
    string? LastError,
    DateTimeOffset DeadAt);

public interface IDeadLetterQueue
{
    Task<IReadOnlyList<DeadLetter>> ListAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Puts a parked delivery back in the queue; false when the id is unknown.</summary>
    Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default);
}
