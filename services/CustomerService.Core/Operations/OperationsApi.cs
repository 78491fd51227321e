using CustomerService.Abstractions.Messaging;
using CustomerService.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CustomerService.Core.Operations;

/// <summary>What an operator needs when event handling goes wrong: see the parked deliveries and send them again.</summary>
public static class OperationsApi
{
    public static RouteGroupBuilder MapOperationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/operations").WithTags("Operations");
        group.MapGet("/dead-letters", ListDeadLetters);
        group.MapPost("/dead-letters/{id:long}/retry", RetryDeadLetter);
        return group;
    }

    private static async Task<Ok<IReadOnlyList<DeadLetter>>> ListDeadLetters(IDeadLetterQueue queue, CancellationToken cancellationToken, int limit = 100) =>
        TypedResults.Ok(await queue.ListAsync(limit, cancellationToken));

    private static async Task<Results<Accepted, ProblemHttpResult>> RetryDeadLetter(long id, IDeadLetterQueue queue, CancellationToken cancellationToken) =>
        await queue.RetryAsync(id, cancellationToken)
            ? TypedResults.Accepted((string?)null)
            : Problems.NotFound($"No dead letter has the id {id}.");
}
