using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Tickets;
using CustomerService.Evals.Suites;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.Evals.Running;

/// <summary>
/// What a turn did to the customer beyond its reply — tags added, tickets opened — read from the in-process
/// host's own stores before and after the turn. A remote instance is not observed: its outcomes report none.
/// </summary>
internal sealed class CustomerObserver(IServiceProvider services)
{
    private readonly ICustomerTags _tags = services.GetRequiredService<ICustomerTags>();
    private readonly ITicketStore _tickets = services.GetRequiredService<ITicketStore>();

    public async Task<Snapshot> TakeAsync(string customerId, CancellationToken cancellationToken) =>
        new([.. (await _tags.ListAsync(customerId, cancellationToken)).Select(t => t.Tag)],
            [.. (await _tickets.ListByCustomerAsync(customerId, cancellationToken)).Select(t => t.Id)]);

    /// <summary>The turn's outcome with what changed between the two snapshots.</summary>
    public async Task<TurnOutcome> CompleteAsync(TurnOutcome outcome, string customerId, Snapshot before, CancellationToken cancellationToken)
    {
        var tickets = await _tickets.ListByCustomerAsync(customerId, cancellationToken);
        var after = await TakeAsync(customerId, cancellationToken);
        return outcome with
        {
            TagsAdded = [.. after.Tags.Except(before.Tags, StringComparer.Ordinal)],
            Tickets = [.. tickets.Where(t => !before.Tickets.Contains(t.Id)).Select(t => new TicketOutcome(t.Category, t.Urgency.ToString().ToLowerInvariant()))],
        };
    }

    internal sealed record Snapshot(IReadOnlyList<string> Tags, IReadOnlyList<string> Tickets);
}
