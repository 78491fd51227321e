using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CustomerService.Benchmarks;

/// <summary>One customer message: POST it, require 200 and a well-formed reply.</summary>
internal sealed class WebChatRoundTrip(HttpClient client, MessagePlan plan)
{
    private static readonly Uri Endpoint = new("/api/webchat/messages", UriKind.Relative);

    public async Task<Outcome> SendAsync(int sender, int index, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(plan.Body(sender, index));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(Endpoint, content, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Outcome.Fail(Describe(response.StatusCode, body));
        }

        ChatReply? reply;
        try
        {
            reply = JsonSerializer.Deserialize(body, WireJson.Default.ChatReply);
        }
        catch (JsonException e)
        {
            return Outcome.Fail($"unreadable reply: {e.Message}");
        }

        return reply is { ConversationId.Length: > 0, Reply.Length: > 0 }
            ? Outcome.Ok(reply.Handoff)
            : Outcome.Fail($"reply without conversationId or text: {Describe(response.StatusCode, body)}");
    }

    internal static string Describe(HttpStatusCode status, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return $"HTTP {(int)status}: {(text.Length > 300 ? text[..300] + "…" : text)}";
    }
}

/// <summary>
/// GET /health/live: the same client, connection pool and Kestrel pipeline with no application work,
/// i.e. the floor a message round trip cannot go below.
/// </summary>
internal sealed class HealthRoundTrip(HttpClient client)
{
    private static readonly Uri Endpoint = new("/health/live", UriKind.Relative);

    public async Task<Outcome> SendAsync(int sender, int index, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(Endpoint, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? Outcome.Ok() : Outcome.Fail(WebChatRoundTrip.Describe(response.StatusCode, body));
    }
}
