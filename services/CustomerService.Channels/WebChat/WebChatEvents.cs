using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Conversations;
using CustomerService.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WebChat;

/// <summary>
/// <c>GET /api/webchat/conversations/{id}/events?customerId=…</c>: a conversation's messages as Server-Sent Events, from
/// after the client's last event id (<c>Last-Event-ID</c> on an automatic reconnect, or <c>?after=</c>).
/// <para>
/// SSE rather than WebSocket: the widget only listens (it sends with the existing POST), SSE is plain HTTP through any
/// proxy, and its <c>id:</c>/<c>Last-Event-ID</c> pair is exactly the resume-from-the-last-sequence contract.
/// </para>
/// <para>
/// Who may read: the web chat customer id that owns the conversation, the same id that writes into it with
/// <c>POST /api/webchat/messages</c>. The widget makes it 64 random bits and keeps it in the visitor's browser; with the
/// conversation id (a random UUIDv7) it is the bearer of the stream. A wrong pair answers 404, whether the conversation
/// exists or not, so the endpoint tells nothing about other customers' conversations.
/// </para>
/// </summary>
internal static class WebChatEvents
{
    public static async Task<Results<ConversationEventStream, NoContent, ValidationProblem, ProblemHttpResult>> GetEvents(
        string id, [FromQuery] string? customerId, [FromQuery] string? after, [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        IConversationStore store, ConversationActivity activity, WebChatStreamSlots slots, IOptions<WebChatOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        if (id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors["id"] = ["The conversation id is at most 64 letters, digits, - and _."];
        }

        if (WebChatApi.ValidateCustomerId(customerId) is { } customerError)
        {
            errors["customerId"] = [customerError];
        }

        // The header wins: EventSource sends it on its own reconnects, newer than the ?after= it was opened with.
        var (position, positionField) = lastEventId is not null ? (lastEventId, "Last-Event-ID") : (after, "after");
        long afterSequence = 0;
        if (position is not null && (!long.TryParse(position, System.Globalization.NumberStyles.None, null, out afterSequence)))
        {
            errors[positionField] = [$"{positionField} must be the sequence of the last message seen (a whole number, 0 or more)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The stream request is invalid");
        }

        var conversation = await store.FindAsync(id, cancellationToken);
        if (conversation is null || conversation.Channel != WebChatApi.Channel || conversation.CustomerId != customerId!.Trim())
        {
            return Problems.NotFound("This customer has no web chat conversation with this id.");
        }

        // Ended and fully read: 204 tells EventSource to stop reconnecting; the customer's next message opens a new conversation.
        if (conversation.Status == ConversationStatus.Closed
            && (await store.ListMessagesAfterAsync(id, afterSequence, 1, cancellationToken)).Count == 0)
        {
            return TypedResults.NoContent();
        }

        if (!slots.TryTake())
        {
            return TypedResults.Problem("Too many chat streams are open; reconnect in a few seconds.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
        }

        return new ConversationEventStream(id, afterSequence, store, activity, slots, options.Value, time);
    }
}

/// <summary>Counts the open event streams against <see cref="WebChatOptions.MaxStreams"/>.</summary>
internal sealed class WebChatStreamSlots(IOptions<WebChatOptions> options)
{
    private int _open;

    public bool TryTake()
    {
        if (Interlocked.Increment(ref _open) <= options.Value.MaxStreams)
        {
            return true;
        }

        Interlocked.Decrement(ref _open);
        return false;
    }

    public void Return() => Interlocked.Decrement(ref _open);
}
