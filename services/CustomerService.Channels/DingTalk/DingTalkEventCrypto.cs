using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// The event-subscription push crypto (same family as WeCom). Signature: lowercase hex SHA1 of the ordinally sorted
/// concatenation of token, timestamp, nonce and encrypt. Payload: AES-256-CBC, key = Base64(aes_key + "="),
/// IV = key[0..16), PKCS#7 over 32-byte blocks, plaintext = random(16) | length(4, big-endian) | message | owner key.
/// </summary>
public sealed class DingTalkEventCrypto
{
    public const int AesKeyLength = 43;
    private const int RandomLength = 16;
    private const int BlockSize = 32; // DingTalk pads to 32 bytes, so .NET's 16-byte PKCS#7 cannot be used

    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _ownerKey;

    /// <param name="ownerKey">What the plaintext must end with: the Client ID (AppKey) for an internal app, the suite key for a third-party one.</param>
    public DingTalkEventCrypto(string token, string aesKey, string ownerKey)
    {
        _token = token;
        _key = TryDecodeAesKey(aesKey, out var key) ? key : throw new ArgumentException("The AES key must be 43 Base64 characters of 32 bytes.", nameof(aesKey));
        _ownerKey = Encoding.UTF8.GetBytes(ownerKey);
    }

    public enum Failure { None, NotBase64, BadLength, BadPadding, BadLayout, WrongOwner }

    public static bool TryDecodeAesKey(string aesKey, [NotNullWhen(true)] out byte[]? key)
    {
        var buffer = new byte[33];
        if (aesKey is { Length: AesKeyLength } && Convert.TryFromBase64String(aesKey + "=", buffer, out var written) && written == 32)
        {
            key = buffer[..32];
            return true;
        }

        key = null;
        return false;
    }

    // SHA1 is what DingTalk's protocol mandates for this signature; it authenticates nothing of ours beyond that.
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "DingTalk's event signature is SHA1 by protocol.")]
    public string Signature(string timestamp, string nonce, string encrypt)
    {
        string[] parts = [_token, timestamp, nonce, encrypt];
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
    }

    /// <summary>Compares in constant time; hex case does not matter.</summary>
    public bool VerifySignature(string signature, string timestamp, string nonce, string encrypt) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Signature(timestamp, nonce, encrypt)), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));

    public string Encrypt(string message) => Encrypt(message, RandomNumberGenerator.GetBytes(RandomLength));

    /// <summary>With a given random prefix, so that the spec's vectors can be reproduced.</summary>
    internal string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomLength)
        {
            throw new ArgumentException($"The random prefix must be {RandomLength} bytes.", nameof(random));
        }

        var body = Encoding.UTF8.GetBytes(message);
        var length = RandomLength + 4 + body.Length + _ownerKey.Length;
        var pad = BlockSize - (length % BlockSize);
        var plain = new byte[length + pad];
        random.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomLength, 4), body.Length);
        body.CopyTo(plain, RandomLength + 4);
        _ownerKey.CopyTo(plain, RandomLength + 4 + body.Length);
        plain.AsSpan(length).Fill((byte)pad);

        using var aes = CreateAes();
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>The message inside <paramref name="encrypt"/>, or why there is none (never the plaintext).</summary>
    public Failure TryDecrypt(string encrypt, out string message)
    {
        message = "";
        var cipher = new byte[encrypt.Length * 3 / 4];
        if (!Convert.TryFromBase64String(encrypt, cipher, out var written))
        {
            return Failure.NotBase64;
        }

        if (written == 0 || written % 16 != 0)
        {
            return Failure.BadLength;
        }

        using var aes = CreateAes();
        var plain = aes.DecryptCbc(cipher.AsSpan(0, written), _key.AsSpan(0, 16), PaddingMode.None);
        int pad = plain[^1];
        if (pad is < 1 or > BlockSize || pad > plain.Length || plain.AsSpan(plain.Length - pad).ContainsAnyExcept((byte)pad))
        {
            return Failure.BadPadding;
        }

        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < RandomLength + 4)
        {
            return Failure.BadLayout;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(content.Slice(RandomLength, 4));
        if (length < 0 || length > content.Length - RandomLength - 4)
        {
            return Failure.BadLayout;
        }

        var owner = content[(RandomLength + 4 + length)..];
        if (!CryptographicOperations.FixedTimeEquals(owner, _ownerKey))
        {
            return Failure.WrongOwner;
        }

        try
        {
            message = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content.Slice(RandomLength + 4, length));
            return Failure.None;
        }
        catch (DecoderFallbackException)
        {
            return Failure.BadLayout;
        }
    }

    /// <summary>The encrypted, signed reply DingTalk expects to every push: <paramref name="message"/> is <c>success</c>.</summary>
    public EncryptedReply Seal(string message, string timestamp, string nonce)
    {
        var encrypt = Encrypt(message);
        return new EncryptedReply(Signature(timestamp, nonce, encrypt), timestamp, nonce, encrypt);
    }

    private Aes CreateAes()
    {
        var aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }
}

/// <summary>The JSON DingTalk reads back from an event push.</summary>
public sealed record EncryptedReply(
    [property: JsonPropertyName("msg_signature")] string MsgSignature,
    [property: JsonPropertyName("timeStamp")] string TimeStamp,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("encrypt")] string Encrypt);
