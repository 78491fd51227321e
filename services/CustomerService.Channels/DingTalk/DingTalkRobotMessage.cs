using System.Globalization;
using System.Text.Json;

namespace CustomerService.Channels.DingTalk;

/// <summary>The fields of a robot callback body (spec §2.2) this service uses; read leniently, since DingTalk adds fields.</summary>
public sealed record DingTalkRobotMessage(
    string? MsgType,
    string? MsgId,
    string? Text,
    string? ConversationType,
    string? ConversationId,
    string? SenderId,
    string? SenderStaffId,
    string? RobotCode,
    bool? IsInAtList,
    string? SessionWebhook,
    long? SessionWebhookExpiredTime,
    string? ErrorCode)
{
    public const string SingleChat = "1";
    public const string GroupChat = "2";

    public bool IsGroup => ConversationType == GroupChat;

    /// <summary>The message, or null when the body is not a JSON object.</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static DingTalkRobotMessage? Parse(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // The API page puts text in text.content; the HTTP-mode sample has a top-level content string: accept both.
        var text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.Object ? String(t, "content") : null;
        text ??= String(root, "content");

        return new DingTalkRobotMessage(
            MsgType: String(root, "msgtype"),
            MsgId: String(root, "msgId"),
            Text: text,
            ConversationType: String(root, "conversationType"),
            ConversationId: String(root, "conversationId"),
            SenderId: String(root, "senderId"),
            SenderStaffId: String(root, "senderStaffId"),
            RobotCode: String(root, "robotCode"),
            IsInAtList: root.TryGetProperty("isInAtList", out var at) && at.ValueKind is JsonValueKind.True or JsonValueKind.False ? at.GetBoolean() : null,
            SessionWebhook: String(root, "sessionWebhook"),
            SessionWebhookExpiredTime: Number(root, "sessionWebhookExpiredTime"),
            ErrorCode: String(root, "errorCode") ?? Number(root, "errorCode")?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The text without the leading @mentions a group message may carry (DingTalk usually removes the robot's own
    /// mention, leaving a space; some clients keep <c>@RobotName</c>). Mentions later in the text stay.
    /// </summary>
    public static string StripLeadingMentions(string text)
    {
        var rest = text.AsSpan().Trim();
        while (rest.Length > 0 && rest[0] == '@')
        {
            var end = rest.IndexOfAny(' ', '\u2005', '\u00a0');
            rest = end < 0 ? [] : rest[end..].Trim();
        }

        return rest.ToString();
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // DingTalk sends these as numbers; a numeric string is read too.
    private static long? Number(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n
        : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s
        : null;
}
