using System.Reflection;
using System.Text;
using System.Text.Json;
using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Conversations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace CustomerService.Channels.WebChat;

/// <summary>
/// Writes one conversation as Server-Sent Events until the client leaves, the conversation closes or the stream's
/// lifetime ends:
/// <code>
/// id: 42            event: message   data: {"sequence":42,"role":"bot","text":"…","sentAt":"…","matchedIntent":"…","confidence":0.9}
///                   event: typing    data: {"typing":true}
///                   event: status    data: {"status":"needs_human"}
/// : heartbeat
/// </code>
/// Only messages carry an <c>id:</c> (their store sequence), so <c>Last-Event-ID</c> is always the last message seen.
/// The status is sent on connect and on every change; typing when it changes. Per connection it holds one batch of
/// at most <see cref="BatchSize"/> messages and one pending wake-up, nothing that grows with the conversation.
/// </summary>
internal sealed class ConversationEventStream(
    string conversationId, long afterSequence, IConversationStore store, ConversationActivity activity, WebChatStreamSlots slots,
    WebChatOptions options, TimeProvider time) : IResult, IEndpointMetadataProvider
{
    public const int BatchSize = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record MessageEvent(long Sequence, string Role, string Text, DateTimeOffset SentAt, string? MatchedIntent, double? Confidence);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            var response = httpContext.Response;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache, no-transform";
            response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass events through as they are written
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            using var lifetime = new CancellationTokenSource(options.StreamLifetime, time);
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, lifetime.Token);
            using var watch = activity.Watch(conversationId);
            await RunAsync(response.Body, stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client left, or the lifetime ended: EventSource reconnects with Last-Event-ID.
        }
        finally
        {
            slots.Return();
        }
    }

    private async Task RunAsync(Stream body, CancellationToken cancellationToken)
    {
        await WriteAsync(body, "retry: 2000\n\n", cancellationToken);
        var sequence = afterSequence;
        ConversationStatus? sentStatus = null;
        var sentTyping = false;
        while (true)
        {
            // Observed before reading, so a message stored during the read still wakes the next wait.
            var (typing, changed) = activity.Observe(conversationId);
            // The status before the messages: a reply and the status it sets are stored together, so reading the status
            // first means the messages read next include that reply, and a hand-off is never announced ahead of it.
            var status = (await store.FindAsync(conversationId, cancellationToken))?.Status ?? ConversationStatus.Closed;
            IReadOnlyList<SequencedMessage> batch;
            do
            {
                batch = await store.ListMessagesAfterAsync(conversationId, sequence, BatchSize, cancellationToken);
                foreach (var (messageSequence, message) in batch)
                {
                    var data = JsonSerializer.Serialize(new MessageEvent(messageSequence, message.Role.ToString().ToLowerInvariant(), message.Text,
                        message.SentAt, message.MatchedIntent, message.Confidence), Json);
                    await WriteAsync(body, $"id: {messageSequence}\nevent: message\ndata: {data}\n\n", cancellationToken);
                    sequence = messageSequence;
                }
            }
            while (batch.Count == BatchSize);

            if (typing != sentTyping)
            {
                await WriteAsync(body, $"event: typing\ndata: {{\"typing\":{(typing ? "true" : "false")}}}\n\n", cancellationToken);
                sentTyping = typing;
            }

            if (status != sentStatus)
            {
                await WriteAsync(body, $"event: status\ndata: {{\"status\":\"{StatusText(status)}\"}}\n\n", cancellationToken);
                sentStatus = status;
            }

            await body.FlushAsync(cancellationToken);
            if (status == ConversationStatus.Closed)
            {
                return; // nothing more comes: the customer's next message opens a new conversation
            }

            if (!await WaitAsync(changed, cancellationToken))
            {
                await WriteAsync(body, ": heartbeat\n\n", cancellationToken);
                await body.FlushAsync(cancellationToken);
            }
        }
    }

    /// <summary>True when the conversation changed, false when the heartbeat interval passed first.</summary>
    private async Task<bool> WaitAsync(Task changed, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = Task.Delay(options.StreamHeartbeat, time, wait.Token);
        var first = await Task.WhenAny(changed, heartbeat);
        await wait.CancelAsync(); // the other timer goes now, not at the end of its interval
        cancellationToken.ThrowIfCancellationRequested();
        return first == changed;
    }

    private static Task WriteAsync(Stream body, string text, CancellationToken cancellationToken) =>
        body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).AsTask();

    private static string StatusText(ConversationStatus status) => status switch
    {
        ConversationStatus.NeedsHuman => "needs_human",
        ConversationStatus.Closed => "closed",
        _ => "open",
    };

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void), ["text/event-stream"]));
}
