namespace CustomerService.Abstractions.Customers;

/// <summary>A tag on a customer's profile and where it came from (<c>agent</c>, <c>rule:退货咨询用户</c>, <c>channel:…</c>).</summary>
public sealed record CustomerTag(string Tag, string Source, DateTimeOffset AddedAt);

/// <summary>The tags of each customer; a customer has a tag at most once.</summary>
public interface ICustomerTags
{
    /// <summary>Adds the tag; false when the customer already had it (its first source is kept).</summary>
    Task<bool> AddAsync(string customerId, string tag, string source, CancellationToken cancellationToken = default);

    /// <summary>Removes the tag; false when the customer did not have it.</summary>
    Task<bool> RemoveAsync(string customerId, string tag, CancellationToken cancellationToken = default);

    /// <summary>The customer's tags, oldest first.</summary>
    Task<IReadOnlyList<CustomerTag>> ListAsync(string customerId, CancellationToken cancellationToken = default);
}
