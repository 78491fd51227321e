using System.Collections.Frozen;
using System.Globalization;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WeCom;

/// <summary>The query WeCom signs a callback with, URL-decoded.</summary>
public sealed record WeComCallbackQuery(string? MsgSignature, string? Timestamp, string? Nonce, string? EchoStr = null);

/// <summary>What became of a callback: refused with a reason, or accepted (with the decrypted echostr for a URL verification).</summary>
public readonly record struct WeComCallbackResult(WeComFailure? Failure, string? EchoStr = null)
{
    public static WeComCallbackResult Accepted { get; } = new(null);

    public static implicit operator WeComCallbackResult(WeComFailure failure) => new(failure);
}

/// <summary>One configured app, ready to verify its callbacks.</summary>
public sealed class WeComCallbackApp(WeComAppOptions options, TimeProvider time)
{
    public string Name { get; } = options.Name!;

    public string AgentId { get; } = options.AgentId!.Value.ToString(CultureInfo.InvariantCulture);

    public WeComCallbackCrypto Crypto { get; } = new(options.Token!, options.EncodingAesKey!, options.CorpId!);

    public WeComNonces Nonces { get; } = new(time);
}

/// <summary>
/// Verifies, decrypts and hands on WeCom's callbacks (spec §3–4). A message is published to the bus, whose outbox is the
/// inbox, before the ack; the agent answers after it. Order of checks: fresh timestamp, signature, unused nonce, then decryption,
/// so nothing unsigned is ever decrypted. Refusals are logged with their reason only.
/// </summary>
public sealed partial class WeComCallbacks
{
    public const string Channel = "wecom";
    public const string KfChannel = "wecom-kf";
    public const int MaxBodyBytes = 64 * 1024;
    private const int MaxParameterLength = 128;

    /// <summary>How far a callback's timestamp may be from our clock, and how long its nonce is remembered.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly FrozenDictionary<string, WeComCallbackApp> _apps;
    private readonly IEventBus _bus;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComCallbacks> _logger;

    public WeComCallbacks(IOptions<WeComOptions> options, IEventBus bus, TimeProvider time, ILogger<WeComCallbacks> logger)
    {
        _apps = options.Value.Apps.ToFrozenDictionary(a => a.Name!, a => new WeComCallbackApp(a, time), StringComparer.OrdinalIgnoreCase);
        _bus = bus;
        _time = time;
        _logger = logger;
    }

    public WeComCallbackApp? Find(string name)
    {
        if (_apps.TryGetValue(name, out var app))
        {
            return app;
        }

        LogUnknownApp(_logger); // the name is the caller's text: not logged
        return null;
    }

    /// <summary>The GET WeCom sends when the callback URL is saved: answered with the decrypted echostr.</summary>
    public WeComCallbackResult VerifyUrl(WeComCallbackApp app, WeComCallbackQuery query)
    {
        // A '+' of the Base64 echostr that reached us unencoded was decoded as a space; Base64 has no spaces.
        var echo = query.EchoStr?.Replace(' ', '+');
        var result = Verify(app, query, echo);
        if (result is null)
        {
            try
            {
                var text = app.Crypto.Decrypt(echo!);
                app.Nonces.Remember(NonceKey(query), query.MsgSignature!);
                LogVerified(_logger, app.Name);
                return new WeComCallbackResult(null, text);
            }
            catch (WeComCryptoException e)
            {
                result = e.Reason;
            }
        }

        return Refused(app, result.Value);
    }

    /// <summary>A message or event POST: verified, decrypted, published (once per message, see the event ids), then acknowledged.</summary>
    public async Task<WeComCallbackResult> ReceiveAsync(WeComCallbackApp app, WeComCallbackQuery query, Stream body, CancellationToken cancellationToken)
    {
        var envelope = WeComXml.Read(body);
        if (envelope is null)
        {
            return Refused(app, WeComFailure.MalformedXml);
        }

        var encrypt = envelope.GetValueOrDefault("Encrypt");
        if (Verify(app, query, encrypt) is { } failure)
        {
            return Refused(app, failure);
        }

        IReadOnlyDictionary<string, string>? message;
        try
        {
            message = WeComXml.Read(app.Crypto.Decrypt(encrypt!));
        }
        catch (WeComCryptoException e)
        {
            return Refused(app, e.Reason);
        }

        if (message is null || !await DispatchAsync(app, message, cancellationToken))
        {
            return Refused(app, WeComFailure.MalformedXml);
        }

        // Remembered once accepted: a request that failed on our side (storage down → 500) stays retryable by WeCom.
        app.Nonces.Remember(NonceKey(query), query.MsgSignature!);
        return WeComCallbackResult.Accepted;
    }

    private WeComFailure? Verify(WeComCallbackApp app, WeComCallbackQuery query, string? encrypt)
    {
        if (Missing(query.MsgSignature) || Missing(query.Timestamp) || Missing(query.Nonce) || string.IsNullOrEmpty(encrypt))
        {
            return WeComFailure.MissingParameter;
        }

        if (!long.TryParse(query.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WeComFailure.BadTimestamp;
        }

        if ((_time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Window)
        {
            return WeComFailure.StaleTimestamp;
        }

        if (!app.Crypto.HasValidSignature(query.MsgSignature!, query.Timestamp!, query.Nonce!, encrypt))
        {
            return WeComFailure.BadSignature;
        }

        return app.Nonces.IsReplay(NonceKey(query), query.MsgSignature!) ? WeComFailure.ReplayedNonce : null;
    }

    // A nonce is unique within its second, not across five minutes: WeCom's nonces are ~10 random digits, and at a few
    // hundred callbacks a second two legitimate requests in the window would share one now and then. Keyed with the
    // timestamp, a legitimate collision becomes vanishingly rare; a replay carries its original timestamp anyway.
    private static string NonceKey(WeComCallbackQuery query) => $"{query.Timestamp}.{query.Nonce}";

    private static bool Missing(string? parameter) => string.IsNullOrEmpty(parameter) || parameter.Length > MaxParameterLength;

    private WeComCallbackResult Refused(WeComCallbackApp app, WeComFailure failure)
    {
        LogRefused(_logger, app.Name, failure);
        return failure;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom callback for app {App} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string app, WeComFailure reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom callback for an app that is not configured refused")]
    private static partial void LogUnknownApp(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom callback URL of app {App} verified")]
    private static partial void LogVerified(ILogger logger, string app);
}
