namespace CustomerService.Abstractions.Tickets;

public interface ITicketStore
{
    /// <summary>
    /// Stores a new ticket under an id the store assigns (readable, e.g. <c>T-000042</c>: customers
    /// read it out on the phone); the <see cref="Ticket.Id"/> passed in is ignored.
    /// </summary>
    /// <returns>The stored ticket with its id.</returns>
    Task<Ticket> CreateAsync(Ticket ticket, CancellationToken cancellationToken = default);

    Task<Ticket?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The customer's tickets, newest first.</summary>
    Task<IReadOnlyList<Ticket>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken = default);
}
