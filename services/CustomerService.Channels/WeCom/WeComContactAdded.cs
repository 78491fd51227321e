using System.Globalization;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Customers;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// A customer added a staff member (企业客户事件 <c>change_external_contact</c>): <c>add_external_contact</c>, or
/// <c>add_half_external_contact</c> when the member accepts without verification. When the customer came through a 联系我 code
/// (<c>externalcontact/add_contact_way</c>), <see cref="State"/> is that code's <c>state</c>: a channel code (活码).
/// </summary>
/// <param name="ChangeType">Which of the two additions.</param>
/// <param name="StaffUserId">The member the customer added (<c>UserID</c>).</param>
/// <param name="ExternalUserId">The customer (<c>ExternalUserID</c>, <c>wm…</c>/<c>wo…</c>), the same id 微信客服 knows them by.</param>
/// <param name="State">The 联系我 code's <c>state</c>; null when the customer came another way (search, a shared card …).</param>
/// <param name="CreateTime">WeCom's CreateTime of the event (Unix seconds).</param>
internal sealed record WeComContactAdded(string ChangeType, string StaffUserId, string ExternalUserId, string? State, long CreateTime)
{
    public const string Event = "change_external_contact";

    public static bool IsAddition(string? changeType) => changeType is "add_external_contact" or "add_half_external_contact";

    /// <returns>The addition, or null when the event lacks what an addition carries (a staff member, a customer, a time).</returns>
    public static WeComContactAdded? From(IReadOnlyDictionary<string, string> message)
    {
        var changeType = message.GetValueOrDefault("ChangeType");
        var staff = message.GetValueOrDefault("UserID")?.Trim();
        var customer = message.GetValueOrDefault("ExternalUserID")?.Trim();
        if (!IsAddition(changeType) || !IsId(staff) || !IsId(customer)
            || !long.TryParse(message.GetValueOrDefault("CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var createTime))
        {
            return null;
        }

        var state = message.GetValueOrDefault("State")?.Trim();
        return new WeComContactAdded(changeType!, staff!, customer!, string.IsNullOrEmpty(state) ? null : state, createTime);
    }

    /// <summary>The state as a channel code; null without a state or when it breaks the channel-code limits (WeCom allows any 30 characters).</summary>
    public ChannelSource? Source => State is not null && ChannelSource.Validate(State, null, "state").Count == 0 ? ChannelSource.From(State, null) : null;

    /// <summary>
    /// Built from the event's own fields: FromUserName is always <c>sys</c> on these events, so the spec's FromUserName + CreateTime
    /// would merge two customers adding staff in the same second. WeCom's retry of this event is the same id, delivered once.
    /// </summary>
    public Guid EventId(string app) => ChannelEventIds.For(WeComCallbacks.Channel, app, Event, ChangeType, StaffUserId, ExternalUserId, State ?? "",
        CreateTime.ToString(CultureInfo.InvariantCulture));

    private static bool IsId(string? value) =>
        value is { Length: > 0 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@');
}
