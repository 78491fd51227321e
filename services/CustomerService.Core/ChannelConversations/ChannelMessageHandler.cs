using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;
using CustomerService.Core.Conversations;

namespace CustomerService.Core.ChannelConversations;

/// <summary>
/// Runs a channel's message through the conversation pipeline after the channel acknowledged it, and queues the reply
/// in the outbox. The reply's id derives from the message's, so a redelivered message queues the same reply, which the
/// bus then delivers once.
/// </summary>
internal sealed class ChannelMessageHandler(ConversationPipeline pipeline, IEventBus bus, TimeProvider time)
    : IIntegrationEventHandler<ChannelMessageReceived>
{
    public async Task HandleAsync(ChannelMessageReceived message, CancellationToken cancellationToken)
    {
        var turn = await pipeline.HandleAsync(
            new InboundMessage(message.Channel, message.AccountId, message.Text, message.Identity, message.Source), cancellationToken);
        var replyId = ChannelEventIds.For("reply", message.Id.ToString());
        await bus.PublishAsync(new ChannelReplyReady(message.Channel, message.App, message.AccountId, turn.ConversationId, turn.Reply.Text,
            message.ReplyContext, replyId.ToString())
        {
            Id = replyId,
            OccurredAt = time.GetUtcNow(),
        }, cancellationToken);
    }
}
