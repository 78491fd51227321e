using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CustomerService.Channels.DingTalk;
using static CustomerService.Channels.DingTalk.DingTalkEventCrypto;

namespace CustomerService.UnitTests.Channels.DingTalk;

/// <summary>Event-subscription crypto (spec §6): the official DingTalk-Callback-Crypto vector, our reply vector, round trips and tampering.</summary>
public sealed class DingTalkEventCryptoTests
{
    private const string Token = "mryue";
    private const string AesKey = "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7";
    private const string OwnerKey = "ding6ccabc44d2c8d38b";
    private const string Timestamp = "1608001896814";
    private const string Nonce = "WL4PK6yA";
    private const string VectorSignature = "03044561471240d4a14bb09372dfcfd4fd0e40cb";
    private const string VectorEncrypt =
        "0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3";
    private const string ReplyEncrypt = "HhNGRDG0mTzYsENKbj9MYh2YkebYyczskUrrGHoX5rz32/4JV3ifJ4nLcWUCZOqUrXfSl1veEnHHgVTJnlBHpg==";
    private const string ReplySignature = "64c6e2fcd6b14b9471b9f4dc50427d92aa5bf0f3";

    private static readonly DingTalkEventCrypto Crypto = new(Token, AesKey, OwnerKey);

    [Fact]
    public void The_official_vector_signature_is_reproduced_and_verifies()
    {
        Assert.Equal(VectorSignature, Crypto.Signature(Timestamp, Nonce, VectorEncrypt));
        Assert.True(Crypto.VerifySignature(VectorSignature, Timestamp, Nonce, VectorEncrypt));
        Assert.True(Crypto.VerifySignature(VectorSignature.ToUpperInvariant(), Timestamp, Nonce, VectorEncrypt));
    }

    [Fact]
    public void The_official_vector_decrypts_to_check_url()
    {
        Assert.Equal(Failure.None, Crypto.TryDecrypt(VectorEncrypt, out var message));
        Assert.Equal("{\"EventType\":\"check_url\"}", message);
    }

    [Fact]
    public void The_official_vector_is_reproduced_with_its_random_prefix() =>
        Assert.Equal(VectorEncrypt, Crypto.Encrypt("{\"EventType\":\"check_url\"}", "l7Y3EcX2CU5w8av3"u8));

