using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CustomerService.Channels.Crypto;

/// <summary>Why a ciphertext was refused; never anything of its plaintext.</summary>
public enum CipherFailure
{
    None,
    BadBase64,
    BadCiphertext,
    BadPadding,
    BadLength,
    WrongOwner,
    BadText,
}

/// <summary>
/// The callback crypto WeCom and DingTalk share (Tencent's WXBizMsgCrypt scheme, which DingTalk adopted): a SHA1 signature
/// over the ordinal-sorted token, timestamp, nonce and ciphertext, and AES-256-CBC with IV = key[0..16) over
/// <c>random(16) | length (4, big-endian) | message | owner id</c>, padded PKCS#7-style to 32-byte blocks. The owner id is
/// WeCom's CorpId or DingTalk's AppKey. Each channel's own class words its errors; the scheme lives once, here.
/// </summary>
public sealed class CallbackCipher
{
    public const int RandomLength = 16;
    public const int EncodedKeyLength = 43;
    private const int PadBlock = 32; // 32, not AES's 16: pad values up to 32 occur, which .NET's PKCS7 mode refuses
    private const int HeaderLength = RandomLength + sizeof(int);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _owner;

    public CallbackCipher(string token, byte[] key, string ownerId)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        _token = token;
        _key = key is { Length: 32 } ? key : throw new ArgumentException("The AES key must be 32 bytes.", nameof(key));
        _owner = Encoding.UTF8.GetBytes(ownerId);
    }

    /// <summary>The 32-byte AES key of an encoded key (Base64 of the key without its trailing <c>=</c>), or null when it is not one.</summary>
    public static byte[]? DecodeKey(string? encodedKey)
    {
        if (encodedKey is not { Length: EncodedKeyLength } || encodedKey.Any(char.IsWhiteSpace))
        {
            return null;
        }

        var key = new byte[33];
        return Convert.TryFromBase64String(encodedKey + "=", key, out var written) && written == 32 ? key[..32] : null;
    }

    /// <summary>Lowercase hex SHA1 of the ordinal-sorted, concatenated token, timestamp, nonce and ciphertext.</summary>
    public string Sign(string timestamp, string nonce, string encrypt)
    {
        string[] parts = [_token, timestamp, nonce, encrypt];
        Array.Sort(parts, StringComparer.Ordinal);
        var text = Encoding.UTF8.GetBytes(string.Concat(parts));
#pragma warning disable CA5350 // both protocols define the signature as SHA1; we verify their format, we do not choose it
        return Convert.ToHexStringLower(SHA1.HashData(text));
#pragma warning restore CA5350
    }

    /// <summary>Constant-time, hex case ignored: a forger learns nothing from how long a wrong signature took.</summary>
    public bool HasValidSignature(string signature, string timestamp, string nonce, string encrypt) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(Sign(timestamp, nonce, encrypt)), Encoding.UTF8.GetBytes(signature.ToLowerInvariant()));

    public string Encrypt(string message)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        RandomNumberGenerator.Fill(random);
        return Encrypt(message, random);
    }

    /// <summary>With the given 16-byte prefix: deterministic, for the official vectors.</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (random.Length != RandomLength)
        {
            throw new ArgumentException($"The random prefix must be {RandomLength} bytes.", nameof(random));
        }

        var text = Encoding.UTF8.GetBytes(message);
        var length = HeaderLength + text.Length + _owner.Length;
        var pad = PadBlock - length % PadBlock; // 1..32: a whole block of 32s when already aligned
        var plain = new byte[length + pad];
        random.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomLength), text.Length);
        text.CopyTo(plain, HeaderLength);
        _owner.CopyTo(plain, HeaderLength + text.Length);
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

    /// <summary>The message inside a ciphertext, or why there is none. Verify the signature first: padding errors are then no oracle.</summary>
    public CipherFailure TryDecrypt(string encrypt, out string message)
    {
        message = "";
        var cipher = new byte[(encrypt.Length + 3) / 4 * 3];
        if (!Convert.TryFromBase64String(encrypt, cipher, out var written))
        {
            return CipherFailure.BadBase64;
        }

        if (written == 0 || written % PadBlock != 0)
        {
            return CipherFailure.BadCiphertext; // 32-byte padding makes every ciphertext whole 32-byte blocks
        }

        using var aes = Aes.Create();
        aes.Key = _key;
        var plain = aes.DecryptCbc(cipher.AsSpan(0, written), _key.AsSpan(0, 16), PaddingMode.None);
        try
        {
            return Unpack(plain, out message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain); // the customer's words do not linger in freed memory
        }
    }

    private CipherFailure Unpack(byte[] plain, out string message)
    {
        message = "";
        var pad = plain[^1];
        if (pad is < 1 or > PadBlock || pad > plain.Length || plain.AsSpan(plain.Length - pad).ContainsAnyExcept(pad))
        {
            return CipherFailure.BadPadding;
        }

        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < HeaderLength)
        {
            return CipherFailure.BadLength;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(content[RandomLength..HeaderLength]);
        if (length > (uint)(content.Length - HeaderLength))
        {
            return CipherFailure.BadLength;
        }

        if (!CryptographicOperations.FixedTimeEquals(content[(HeaderLength + (int)length)..], _owner))
        {
            return CipherFailure.WrongOwner;
        }

        try
        {
            message = StrictUtf8.GetString(content.Slice(HeaderLength, (int)length));
            return CipherFailure.None;
        }
        catch (DecoderFallbackException)
        {
            return CipherFailure.BadText;
        }
    }
}
