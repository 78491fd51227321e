using CustomerService.Abstractions.Customers;

namespace CustomerService.Embedded.Customers;

/// <summary>A verified identifier as stored: its kind and its (normalised) value.</summary>
internal sealed record Identifier(string Kind, string Value);

internal static class CustomerIdentifiers
{
    public const string Phone = "phone";
    public const string WeComUnionId = "wecom_unionid";
    public const string WeComExternalUserId = "wecom_external_userid";
    public const string SiteUser = "site_user";

    /// <summary>
    /// The identity's identifiers, strongest first: a UnionID is one WeChat user for good, an external_userid and a
    /// website login are vouched for by their platform, while a phone number may have been recycled to someone else.
    /// </summary>
    public static IReadOnlyList<Identifier> Of(VerifiedIdentity? identity)
    {
        if (identity is null)
        {
            return [];
        }

        List<Identifier> identifiers = [];
        Add(WeComUnionId, identity.WeComUnionId);
        Add(WeComExternalUserId, identity.WeComExternalUserId);
        Add(SiteUser, identity.SiteUserId);
        Add(Phone, identity.Phone);
        return identifiers;

        void Add(string kind, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) identifiers.Add(new Identifier(kind, value.Trim()));
        }
    }

    /// <summary>
    /// Whether one customer may hold both sets. A customer has one phone, one UnionID and one website login;
    /// external_userids are one per WeCom corp, so several are normal.
    /// </summary>
    public static bool Compatible(IEnumerable<Identifier> held, IEnumerable<Identifier> added) => Clash(held, added) is null;

    /// <summary>The first kind the two sets hold different values of, or null when they agree.</summary>
    public static string? Clash(IEnumerable<Identifier> held, IEnumerable<Identifier> added) =>
        held.Concat(added)
            .Where(i => i.Kind != WeComExternalUserId)
            .GroupBy(i => i.Kind, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Select(i => i.Value).Distinct(StringComparer.Ordinal).Skip(1).Any())?.Key;
}