    [Fact]
    public void The_official_vector_pads_with_31_bytes_to_a_32_byte_block()
    {
        var plain = RawDecrypt(VectorEncrypt);
        Assert.Equal(96, plain.Length);
        Assert.All(plain[^31..], b => Assert.Equal(31, b));
        Assert.Equal("l7Y3EcX2CU5w8av3", Encoding.ASCII.GetString(plain, 0, 16));
        Assert.Equal(25, BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(16, 4)));
    }

    [Fact]
    public void The_reply_vector_encrypts_success_and_signs_it()
    {
        var encrypt = Crypto.Encrypt("success", "AAAAAAAAAAAAAAAA"u8);

        Assert.Equal(ReplyEncrypt, encrypt);
        Assert.Equal(ReplySignature, Crypto.Signature(Timestamp, Nonce, encrypt));
    }

    [Fact]
    public void A_sealed_reply_verifies_and_decrypts_to_success()
    {
        var reply = Crypto.Seal("success", Timestamp, Nonce);

        Assert.Equal((Timestamp, Nonce), (reply.TimeStamp, reply.Nonce));
        Assert.True(Crypto.VerifySignature(reply.MsgSignature, reply.TimeStamp, reply.Nonce, reply.Encrypt));
        Assert.Equal(Failure.None, Crypto.TryDecrypt(reply.Encrypt, out var message));
        Assert.Equal("success", message);
        Assert.NotEqual(reply.Encrypt, Crypto.Seal("success", Timestamp, Nonce).Encrypt); // a fresh random prefix each time
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("{\"EventType\":\"user_add_org\",\"UserId\":[\"u1\"]}")]
    [InlineData("钉钉事件：中文内容")]
    [InlineData("123456789012")] // 16 + 4 + 12 + 20 = 52 → pad 12
    [InlineData("abcdefghijklmnopqrstuvwxyz012345678901234")] // 16 + 4 + 41 + 20 = 81 → pad 15
    [InlineData("abcdefghijklmnopqrstuvwx")] // 16 + 4 + 24 + 20 = 64: a whole block of padding (32)
    public void Any_message_round_trips(string message)
    {
        var encrypt = Crypto.Encrypt(message);

        Assert.Equal(Failure.None, Crypto.TryDecrypt(encrypt, out var decrypted));
        Assert.Equal(message, decrypted);
        Assert.Equal(0, Convert.FromBase64String(encrypt).Length % 32);
    }

    [Fact]
    public void A_block_exact_message_gets_a_whole_block_of_padding() =>
        Assert.All(RawDecrypt(Crypto.Encrypt("abcdefghijklmnopqrstuvwx"))[^32..], b => Assert.Equal(32, b));

    [Fact]
    public void Another_owner_key_is_refused() =>
        Assert.Equal(Failure.WrongOwner, new DingTalkEventCrypto(Token, AesKey, "dingsomeoneelse00000").TryDecrypt(VectorEncrypt, out _));

    [Fact]
    public void An_owner_key_that_is_only_a_suffix_is_refused()
    {
        // The owner key is everything after the message, compared whole: a longer one is not a match.
        var longer = new DingTalkEventCrypto(Token, AesKey, "x" + OwnerKey).Encrypt("{}");
        Assert.Equal(Failure.WrongOwner, Crypto.TryDecrypt(longer, out _));
    }

    [Fact]
    public void Another_aes_key_does_not_decrypt()
    {
        var other = new DingTalkEventCrypto(Token, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", OwnerKey);
        Assert.NotEqual(Failure.None, other.TryDecrypt(VectorEncrypt, out var message));
        Assert.Equal("", message);
    }

    [Theory]
    [InlineData(0)]   // the random prefix's block: CBC garbles it and the next block's first byte flips in the length
    [InlineData(20)]  // the message
    [InlineData(80)]  // the last block: padding
    [InlineData(95)]
    public void A_flipped_ciphertext_bit_is_detected(int index)
    {
        var cipher = Convert.FromBase64String(VectorEncrypt);
        cipher[index] ^= 0x01;

        var failure = Crypto.TryDecrypt(Convert.ToBase64String(cipher), out var message);

        Assert.NotEqual(Failure.None, failure);
        Assert.Equal("", message);
    }

    [Theory]
    [InlineData("not base64!", Failure.NotBase64)]
    [InlineData("0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu", Failure.NotBase64)]
    [InlineData("AAAA", Failure.BadLength)] // 3 bytes
    [InlineData("0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3AAAA", Failure.BadLength)]
    public void Bad_base64_or_length_is_named(string encrypt, Failure expected) =>
        Assert.Equal(expected, Crypto.TryDecrypt(encrypt, out _));

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(200)]
    public void A_pad_byte_outside_one_to_32_is_bad_padding(byte pad) =>
        Assert.Equal(Failure.BadPadding, Crypto.TryDecrypt(RawEncrypt(Layout("{}")[..^1].Append(pad).ToArray()), out _));

    [Fact]
    public void Pad_bytes_that_disagree_are_bad_padding()
    {
        var plain = Layout("{}");
        plain[^5] = 7;
        Assert.Equal(Failure.BadPadding, Crypto.TryDecrypt(RawEncrypt(plain), out _));
    }

    [Fact]
    public void A_length_beyond_the_plaintext_is_bad_layout()
    {
        var plain = Layout("{}");
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), 1000);
        Assert.Equal(Failure.BadLayout, Crypto.TryDecrypt(RawEncrypt(plain), out _));
    }

    [Fact]
    public void A_plaintext_too_short_for_its_header_is_bad_layout() =>
        Assert.Equal(Failure.BadLayout, Crypto.TryDecrypt(RawEncrypt([.. new byte[16], .. Enumerable.Repeat((byte)16, 16)]), out _));

    [Theory]
    [InlineData("mryuE", Timestamp, Nonce, VectorEncrypt)]
    [InlineData(Token, "1608001896815", Nonce, VectorEncrypt)]
    [InlineData(Token, Timestamp, "WL4PK6yB", VectorEncrypt)]
    [InlineData(Token, Timestamp, Nonce, ReplyEncrypt)]
    public void Changing_any_signed_part_breaks_the_signature(string token, string timestamp, string nonce, string encrypt) =>
        Assert.False(new DingTalkEventCrypto(token, AesKey, OwnerKey).VerifySignature(VectorSignature, timestamp, nonce, encrypt));

    [Theory]
    [InlineData("")]
    [InlineData("03044561471240d4a14bb09372dfcfd4fd0e40c")]
    [InlineData("03044561471240d4a14bb09372dfcfd4fd0e40cb00")]
    public void A_signature_of_another_length_does_not_verify(string signature) =>
        Assert.False(Crypto.VerifySignature(signature, Timestamp, Nonce, VectorEncrypt));

    [Theory]
    [InlineData("Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7", true)]
    [InlineData("Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd", false)] // 42 characters
    [InlineData("Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7=", false)] // 44: the console shows 43
    [InlineData("Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ec*7", false)]
    public void Aes_keys_are_43_base64_characters_of_32_bytes(string aesKey, bool valid)
    {
        Assert.Equal(valid, TryDecodeAesKey(aesKey, out var key));
        Assert.Equal(valid ? 32 : 0, key?.Length ?? 0);
    }

    private static byte[] Key => Convert.FromBase64String(AesKey + "=");

    private static byte[] RawDecrypt(string encrypt)
    {
        using var aes = Aes.Create();
        aes.Key = Key;
        return aes.DecryptCbc(Convert.FromBase64String(encrypt), Key.AsSpan(0, 16), PaddingMode.None);
    }

    private static string RawEncrypt(byte[] plain)
    {
        using var aes = Aes.Create();
        aes.Key = Key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, Key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>random(16) | len | message | owner key, PKCS#7-padded to 32 bytes as DingTalk does (here 42 bytes + 22).</summary>
    private static byte[] Layout(string message)
    {
        var body = Encoding.UTF8.GetBytes(message);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, body.Length);
        byte[] content = [.. new byte[16], .. length, .. body, .. Encoding.ASCII.GetBytes(OwnerKey)];
        var pad = 32 - (content.Length % 32);
        return [.. content, .. Enumerable.Repeat((byte)pad, pad)];
    }
}
