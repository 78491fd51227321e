using System.Globalization;
using System.Text.Json;
using CustomerService.Abstractions.Customers;

namespace CustomerService.Core.Customers.Behavior;

/// <summary>
/// A behaviour event as a site or marketing system reports it:
/// <c>{"eventId":"mall:evt-1","type":"link_clicked","properties":{"link":"coupon-1111"},"occurredAt":"2026-11-11T10:00:00+08:00"}</c>,
/// plus <c>channel</c> and <c>accountId</c> when the customer is named by a channel account rather than in the path.
/// </summary>
/// <param name="Properties">Names in ordinal order; numbers and booleans as their JSON text.</param>
internal sealed record BehaviorReport(
    string EventId, string Type, SortedDictionary<string, string> Properties, DateTimeOffset? OccurredAt, ChannelAccount? Account)
{
    public const string Example = """{"eventId":"mall:evt-1","type":"link_clicked","properties":{"link":"coupon-1111"}}""";
    public const int MaxIdLength = 128;
    public const int MaxTypeLength = 64;
    public const int MaxProperties = 32;
    public const int MaxValueLength = 256;

    // A clock a little ahead of ours is not an error; a report from next week is.
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(10);

    /// <summary>The report, or null with <paramref name="errors"/> naming each bad field.</summary>
    /// <param name="withAccount">True for the form that names the customer by <c>channel</c> and <c>accountId</c>.</param>
    public static BehaviorReport? Parse(JsonElement body, bool withAccount, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        string? eventId = null, type = null, channel = null, accountId = null;
        DateTimeOffset? occurredAt = null;
        SortedDictionary<string, string> properties = new(StringComparer.Ordinal);
        foreach (var field in body.EnumerateObject())
        {
            var value = field.Value;
            switch (field.Name)
            {
                case "eventId":
                    eventId = Id(value, "eventId", MaxIdLength, "the reporter's id of the event (a retry sends the same)", errors);
                    break;
                case "type":
                    type = Id(value, "type", MaxTypeLength, "what happened, e.g. link_clicked or campaign_joined", errors);
                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    ReadProperties(value, properties, errors);
                    break;
                case "properties" when value.ValueKind != JsonValueKind.Null:
                    errors["properties"] = ["properties must be an object of names to text, numbers or booleans, e.g. {\"link\":\"coupon-1111\"}."];
                    break;
                case "occurredAt" when value.ValueKind == JsonValueKind.Null:
                    break;
                case "occurredAt":
                    if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at) && at <= now + FutureTolerance)
                        occurredAt = at;
                    else errors["occurredAt"] = ["occurredAt must be an ISO 8601 date and time with its offset (2026-11-11T10:00:00+08:00), not in the future."];
                    break;
                case "channel" when withAccount:
                    channel = Id(value, "channel", MaxTypeLength, "the channel of the customer's account, e.g. webchat", errors);
                    break;
                case "accountId" when withAccount:
                    accountId = Id(value, "accountId", MaxIdLength, "the customer's id on that channel", errors);
                    break;
                default:
                    errors[field.Name] = [withAccount
                        ? $"{field.Name} is not a field of an event: send channel, accountId, eventId, type, properties and occurredAt."
                        : $"{field.Name} is not a field of an event: send eventId, type, properties and occurredAt."];
                    break;
            }
        }

        Require(eventId, "eventId", errors);
        Require(type, "type", errors);
        if (withAccount)
        {
            Require(channel, "channel", errors);
            Require(accountId, "accountId", errors);
        }

        return errors.Count > 0 ? null
            : new BehaviorReport(eventId!, type!, properties, occurredAt, withAccount ? new ChannelAccount(channel!, accountId!) : null);
    }

    private static void ReadProperties(JsonElement value, SortedDictionary<string, string> properties, Dictionary<string, string[]> errors)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (properties.Count == MaxProperties)
            {
                errors["properties"] = [$"properties may carry at most {MaxProperties} entries."];
                return;
            }

            var name = property.Name;
            if (!IsId(name, MaxTypeLength))
            {
                errors["properties"] = [$"properties names must be at most {MaxTypeLength} characters of letters, digits and - _ ."];
                continue;
            }

            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!.Trim(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            if (text is not { Length: > 0 and <= MaxValueLength } || text.Any(char.IsControl))
            {
                errors[$"properties.{name}"] = [$"properties.{name} must be text of 1 to {MaxValueLength} characters, a number or a boolean."];
            }
            else
            {
                properties[name] = text;
            }
        }
    }

    private static string? Id(JsonElement value, string field, int maxLength, string what, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is var text && IsId(text, maxLength, allowAt: true))
        {
            return text;
        }

        errors[field] = [$"{field} must be {what}: 1 to {maxLength.ToString(CultureInfo.InvariantCulture)} characters of letters, digits and - _ . : @."];
        return null;
    }

    private static void Require(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null && !errors.ContainsKey(field))
        {
            errors[field] = [$"{field} is required: send {Example}."];
        }
    }

    private static bool IsId(string text, int maxLength, bool allowAt = false) =>
        text.Length > 0 && text.Length <= maxLength
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' || (allowAt && c is ':' or '@'));
}
