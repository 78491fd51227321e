namespace CustomerService.Channels.WeCom;

/// <summary>Why a WeCom callback was refused. Logged as is: a reason names no secret and quotes no plaintext.</summary>
public enum WeComFailure
{
    UnknownApp,
    MissingParameter,
    BadTimestamp,
    StaleTimestamp,
    BadSignature,
    ReplayedNonce,
    TooLarge,
    MalformedXml,
    BadAesKey,
    BadBase64,
    BadCiphertext,
    BadPadding,
    BadLength,
    BadText,
    WrongReceiveId,
}

/// <summary>A ciphertext or key that is not WeCom's, with the reason; its message never includes decrypted bytes.</summary>
public sealed class WeComCryptoException(WeComFailure reason)
    : Exception($"The WeCom ciphertext or key was refused: {reason}.")
{
    public WeComFailure Reason { get; } = reason;
}
