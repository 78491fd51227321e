using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CustomerService.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// <c>POST /channels/dingtalk/{app}/events?msg_signature=…&amp;timestamp=…&amp;nonce=…</c>, body <c>{"encrypt":"…"}</c>:
/// an event-subscription push (spec §6). Every verified event, <c>check_url</c> included, is answered with the
/// encrypted, signed <c>success</c>; other events are only logged by type for now.
/// </summary>
internal static class DingTalkEventCallback
{
    public const int MaxBodyBytes = 64 * 1024;
    private const string Endpoint = "event push";
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static async Task<Results<Ok<EncryptedReply>, ProblemHttpResult>> Handle(
        string app, HttpRequest request, DingTalkApps apps, DingTalkNonceLedger nonces, TimeProvider time, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(DingTalkLog.Category);
        ProblemHttpResult Reject(int status, string title, string detail)
        {
            logger.Rejected(Endpoint, DingTalkApps.Loggable(app), status, title);
            return TypedResults.Problem(detail, statusCode: status, title: title);
        }

        if (apps.Find(app) is not { } config || apps.EventCrypto(app) is not { } crypto)
        {
            return Reject(StatusCodes.Status404NotFound, "Unknown app",
                "No DingTalk app of this name with an event subscription (Token and AesKey) is configured.");
        }

        // Query keys are case-insensitive here, so the older timeStamp variant is read too; likewise signature for msg_signature.
        var query = request.Query;
        var signature = query["msg_signature"].ToString() is { Length: > 0 } s ? s : query["signature"].ToString();
        var timestamp = query["timestamp"].ToString();
        var nonce = query["nonce"].ToString();
        if (signature.Length == 0 || timestamp.Length == 0 || nonce.Length == 0)
        {
            return Reject(StatusCodes.Status401Unauthorized, "Not signed", "msg_signature, timestamp and nonce are required in the query.");
        }

        var body = await RequestBody.ReadAsync(request.Body, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            logger.Rejected(Endpoint, config.Name, StatusCodes.Status413PayloadTooLarge, "Body too large");
            return Problems.TooLarge(MaxBodyBytes);
        }

        if (ReadString(body, "encrypt") is not { Length: > 0 } encrypt)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be {\"encrypt\":\"…\"}.");
        }

        if (!crypto.VerifySignature(signature, timestamp, nonce, encrypt))
        {
            return Reject(StatusCodes.Status401Unauthorized, "Signature mismatch", "msg_signature does not match the app's token.");
        }

        if (!DingTalkRobotSignature.IsFresh(timestamp, time.GetUtcNow()))
        {
            return Reject(StatusCodes.Status401Unauthorized, "Stale timestamp", "timestamp must be milliseconds within one hour of now.");
        }

        // Recorded only once the signature holds, so that nobody can burn DingTalk's nonces in advance.
        if (!nonces.TryRecord(config.Name, nonce))
        {
            return Reject(StatusCodes.Status401Unauthorized, "Replayed request", "This nonce was already used.");
        }

        switch (crypto.TryDecrypt(encrypt, out var plaintext))
        {
            case DingTalkEventCrypto.Failure.None:
                break;
            case DingTalkEventCrypto.Failure.WrongOwner:
                return Reject(StatusCodes.Status401Unauthorized, "Wrong recipient", "The event was encrypted for another app.");
            case var failure:
                return Reject(StatusCodes.Status400BadRequest, "Undecryptable", $"encrypt could not be decrypted ({failure}).");
        }

        if (ReadString(System.Text.Encoding.UTF8.GetBytes(plaintext), "EventType") is not { Length: > 0 } eventType)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed event", "The decrypted event is not JSON with an EventType.");
        }

        // check_url needs nothing but the answer; other types are acknowledged so DingTalk does not retry, and published later.
        var loggableType = DingTalkApps.Loggable(eventType);
        logger.EventAcknowledged(config.Name, loggableType);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(crypto.Seal("success", now, RandomNumberGenerator.GetString(Alphanumerics, 16)));
    }

    private static string? ReadString(byte[] json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
