using System.Text.Json;
using CustomerService.Abstractions.Customers;
using CustomerService.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CustomerService.Core.Customers.Behavior;

/// <summary>
/// Where the website and marketing systems report what a customer did (clicked a link, joined a campaign): by OneID, or by
/// a channel account when that is all they know. A retry with the same <c>eventId</c> answers as the first report did.
/// </summary>
public static class BehaviorEventsApi
{
    private const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapBehaviorEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/customers/{id}/events", PostForCustomer).WithTags("Customers");
        routes.MapPost("/api/customer-events", PostForAccount).WithTags("Customers");
        return routes;
    }

    /// <param name="Duplicate">True when this event id was reported before: nothing was done again.</param>
    /// <param name="TagsAdded">The tags this report gave the customer (none on a duplicate).</param>
    public sealed record BehaviorEventResult(string CustomerId, string EventId, bool Duplicate, IReadOnlyList<string> TagsAdded);

    private static Task<Results<Ok<BehaviorEventResult>, ValidationProblem, ProblemHttpResult>> PostForCustomer(
        string id, HttpRequest request, ICustomerDirectory directory, BehaviorEvents events, TimeProvider time, CancellationToken cancellationToken) =>
        PostAsync(request, withAccount: false, async (_, ct) => await directory.FindAsync(id, ct), $"No customer has the id '{id}'.",
            events, time, cancellationToken);

    private static Task<Results<Ok<BehaviorEventResult>, ValidationProblem, ProblemHttpResult>> PostForAccount(
        HttpRequest request, ICustomerDirectory directory, BehaviorEvents events, TimeProvider time, CancellationToken cancellationToken) =>
        PostAsync(request, withAccount: true, async (report, ct) => await directory.FindByAccountAsync(report.Account!, ct), null,
            events, time, cancellationToken);

    private static async Task<Results<Ok<BehaviorEventResult>, ValidationProblem, ProblemHttpResult>> PostAsync(
        HttpRequest request, bool withAccount, Func<BehaviorReport, CancellationToken, Task<CustomerProfile?>> find, string? notFound,
        BehaviorEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!RequestBody.HasMediaType(request, "application/json"))
        {
            return Problems.UnsupportedMediaType($"Send the event as application/json, e.g. {BehaviorReport.Example}.");
        }

        if (await RequestBody.ReadAsync(request.Body, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return Problems.TooLarge(MaxBodyBytes);
        }

        BehaviorReport? report;
        Dictionary<string, string[]> errors = [];
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problems.BadRequest("Malformed JSON", $"The body must be a JSON object: {BehaviorReport.Example}.");
            }

            report = BehaviorReport.Parse(document.RootElement, withAccount, time.GetUtcNow(), errors);
        }
        catch (JsonException e)
        {
            return Problems.BadRequest("Malformed JSON", $"The body is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): send {BehaviorReport.Example}.");
        }

        if (report is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The event is invalid");
        }

        // Reports never create customers: an event for someone who never wrote to us has no one to tag.
        if (await find(report, cancellationToken) is not { } customer)
        {
            return Problems.NotFound(notFound ?? $"No customer has the {report.Account!.Channel} account '{report.Account.AccountId}'.");
        }

        var (outcome, added) = await events.RecordAsync(customer.Id, report.EventId, report.Type, report.Properties, report.OccurredAt, cancellationToken);
        return outcome == BehaviorOutcome.Conflict
            ? TypedResults.Problem($"The event id '{report.EventId}' was already reported for another customer or with another type or properties; give each event its own id.",
                statusCode: StatusCodes.Status409Conflict, title: "The event id is taken")
            : TypedResults.Ok(new BehaviorEventResult(customer.Id, report.EventId, outcome == BehaviorOutcome.Duplicate, added));
    }
}
