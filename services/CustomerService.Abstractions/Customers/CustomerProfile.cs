namespace CustomerService.Abstractions.Customers;

/// <summary>A customer's account on one channel: the web chat visitor id, a WeCom external_userid, a DingTalk user id …</summary>
public sealed record ChannelAccount(string Channel, string AccountId);

/// <summary>
/// Identifiers a channel has verified itself (a website's signed login, a WeCom callback), never what a customer
/// typed: only these link accounts into one customer. Phone numbers are normalised (<see cref="PhoneNumbers"/>).
/// </summary>
public sealed record VerifiedIdentity(
    string? Phone = null,
    string? WeComUnionId = null,
    string? WeComExternalUserId = null,
    string? SiteUserId = null)
{
    public bool IsEmpty => Phone is null && WeComUnionId is null && WeComExternalUserId is null && SiteUserId is null;
}

/// <summary>
/// One customer across channels (OneID). Tags live in <see cref="ICustomerTags"/> under the same id.
/// VIP level, last human agent, birthday and membership expiry are maintained by staff.
/// </summary>
public sealed record CustomerProfile(
    string Id,
    IReadOnlyList<ChannelAccount> Accounts,
    string? VerifiedPhone,
    string? WeComUnionId,
    IReadOnlyList<string> WeComExternalUserIds,
    string? SiteUserId,
    int? VipLevel,
    string? LastHumanAgent,
    DateOnly? Birthday,
    DateTimeOffset? MembershipExpiresAt,
    DateTimeOffset CreatedAt)
{
    public const int MaxVipLevel = 99;
    public const int MaxAgentLength = 64;
}
