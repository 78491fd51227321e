using System.Globalization;
using System.Text.Json;
using CustomerService.Abstractions.Customers;

namespace CustomerService.Core.Customers;

/// <summary>
/// A JSON merge patch (RFC 7396) of the staff-maintained fields: a field left out stays, <c>null</c> clears it.
/// Everything else on a profile comes from verified channel data and cannot be patched.
/// </summary>
internal static class CustomerPatch
{
    public const string Example = """{"vipLevel":3,"lastHumanAgent":"agent-007","birthday":"1990-05-17","membershipExpiresAt":"2026-12-31T23:59:59+08:00"}""";
    private static readonly DateOnly EarliestBirthday = new(1900, 1, 1);

    public static CustomerProfileUpdate Parse(JsonElement patch, DateOnly today, Dictionary<string, string[]> errors)
    {
        var update = new CustomerProfileUpdate();
        foreach (var field in patch.EnumerateObject())
        {
            var value = field.Value;
            var clear = value.ValueKind == JsonValueKind.Null;
            switch (field.Name)
            {
                case "vipLevel":
                    if (clear) update = update with { VipLevel = new(null) };
                    else if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var level) && level is >= 0 and <= CustomerProfile.MaxVipLevel)
                        update = update with { VipLevel = new(level) };
                    else errors["vipLevel"] = [$"vipLevel must be a whole number from 0 to {CustomerProfile.MaxVipLevel}, or null to clear it."];
                    break;
                case "lastHumanAgent":
                    if (clear) update = update with { LastHumanAgent = new(null) };
                    else if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 and <= CustomerProfile.MaxAgentLength } agent
                        && !agent.Any(char.IsControl))
                        update = update with { LastHumanAgent = new(agent) };
                    else errors["lastHumanAgent"] = [$"lastHumanAgent must be the agent's id, 1 to {CustomerProfile.MaxAgentLength} characters, or null to clear it."];
                    break;
                case "birthday":
                    if (clear) update = update with { Birthday = new(null) };
                    else if (value.ValueKind == JsonValueKind.String
                        && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthday)
                        && birthday >= EarliestBirthday && birthday <= today)
                        update = update with { Birthday = new(birthday) };
                    else errors["birthday"] = ["birthday must be a date (yyyy-MM-dd) from 1900-01-01 to today, or null to clear it."];
                    break;
                case "membershipExpiresAt":
                    if (clear) update = update with { MembershipExpiresAt = new(null) };
                    else if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var expires))
                        update = update with { MembershipExpiresAt = new(expires) };
                    else errors["membershipExpiresAt"] = ["membershipExpiresAt must be an ISO 8601 date and time with its offset (2026-12-31T23:59:59+08:00), or null to clear it."];
                    break;
                default:
                    errors[field.Name] = [$"{field.Name} cannot be changed here: staff maintain vipLevel, lastHumanAgent, birthday and membershipExpiresAt."];
                    break;
            }
        }

        return update;
    }
}
