using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CustomerService.Abstractions.Channels;
using Microsoft.Extensions.Logging;

namespace CustomerService.Channels.WeCom;

/// <summary>What a decrypted callback becomes (spec §4.2, §8.1; 联系我 additions in WeComCallbacks.Contacts.cs).</summary>
public sealed partial class WeComCallbacks
{
    /// <returns>False when the message lacks what its type needs (nothing is published then).</returns>
    private async Task<bool> DispatchAsync(WeComCallbackApp app, IReadOnlyDictionary<string, string> message, CancellationToken cancellationToken)
    {
        var type = message.GetValueOrDefault("MsgType");
        if (!IsToken(type))
        {
            return false;
        }

        if (type == "event")
        {
            return await DispatchEventAsync(app, message, cancellationToken);
        }

        var from = message.GetValueOrDefault("FromUserName");
        var messageId = message.GetValueOrDefault("MsgId");
        if (string.IsNullOrWhiteSpace(from) || !IsMessageId(messageId))
        {
            return false;
        }

        // Other types (image, voice, video, location, link, file …) are published as a placeholder such as "[image]", so the bot
        // can say it reads text only instead of leaving the customer unanswered.
        var text = type == "text" ? message.GetValueOrDefault("Content")?.Trim() : $"[{type}]";
        if (string.IsNullOrEmpty(text))
        {
            LogEmptyText(_logger, app.Name, messageId);
            return true;
        }

        await _bus.PublishAsync(new ChannelMessageReceived(Channel, app.Name, from, messageId, text,
            new Dictionary<string, string> { ["agent_id"] = app.AgentId, ["to_user"] = from })
        {
            // The same message retried by WeCom (after 5 s without our ack) is the same event: delivered once.
            Id = ChannelEventIds.For(Channel, app.Name, messageId),
            OccurredAt = _time.GetUtcNow(),
        }, cancellationToken);
        LogMessage(_logger, type, messageId, app.Name);
        return true;
    }

    private async Task<bool> DispatchEventAsync(WeComCallbackApp app, IReadOnlyDictionary<string, string> message, CancellationToken cancellationToken)
    {
        var name = message.GetValueOrDefault("Event");
        if (!IsToken(name))
        {
            return false;
        }

        if (name == WeComContactAdded.Event)
        {
            return await DispatchContactAsync(app, message, cancellationToken);
        }

        if (name != "kf_msg_or_event")
        {
            // enter_agent, subscribe, click … need nothing from the bot yet: acknowledged, so WeCom does not retry them.
            LogEvent(_logger, name, app.Name);
            return true;
        }

        var openKfId = message.GetValueOrDefault("OpenKfId");
        var token = message.GetValueOrDefault("Token") ?? "";
        if (string.IsNullOrWhiteSpace(openKfId)
            || !long.TryParse(message.GetValueOrDefault("CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var createTime))
        {
            return false;
        }

        await _bus.PublishAsync(new WeComKfEventReceived(app.Name, openKfId, token, createTime)
        {
            Id = WeComKfEventReceived.IdFor(app.Name, openKfId, token, createTime),
            OccurredAt = _time.GetUtcNow(),
        }, cancellationToken);
        LogKfEvent(_logger, openKfId, app.Name);
        return true;
    }

    /// <summary>A type or event name fit to log and to put in a placeholder: short, letters, digits and _.</summary>
    private static bool IsToken([NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool IsMessageId([NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(char.IsAsciiDigit);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom {MsgType} message {MsgId} on app {App} accepted")]
    private static partial void LogMessage(ILogger logger, string msgType, string msgId, string app);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom text message {MsgId} on app {App} is empty: acknowledged, nothing to answer")]
    private static partial void LogEmptyText(ILogger logger, string app, string msgId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom event {Event} on app {App} acknowledged")]
    private static partial void LogEvent(ILogger logger, string @event, string app);

    [LoggerMessage(Level = LogLevel.Information, Message = "微信客服 event for kf account {OpenKfId} on app {App} accepted")]
    private static partial void LogKfEvent(ILogger logger, string openKfId, string app);
}
