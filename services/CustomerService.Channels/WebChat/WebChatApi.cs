using System.Reflection;
using System.Text;
using System.Text.Json;
using CustomerService.Abstractions.Customers;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using CustomerService.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CustomerService.Channels.WebChat;

/// <summary>
/// The web chat: the page at <c>/</c>, the embeddable widget (<c>/widget.js</c>, demo at <c>/widget-demo.html</c>), the
/// message endpoint they post to and the conversation's event stream the widget shows (see <see cref="WebChatEvents"/>).
/// </summary>
public static class WebChatApi
{
    public const string Channel = "webchat";
    public const int MaxTextBytes = 4096;
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<byte[]> Page = new(() => ReadResource("WebChat.chat.html"));
    private static readonly Lazy<byte[]> Widget = new(() => ReadResource("WebChat.widget.js"));
    private static readonly Lazy<byte[]> WidgetDemo = new(() => ReadResource("WebChat.widget-demo.html"));

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => TypedResults.Bytes(Page.Value, "text/html; charset=utf-8")).ExcludeFromDescription();
        routes.MapGet("/widget.js", () => TypedResults.Bytes(Widget.Value, "text/javascript; charset=utf-8")).ExcludeFromDescription();
        routes.MapGet("/widget-demo.html", () => TypedResults.Bytes(WidgetDemo.Value, "text/html; charset=utf-8")).ExcludeFromDescription();
        // The widget embedded on another site calls these two across origins (WebChat:AllowedOrigins); nothing else gets CORS.
        var api = routes.MapGroup("/api/webchat").WithTags("Web chat").RequireCors(WebChatCors.PolicyName);
        api.MapPost("/messages", PostMessage);
        api.MapGet("/conversations/{id}/events", WebChatEvents.GetEvents);
        return routes;
    }

    /// <param name="Identity">Optional: the website's logged-in customer, signed (see <see cref="WebChatIdentity"/>).</param>
    /// <param name="Source">Optional: the channel code (活码) the visitor arrived through, e.g. from the link or QR code that opened the chat.</param>
    public sealed record WebChatRequest(string? CustomerId, string? Text, WebChatIdentity? Identity = null, WebChatSource? Source = null);

    /// <summary>A channel code as the page read it: <c>{"code":"qr-store-12","params":{"store_id":"12","activity":"双11"}}</c>.</summary>
    public sealed record WebChatSource(string? Code, Dictionary<string, string?>? Params = null);

    public sealed record WebChatResponse(string ConversationId, string Reply, double Confidence, string? MatchedIntent, bool Handoff,
        IReadOnlyList<Citation> Citations);

    private static async Task<Results<Ok<WebChatResponse>, ValidationProblem, ProblemHttpResult>> PostMessage(
        HttpRequest request, ConversationPipeline pipeline, WebChatIdentityVerifier verifier, CancellationToken cancellationToken)
    {
        if (!RequestBody.HasMediaType(request, "application/json"))
        {
            return Problems.UnsupportedMediaType("Send the message as application/json: {\"customerId\":\"…\",\"text\":\"…\"}.");
        }

        var body = await RequestBody.ReadAsync(request.Body, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problems.TooLarge(MaxBodyBytes);
        }

        WebChatRequest? message;
        try
        {
            message = JsonSerializer.Deserialize<WebChatRequest>(body, Json);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" at {path}" : $" at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}";
            return Problems.BadRequest("Malformed JSON", $"The body is not the expected JSON{where}: send {{\"customerId\":\"…\",\"text\":\"…\"}}.");
        }

        if (message is null)
        {
            return Problems.BadRequest("Malformed JSON", "The body must be a JSON object: {\"customerId\":\"…\",\"text\":\"…\"}.");
        }

        if (Validate(message) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The message is invalid");
        }

        VerifiedIdentity? identity = null;
        if (message.Identity is { } claimed)
        {
            if (!verifier.Enabled)
            {
                return Problems.BadRequest("Identity verification is off",
                    "This service has no WebChat:IdentitySecret, so it cannot verify an identity: send the message without identity.");
            }

            if (WebChatIdentityVerifier.Validate(claimed) is { Count: > 0 } identityErrors)
            {
                return TypedResults.ValidationProblem(identityErrors, title: "The identity is invalid");
            }

            // Nothing of a message whose identity fails is kept: a forged phone must not even open a conversation.
            identity = verifier.Verify(claimed);
            if (identity is null)
            {
                return TypedResults.Problem("identity.signature does not match the HMAC-SHA256 of phone + \"\\n\" + userId under the website's secret.",
                    statusCode: StatusCodes.Status401Unauthorized, title: "The identity signature does not match");
            }
        }

        var source = message.Source is { } read ? ChannelSource.From(read.Code!, read.Params) : null;
        var turn = await pipeline.HandleAsync(
            new InboundMessage(Channel, message.CustomerId!.Trim(), message.Text!.Trim(), identity, source), cancellationToken);
        var reply = turn.Reply;
        return TypedResults.Ok(new WebChatResponse(turn.ConversationId, reply.Text, reply.Confidence, reply.MatchedIntent, reply.Handoff, reply.Citations));
    }

    internal static Dictionary<string, string[]> Validate(WebChatRequest message)
    {
        Dictionary<string, string[]> errors = [];
        if (ValidateCustomerId(message.CustomerId) is { } customerError)
        {
            errors["customerId"] = [customerError];
        }

        var text = message.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors["text"] = ["text must not be empty."];
        }
        else if (Encoding.UTF8.GetByteCount(text) is var bytes and > MaxTextBytes)
        {
            errors["text"] = [$"text must be at most {MaxTextBytes} bytes of UTF-8 (it is {bytes})."];
        }

        // Checked with the message, so a bad code stores nothing, not even the message.
        if (message.Source is { } source)
        {
            foreach (var (field, problems) in ChannelSource.Validate(source.Code, source.Params))
            {
                errors[field] = problems;
            }
        }

        return errors;
    }

    /// <summary>The problem with a web chat customer id, or null when it is fine.</summary>
    internal static string? ValidateCustomerId(string? customerId)
    {
        customerId = customerId?.Trim();
        if (string.IsNullOrEmpty(customerId))
        {
            return "customerId is required.";
        }

        return customerId.Length > 128 || !customerId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@')
            ? "customerId must be at most 128 characters of letters, digits and - _ . : @."
            : null;
    }

    private static byte[] ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The web chat resource {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
