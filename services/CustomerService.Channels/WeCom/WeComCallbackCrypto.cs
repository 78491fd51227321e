using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// WeCom's callback crypto (the scheme of its WXBizMsgCrypt library, spec §2): the SHA1 <c>msg_signature</c>, and
/// AES-256-CBC with IV = key[0..16) over <c>random(16) | msg_len (big-endian) | msg | receiveid</c>, padded PKCS#7-style to
/// 32-byte blocks. Errors carry a reason only, never any plaintext.
/// </summary>
public sealed class WeComCallbackCrypto
{
    public const int RandomLength = 16;
    private const int PadBlock = 32; // WeCom pads to 32 bytes, not AES's 16: pad values up to 32 occur (.NET's PKCS7 mode refuses > 16)
    private const int HeaderLength = RandomLength + sizeof(int);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _receiveId;

    /// <param name="receiveId">The CorpId for a self-built app.</param>
    public WeComCallbackCrypto(string token, string encodingAesKey, string receiveId)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(receiveId);
        _token = token;
        _key = DecodeKey(encodingAesKey) ?? throw new WeComCryptoException(WeComFailure.BadAesKey);
        _receiveId = Encoding.UTF8.GetBytes(receiveId);
    }

    /// <summary>The 32-byte AES key of an EncodingAESKey (Base64 of the key without its trailing <c>=</c>), or null when it is not one.</summary>
    public static byte[]? DecodeKey(string? encodingAesKey)
    {
        if (encodingAesKey is not { Length: 43 } || encodingAesKey.Any(char.IsWhiteSpace))
        {
            return null;
        }

        var key = new byte[33];
        return Convert.TryFromBase64String(encodingAesKey + "=", key, out var written) && written == 32 ? key[..32] : null;
    }

    /// <summary>Lowercase hex SHA1 of the ordinal-sorted, concatenated token, timestamp, nonce and ciphertext.</summary>
    public string Sign(string timestamp, string nonce, string encrypt)
    {
        string[] parts = [_token, timestamp, nonce, encrypt];
        Array.Sort(parts, StringComparer.Ordinal);
        var text = Encoding.UTF8.GetBytes(string.Concat(parts));
#pragma warning disable CA5350 // WeCom defines msg_signature as SHA1; we verify its format, we do not choose it
        return Convert.ToHexStringLower(SHA1.HashData(text));
#pragma warning restore CA5350
    }

    /// <summary>Constant-time comparison, so a forger learns nothing from how long a wrong signature took.</summary>
    public bool HasValidSignature(string signature, string timestamp, string nonce, string encrypt) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(Sign(timestamp, nonce, encrypt)), Encoding.UTF8.GetBytes(signature.ToLowerInvariant()));

    /// <summary>The message inside a ciphertext. Verify its signature first: padding errors are then no oracle to anyone without the token.</summary>
    /// <exception cref="WeComCryptoException">The ciphertext is not one of ours, with the reason.</exception>
    public string Decrypt(string encrypt)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypt);
        }
        catch (FormatException)
        {
            throw new WeComCryptoException(WeComFailure.BadBase64);
        }

        if (cipher.Length == 0 || cipher.Length % PadBlock != 0)
        {
            throw new WeComCryptoException(WeComFailure.BadCiphertext);
        }

        using var aes = Aes.Create();
        aes.Key = _key;
        var plain = aes.DecryptCbc(cipher, _key.AsSpan(0, 16), PaddingMode.None);
        try
        {
            return Unpack(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain); // the customer's words do not linger in freed memory
        }
    }

    /// <summary>Encrypts with a fresh random prefix from the system CSPRNG (passive replies).</summary>
    public string Encrypt(string message)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        RandomNumberGenerator.Fill(random);
        return Encrypt(message, random);
    }

    /// <summary>Encrypts with the given 16-byte prefix: deterministic, for tests against the official vectors.</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (random.Length != RandomLength)
        {
            throw new ArgumentException($"The random prefix must be {RandomLength} bytes.", nameof(random));
        }

        var text = Encoding.UTF8.GetBytes(message);
        var length = HeaderLength + text.Length + _receiveId.Length;
        var pad = PadBlock - length % PadBlock; // 1..32: a whole block of 32s when already aligned
        var plain = new byte[length + pad];
        random.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomLength), text.Length);
        text.CopyTo(plain, HeaderLength);
        _receiveId.CopyTo(plain, HeaderLength + text.Length);
        plain.AsSpan(length).Fill((byte)pad);

        using var aes = Aes.Create();
        aes.Key = _key;
        try
        {
            return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private string Unpack(byte[] plain)
    {
        var pad = plain[^1];
        if (pad is < 1 or > PadBlock || plain.AsSpan(plain.Length - pad).ContainsAnyExcept(pad))
        {
            throw new WeComCryptoException(WeComFailure.BadPadding);
        }

        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < HeaderLength)
        {
            throw new WeComCryptoException(WeComFailure.BadLength);
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(content[RandomLength..HeaderLength]);
        if (length > (uint)(content.Length - HeaderLength))
        {
            throw new WeComCryptoException(WeComFailure.BadLength);
        }

        var message = content.Slice(HeaderLength, (int)length);
        if (!content[(HeaderLength + (int)length)..].SequenceEqual(_receiveId))
        {
            throw new WeComCryptoException(WeComFailure.WrongReceiveId);
        }

        try
        {
            return StrictUtf8.GetString(message);
        }
        catch (DecoderFallbackException)
        {
            throw new WeComCryptoException(WeComFailure.BadText);
        }
    }
}
