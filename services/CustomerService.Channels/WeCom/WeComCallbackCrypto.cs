using CustomerService.Channels.Crypto;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// WeCom's callback crypto (its WXBizMsgCrypt scheme, spec §2, see <see cref="CallbackCipher"/>) with the CorpId as the
/// receive id, and failures as <see cref="WeComFailure"/>s. Errors carry a reason only, never any plaintext.
/// </summary>
public sealed class WeComCallbackCrypto
{
    public const int RandomLength = CallbackCipher.RandomLength;

    private readonly CallbackCipher _cipher;

    /// <param name="receiveId">The CorpId for a self-built app.</param>
    public WeComCallbackCrypto(string token, string encodingAesKey, string receiveId)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(receiveId);
        _cipher = new CallbackCipher(token, DecodeKey(encodingAesKey) ?? throw new WeComCryptoException(WeComFailure.BadAesKey), receiveId);
    }

    /// <summary>The 32-byte AES key of an EncodingAESKey (Base64 of the key without its trailing <c>=</c>), or null when it is not one.</summary>
    public static byte[]? DecodeKey(string? encodingAesKey) => CallbackCipher.DecodeKey(encodingAesKey);

    /// <summary>Lowercase hex SHA1 of the ordinal-sorted, concatenated token, timestamp, nonce and ciphertext.</summary>
    public string Sign(string timestamp, string nonce, string encrypt) => _cipher.Sign(timestamp, nonce, encrypt);

    /// <summary>Constant-time comparison, so a forger learns nothing from how long a wrong signature took.</summary>
    public bool HasValidSignature(string signature, string timestamp, string nonce, string encrypt) =>
        _cipher.HasValidSignature(signature, timestamp, nonce, encrypt);

    /// <summary>The message inside a ciphertext. Verify its signature first: padding errors are then no oracle to anyone without the token.</summary>
    /// <exception cref="WeComCryptoException">The ciphertext is not one of ours, with the reason.</exception>
    public string Decrypt(string encrypt) => _cipher.TryDecrypt(encrypt, out var message) switch
    {
        CipherFailure.None => message,
        CipherFailure.BadBase64 => throw new WeComCryptoException(WeComFailure.BadBase64),
        CipherFailure.BadCiphertext => throw new WeComCryptoException(WeComFailure.BadCiphertext),
        CipherFailure.BadPadding => throw new WeComCryptoException(WeComFailure.BadPadding),
        CipherFailure.BadLength => throw new WeComCryptoException(WeComFailure.BadLength),
        CipherFailure.WrongOwner => throw new WeComCryptoException(WeComFailure.WrongReceiveId),
        _ => throw new WeComCryptoException(WeComFailure.BadText),
    };

    /// <summary>Encrypts with a fresh random prefix from the system CSPRNG (passive replies).</summary>
    public string Encrypt(string message) => _cipher.Encrypt(message);

    /// <summary>Encrypts with the given 16-byte prefix: deterministic, for tests against the official vectors.</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random) => _cipher.Encrypt(message, random);
}
