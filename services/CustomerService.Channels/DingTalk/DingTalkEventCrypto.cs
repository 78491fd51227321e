using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using CustomerService.Channels.Crypto;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// The event-subscription push crypto: the scheme WeCom's callbacks use too (see <see cref="CallbackCipher"/>), with the
/// app's AppKey (or a suite key) as the owner id the plaintext must end with, and failures in DingTalk's words.
/// </summary>
public sealed class DingTalkEventCrypto
{
    public const int AesKeyLength = CallbackCipher.EncodedKeyLength;

    private readonly CallbackCipher _cipher;

    /// <param name="ownerKey">What the plaintext must end with: the Client ID (AppKey) for an internal app, the suite key for a third-party one.</param>
    public DingTalkEventCrypto(string token, string aesKey, string ownerKey)
    {
        _cipher = new CallbackCipher(token, TryDecodeAesKey(aesKey, out var key) ? key
            : throw new ArgumentException("The AES key must be 43 Base64 characters of 32 bytes.", nameof(aesKey)), ownerKey);
    }

    public enum Failure { None, NotBase64, BadLength, BadPadding, BadLayout, WrongOwner }

    public static bool TryDecodeAesKey(string aesKey, [NotNullWhen(true)] out byte[]? key)
    {
        key = CallbackCipher.DecodeKey(aesKey);
        return key is not null;
    }

    public string Signature(string timestamp, string nonce, string encrypt) => _cipher.Sign(timestamp, nonce, encrypt);

    /// <summary>Compares in constant time; hex case does not matter.</summary>
    public bool VerifySignature(string signature, string timestamp, string nonce, string encrypt) =>
        _cipher.HasValidSignature(signature, timestamp, nonce, encrypt);

    public string Encrypt(string message) => _cipher.Encrypt(message);

    /// <summary>With a given random prefix, so that the spec's vectors can be reproduced.</summary>
    internal string Encrypt(string message, ReadOnlySpan<byte> random) => _cipher.Encrypt(message, random);

    /// <summary>The message inside <paramref name="encrypt"/>, or why there is none (never the plaintext).</summary>
    public Failure TryDecrypt(string encrypt, out string message) => _cipher.TryDecrypt(encrypt, out message) switch
    {
        CipherFailure.None => Failure.None,
        CipherFailure.BadBase64 => Failure.NotBase64,
        CipherFailure.BadCiphertext => Failure.BadLength,
        CipherFailure.BadPadding => Failure.BadPadding,
        CipherFailure.WrongOwner => Failure.WrongOwner,
        _ => Failure.BadLayout,
    };

    /// <summary>The encrypted, signed reply DingTalk expects to every push: <paramref name="message"/> is <c>success</c>.</summary>
    public EncryptedReply Seal(string message, string timestamp, string nonce)
    {
        var encrypt = Encrypt(message);
        return new EncryptedReply(Signature(timestamp, nonce, encrypt), timestamp, nonce, encrypt);
    }
}

/// <summary>The JSON DingTalk reads back from an event push.</summary>
public sealed record EncryptedReply(
    [property: JsonPropertyName("msg_signature")] string MsgSignature,
    [property: JsonPropertyName("timeStamp")] string TimeStamp,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("encrypt")] string Encrypt);
