using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CustomerService.Core.Conversations;

public static class ConversationsApi
{
    public static RouteGroupBuilder MapConversationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/conversations").WithTags("Conversations");
        group.MapGet("/{id}", GetConversation);
        return group;
    }

    public sealed record ConversationView(Conversation Conversation, IReadOnlyList<ChatMessage> Messages);

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> GetConversation(
        string id, IConversationStore store, CancellationToken cancellationToken, int limit = 200)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } conversation)
        {
            return Problems.NotFound($"No conversation has the id '{id}'.");
        }

        return TypedResults.Ok(new ConversationView(conversation, await store.ListMessagesAsync(id, limit, cancellationToken)));
    }
}
