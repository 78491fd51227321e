using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;

namespace CustomerService.Core.Policies.AutoTagging;

/// <summary>Adds the tags rules gave a customer and announces each one the customer did not have yet.</summary>
public sealed class AutoTagger(ICustomerTags tags, IEventBus bus, TimeProvider time)
{
    /// <returns>The tags the customer did not have yet.</returns>
    public async Task<IReadOnlyList<string>> AddAsync(string customerId, IReadOnlyList<RuleTag> found, CancellationToken cancellationToken)
    {
        List<string> added = [];
        foreach (var (tag, source) in found)
        {
            // Added only when the customer did not have the tag, so the event fires once per customer and tag.
            if (await tags.AddAsync(customerId, tag, source, cancellationToken))
            {
                await bus.PublishAsync(new TagAdded(customerId, tag, source) { OccurredAt = time.GetUtcNow() }, cancellationToken);
                added.Add(tag);
            }
        }

        return added;
    }
}
