using System.Text.Json;
using CustomerService.Abstractions.Customers;
using CustomerService.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CustomerService.Core.Customers;

/// <summary>Customer profiles (OneID) for staff: look one up, by id or by a channel account, and maintain its staff fields.</summary>
public static class CustomersApi
{
    private const int MaxPatchBytes = 4096;

    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/customers").WithTags("Customers");
        group.MapGet("/", FindByAccount);
        group.MapGet("/{id}", GetCustomer);
        group.MapPatch("/{id}", PatchCustomer);
        return group;
    }

    public sealed record CustomerView(
        string Id,
        IReadOnlyList<ChannelAccount> Accounts,
        string? VerifiedPhone,
        string? WeComUnionId,
        IReadOnlyList<string> WeComExternalUserIds,
        string? SiteUserId,
        int? VipLevel,
        string? LastHumanAgent,
        DateOnly? Birthday,
        DateTimeOffset? MembershipExpiresAt,
        DateTimeOffset CreatedAt,
        IReadOnlyList<CustomerTag> Tags,
        CustomerSource? FirstSource,
        IReadOnlyList<CustomerSource> Sources);

    /// <summary>An id merged into another customer answers with the survivor, under the survivor's id.</summary>
    private static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> GetCustomer(
        string id, ICustomerDirectory directory, ICustomerTags tags, ICustomerSources sources, CancellationToken cancellationToken) =>
        await directory.FindAsync(id, cancellationToken) is { } profile
            ? TypedResults.Ok(await ViewAsync(profile, tags, sources, cancellationToken))
            : Problems.NotFound($"No customer has the id '{id}'.");

    private static async Task<Results<Ok<CustomerView>, ValidationProblem, ProblemHttpResult>> FindByAccount(
        ICustomerDirectory directory, ICustomerTags tags, ICustomerSources sources, CancellationToken cancellationToken, string? channel = null, string? accountId = null)
    {
        Dictionary<string, string[]> errors = [];
        if (string.IsNullOrWhiteSpace(channel)) errors["channel"] = ["channel is required, e.g. ?channel=webchat&accountId=c-1."];
        if (string.IsNullOrWhiteSpace(accountId)) errors["accountId"] = ["accountId is required: the customer's id on that channel."];
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Name the channel account to look up");
        }

        return await directory.FindByAccountAsync(new ChannelAccount(channel!.Trim(), accountId!.Trim()), cancellationToken) is { } profile
            ? TypedResults.Ok(await ViewAsync(profile, tags, sources, cancellationToken))
            : Problems.NotFound($"No customer has the {channel.Trim()} account '{accountId.Trim()}'.");
    }

    private static async Task<Results<Ok<CustomerView>, ValidationProblem, ProblemHttpResult>> PatchCustomer(
        string id, HttpRequest request, ICustomerDirectory directory, ICustomerTags tags, ICustomerSources sources, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!RequestBody.HasMediaType(request, "application/merge-patch+json", "application/json"))
        {
            return Problems.UnsupportedMediaType($"Send the changes as application/merge-patch+json, e.g. {CustomerPatch.Example}.");
        }

        if (await RequestBody.ReadAsync(request.Body, MaxPatchBytes, cancellationToken) is not { } body)
        {
            return Problems.TooLarge(MaxPatchBytes);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Problems.BadRequest("Malformed JSON", $"The body is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): send {CustomerPatch.Example}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problems.BadRequest("Malformed JSON", $"The body must be a JSON object: {CustomerPatch.Example}.");
            }

            Dictionary<string, string[]> errors = [];
            var update = CustomerPatch.Parse(document.RootElement, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), errors);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: "The changes are invalid");
            }

            return await directory.UpdateAsync(id, update, cancellationToken) is { } profile
                ? TypedResults.Ok(await ViewAsync(profile, tags, sources, cancellationToken))
                : Problems.NotFound($"No customer has the id '{id}'.");
        }
    }

    // Sources oldest first: the first is the first-touch source, repeated on its own so reports need not know the order.
    private static async Task<CustomerView> ViewAsync(CustomerProfile p, ICustomerTags tags, ICustomerSources sources, CancellationToken cancellationToken)
    {
        var arrivals = await sources.ListAsync(p.Id, cancellationToken);
        return new(p.Id, p.Accounts, p.VerifiedPhone, p.WeComUnionId, p.WeComExternalUserIds, p.SiteUserId, p.VipLevel, p.LastHumanAgent,
            p.Birthday, p.MembershipExpiresAt, p.CreatedAt, await tags.ListAsync(p.Id, cancellationToken), arrivals.Count > 0 ? arrivals[0] : null, arrivals);
    }
}
