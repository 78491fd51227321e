using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Tickets;
using CustomerService.Evals.Suites;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.Evals.Running;

/// <summary>
/// What a turn did to the customer beyond its reply — tags added, tickets opened — read from the in-process
/// host's own stores before and after the turn. A remote instance is not observed: its outcomes report none.
/// Tags and tickets belong to the customer's OneID, found from the channel account the turn was played on (the suite's
/// customer id on that channel).
/// </summary>
internal sealed class CustomerObserver(IServiceProvider services)
{
    private readonly ICustomerDirectory _directory = services.GetRequiredService<ICustomerDirectory>();
    private readonly ICustomerTags _tags = services.GetRequiredService<ICustomerTags>();
    private readonly ITicketStore _tickets = services.GetRequiredService<ITicketStore>();

    public async Task<Snapshot> TakeAsync(string channel, string customerId, CancellationToken cancellationToken)
    {
        var (tags, tickets) = await ReadAsync(channel, customerId, cancellationToken);
        return new([.. tags], [.. tickets.Select(t => t.Id)]);
    }

    /// <summary>The turn's outcome with what changed between the two snapshots.</summary>
    public async Task<TurnOutcome> CompleteAsync(TurnOutcome outcome, string channel, string customerId, Snapshot before, CancellationToken cancellationToken)
    {
        var (tags, tickets) = await ReadAsync(channel, customerId, cancellationToken);
        return outcome with
        {
            TagsAdded = [.. tags.Except(before.Tags, StringComparer.Ordinal)],
            Tickets = [.. tickets.Where(t => !before.Tickets.Contains(t.Id)).Select(t => new TicketOutcome(t.Category, t.Urgency.ToString().ToLowerInvariant()))],
        };
    }

    /// <summary>The customer's tags and tickets, each read once; none when the account has not written yet.</summary>
    private async Task<(IEnumerable<string> Tags, IReadOnlyList<Ticket> Tickets)> ReadAsync(string channel, string customerId, CancellationToken cancellationToken)
    {
        if (await OneIdAsync(channel, customerId, cancellationToken) is not { } oneId)
        {
            return ([], []); // not written yet: nothing to have
        }

        return ((await _tags.ListAsync(oneId, cancellationToken)).Select(t => t.Tag), await _tickets.ListByCustomerAsync(oneId, cancellationToken));
    }

    private async Task<string?> OneIdAsync(string channel, string customerId, CancellationToken cancellationToken) =>
        (await _directory.FindByAccountAsync(new ChannelAccount(channel, customerId), cancellationToken))?.Id;

    internal sealed record Snapshot(IReadOnlyList<string> Tags, IReadOnlyList<string> Tickets);
}
