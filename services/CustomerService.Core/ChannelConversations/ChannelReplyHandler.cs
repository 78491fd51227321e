using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;

namespace CustomerService.Core.ChannelConversations;

/// <summary>
/// Hands a queued reply to its channel's sender. A sender that throws (the channel's API is down, a token expired) leaves
/// the reply in the outbox: the bus retries it with backoff and parks it as a dead letter after its last attempt.
/// </summary>
internal sealed class ChannelReplyHandler(IEnumerable<IChannelSender> senders) : IIntegrationEventHandler<ChannelReplyReady>
{
    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.OrdinalIgnoreCase);

    public Task HandleAsync(ChannelReplyReady reply, CancellationToken cancellationToken) =>
        _senders.TryGetValue(reply.Channel, out var sender)
            ? sender.SendAsync(reply, cancellationToken)
            : throw new InvalidOperationException($"No sender is registered for channel '{reply.Channel}'.");
}
