namespace CustomerService.Abstractions.Audit;

/// <summary>
/// One thing compliance may need to see later (a blocked message …). <see cref="Detail"/> is written
/// for a reviewer and never carries what it is about verbatim: a blocked word is masked before it is written.
/// </summary>
/// <param name="Id">Assigned by the log; ignored on write.</param>
/// <param name="Kind">What happened, a stable code such as <c>sensitive_words.blocked</c>.</param>
public sealed record AuditEntry(
    long Id,
    string Kind,
    string? ConversationId,
    string? CustomerId,
    string? Channel,
    string Detail,
    DateTimeOffset At);

/// <summary>An append-only log of what the bot refused or changed, for review; entries are never edited.</summary>
public interface IAuditLog
{
    Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The newest entries first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken = default);
}
