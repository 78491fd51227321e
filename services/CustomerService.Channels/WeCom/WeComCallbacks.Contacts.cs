using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Customers;
using Microsoft.Extensions.Logging;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// 企业客户事件 (<c>change_external_contact</c>): a customer who added a staff member through a 联系我 code arrived through a channel
/// code (活码), published as <see cref="ChannelCustomerArrived"/> like 微信客服's enter_session scene, so the core records the source and
/// the code's <c>channel_source</c> rules tag them. Logs name the code and the app, never the customer or the staff member.
/// </summary>
public sealed partial class WeComCallbacks
{
    private async Task<bool> DispatchContactAsync(WeComCallbackApp app, IReadOnlyDictionary<string, string> message, CancellationToken cancellationToken)
    {
        var changeType = message.GetValueOrDefault("ChangeType");
        if (!WeComContactAdded.IsAddition(changeType))
        {
            // edit_external_contact, del_follow_user, transfer_fail … change no source: acknowledged, so WeCom does not retry them.
            LogContactChange(_logger, IsToken(changeType) ? changeType : "(none)", app.Name);
            return true;
        }

        if (WeComContactAdded.From(message) is not { } added)
        {
            return false;
        }

        if (added.State is null)
        {
            LogNoState(_logger, added.ChangeType, app.Name);
            return true;
        }

        if (added.Source is not { } source)
        {
            // The state is the corp's text, not ours to log: it may be any 30 characters.
            LogStateNotACode(_logger, added.ChangeType, app.Name);
            return true;
        }

        await _bus.PublishAsync(new ChannelCustomerArrived(Channel, app.Name, added.ExternalUserId, source,
            new VerifiedIdentity(WeComExternalUserId: added.ExternalUserId)) // the same WeChat user on 微信客服 is the same OneID
        {
            Id = added.EventId(app.Name),
            OccurredAt = _time.GetUtcNow(),
        }, cancellationToken);
        LogArrival(_logger, added.ChangeType, source.Code, app.Name);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom {ChangeType} through 联系我 code {Code} on app {App} accepted")]
    private static partial void LogArrival(ILogger logger, string changeType, string code, string app);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom {ChangeType} on app {App} carries no 联系我 state: acknowledged, no source to record")]
    private static partial void LogNoState(ILogger logger, string changeType, string app);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "WeCom {ChangeType} on app {App} carries a 联系我 state that is not a channel code (at most 64 letters, digits, - _ . : @): acknowledged, no source recorded")]
    private static partial void LogStateNotACode(ILogger logger, string changeType, string app);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom change_external_contact {ChangeType} on app {App} acknowledged")]
    private static partial void LogContactChange(ILogger logger, string changeType, string app);
}
