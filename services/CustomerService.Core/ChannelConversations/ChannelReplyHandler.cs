using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;

namespace CustomerService.Core.ChannelConversations;

/// <summary>
/// Hands a queued reply to its channel's sender. A sender that throws (the channel's API is down, a token expired) leaves
/// the reply in the outbox: the bus retries it with backoff and parks it as a dead letter after its last attempt.
/// </summary>
internal sealed class ChannelReplyHandler(IEnumerable<IChannelSender> senders) : IIntegrationEventHandler<ChannelReplyReady>
{
    private readonly Dictionary<string, IChannelSender> _senders = BySenderChannel(senders);

    public Task HandleAsync(ChannelReplyReady reply, CancellationToken cancellationToken) =>
        _senders.TryGetValue(reply.Channel, out var sender)
            ? sender.SendAsync(reply, cancellationToken)
            : throw new InvalidOperationException($"No sender is registered for channel '{reply.Channel}'.");

    // The last registration for a channel wins, as with any service resolved from the container: a deployment or a
    // test replaces a channel's sender by registering its own after it.
    private static Dictionary<string, IChannelSender> BySenderChannel(IEnumerable<IChannelSender> senders)
    {
        var byChannel = new Dictionary<string, IChannelSender>(StringComparer.OrdinalIgnoreCase);
        foreach (var sender in senders)
        {
            byChannel[sender.Channel] = sender;
        }

        return byChannel;
    }
}
