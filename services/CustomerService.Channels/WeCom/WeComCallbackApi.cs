using CustomerService.Channels.WeCom.Kf;
using CustomerService.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using CustomerService.Abstractions.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// <c>/channels/wecom/{app}/callback</c>: GET verifies the URL (answers the decrypted echostr as plain text), POST receives
/// messages and events (answers an empty 200 once the message is durable). WeCom retries anything but a 200 (3 times in all),
/// so refusals are problem details for whoever investigates, with the reason's status.
/// </summary>
public static class WeComCallbackApi
{
    /// <summary>The callbacks, and when an app is configured, the sender of <c>wecom</c> replies through WeCom's API.</summary>
    public static IServiceCollection AddWeCom(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeComOptions>, WeComOptionsValidator>();
        services.AddSingleton<WeComCallbacks>();
        if (!configuration.GetSection($"{WeComOptions.SectionName}:Apps").GetChildren().Any())
        {
            return services;
        }

        services.AddHttpClient(WeComApi.HttpClientName, (sp, http) =>
        {
            http.BaseAddress = WeComApi.BaseAddressOf(sp.GetRequiredService<IOptions<WeComOptions>>().Value.ApiBaseUrl);
            http.Timeout = WeComApi.Timeout;
        }).RemoveAllLoggers(); // the URLs carry the secret and the token: .NET redacts queries in these lines, but a switch turns that off
        services.AddSingleton<WeComApi>();
        services.AddSingleton<WeComAccessTokens>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, WeComAppSender>());
        services.AddWeComKf();
        return services;
    }

    public static IEndpointRouteBuilder MapWeCom(this IEndpointRouteBuilder routes)
    {
        // No app configured: no endpoint at all.
        if (routes.ServiceProvider.GetRequiredService<IOptions<WeComOptions>>().Value.Apps.Count == 0)
        {
            return routes;
        }

        var callback = routes.MapGroup("/channels/wecom/{app}/callback").WithTags("WeCom");
        callback.MapGet("", VerifyUrl);
        callback.MapPost("", Receive);
        return routes;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> VerifyUrl(string app, HttpRequest request, WeComCallbacks callbacks)
    {
        if (callbacks.Find(app) is not { } found)
        {
            return UnknownApp();
        }

        var result = callbacks.VerifyUrl(found, QueryOf(request));
        // Exactly the message: no quotes, no BOM, no newline (WeCom compares the body byte for byte).
        return result.Failure is { } failure ? Problem(failure) : TypedResults.Text(result.EchoStr, "text/plain; charset=utf-8");
    }

    private static async Task<Results<Ok, ProblemHttpResult>> Receive(
        string app, HttpRequest request, WeComCallbacks callbacks, CancellationToken cancellationToken)
    {
        if (callbacks.Find(app) is not { } found)
        {
            return UnknownApp();
        }

        var body = await RequestBody.ReadAsync(request.Body, WeComCallbacks.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problem(WeComFailure.TooLarge);
        }

        using var xml = new MemoryStream(body, writable: false);
        var result = await callbacks.ReceiveAsync(found, QueryOf(request), xml, cancellationToken);
        return result.Failure is { } failure ? Problem(failure) : TypedResults.Ok(); // an empty 200: WeCom's "received"
    }

    private static WeComCallbackQuery QueryOf(HttpRequest request) =>
        new(request.Query["msg_signature"], request.Query["timestamp"], request.Query["nonce"], request.Query["echostr"]);

    private static ProblemHttpResult UnknownApp() =>
        Problems.NotFound("No WeCom app of this name is configured under Channels:WeCom:Apps.");

    private static ProblemHttpResult Problem(WeComFailure failure) => failure switch
    {
        WeComFailure.TooLarge => Problems.TooLarge(WeComCallbacks.MaxBodyBytes),
        WeComFailure.BadSignature => TypedResults.Problem("msg_signature is not the SHA1 of this app's Token, timestamp, nonce and ciphertext.",
            statusCode: StatusCodes.Status401Unauthorized, title: "The signature does not match"),
        WeComFailure.StaleTimestamp => TypedResults.Problem($"timestamp is more than {WeComCallbacks.Window.TotalMinutes} minutes away from our clock.",
            statusCode: StatusCodes.Status401Unauthorized, title: "The callback is stale"),
        WeComFailure.ReplayedNonce => TypedResults.Problem($"This nonce was already accepted in the last {WeComCallbacks.Window.TotalMinutes} minutes.",
            statusCode: StatusCodes.Status409Conflict, title: "The nonce was already used"),
        WeComFailure.MissingParameter => Problems.BadRequest("Missing parameter",
            "msg_signature, timestamp and nonce (and echostr for a GET, <Encrypt> for a POST) are required, each at most 128 characters."),
        WeComFailure.BadTimestamp => Problems.BadRequest("Bad timestamp", "timestamp must be Unix seconds."),
        WeComFailure.MalformedXml => Problems.BadRequest("Malformed XML",
            "The body, or the message it decrypts to, is not WeCom's <xml> document with the fields of its type."),
        WeComFailure.WrongReceiveId => Problems.BadRequest("Wrong receive id", "The message was not encrypted for this app's CorpId."),
        _ => Problems.BadRequest("Undecryptable ciphertext", $"The ciphertext does not decrypt under this app's EncodingAESKey ({failure})."),
    };
}
