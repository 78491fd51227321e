using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CustomerService.Channels.WeCom;
using static CustomerService.UnitTests.Channels.WeCom.WeComVectors;

namespace CustomerService.UnitTests.Channels.WeCom;

/// <summary>Every official vector of spec §5, both directions, and what tampering with them gives.</summary>
public sealed class WeComCallbackCryptoTests
{
    private readonly WeComCallbackCrypto _crypto = Crypto();

    [Fact]
    public void The_encoding_aes_key_decodes_to_the_official_aes_key() =>
        Assert.Equal(AesKeyHex, Convert.ToHexStringLower(WeComCallbackCrypto.DecodeKey(EncodingAesKey)!));

    [Fact]
    public void V1_url_verification_signature_and_echostr()
    {
        Assert.Equal(V1Signature, _crypto.Sign(V1Timestamp, V1Nonce, V1EchoStr));
        Assert.True(_crypto.HasValidSignature(V1Signature, V1Timestamp, V1Nonce, V1EchoStr));
        Assert.Equal(V1Message, _crypto.Decrypt(V1EchoStr));
    }

    [Fact]
    public void V2_message_signature_and_plaintext_with_a_pad_of_22()
    {
        Assert.Equal(V2Signature, _crypto.Sign(V2Timestamp, V2Nonce, V2Encrypt));
        Assert.True(_crypto.HasValidSignature(V2Signature, V2Timestamp, V2Nonce, V2Encrypt));
        var message = _crypto.Decrypt(V2Encrypt);
        Assert.Equal(V2Message, message);
        Assert.Equal(228, Encoding.UTF8.GetByteCount(message));
        Assert.Equal(288, Convert.FromBase64String(V2Encrypt).Length);
    }

    [Theory]
    [InlineData(V1Message, V1Random, V1EchoStr)]
    [InlineData(V2Message, V2Random, V2Encrypt)]
    public void Encrypting_the_official_plaintexts_with_their_random_prefix_gives_the_official_ciphertexts(string message, string random, string expected) =>
        Assert.Equal(expected, _crypto.Encrypt(message, Encoding.ASCII.GetBytes(random)));

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("一二三四五六七八九十")]
    public void Encryption_with_a_random_prefix_round_trips_and_differs_each_time(string message)
    {
        var first = _crypto.Encrypt(message);
        var second = _crypto.Encrypt(message);

        Assert.NotEqual(first, second);
        Assert.Equal(message, _crypto.Decrypt(first));
        Assert.Equal(0, Convert.FromBase64String(first).Length % 32);
    }

    [Fact]
    public void Plaintext_already_on_a_32_byte_boundary_gets_a_whole_block_of_padding()
    {
        var message = new string('a', 64 - 16 - 4 - CorpId.Length); // 16 + 4 + 26 + 18 = 64
        var encrypted = _crypto.Encrypt(message, new byte[16]);

        Assert.Equal(96, Convert.FromBase64String(encrypted).Length);
        Assert.Equal(message, _crypto.Decrypt(encrypted));
    }

    [Theory]
    [InlineData("013bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb", V1Timestamp, V1Nonce, V1EchoStr)] // one hex digit off
    [InlineData(V1Signature, "1476416374", V1Nonce, V1EchoStr)] // timestamp changed
    [InlineData(V1Signature, V1Timestamp, "47744684", V1EchoStr)] // nonce changed
    [InlineData(V1Signature, V1Timestamp, V1Nonce, "gsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==")]
    [InlineData("012bc692d0a58dd4b10f8dfe5c4ac00ae211ebe", V1Timestamp, V1Nonce, V1EchoStr)] // truncated
    [InlineData("", V1Timestamp, V1Nonce, V1EchoStr)]
    public void A_tampered_signature_or_signed_field_does_not_verify(string signature, string timestamp, string nonce, string encrypt) =>
        Assert.False(_crypto.HasValidSignature(signature, timestamp, nonce, encrypt));

    [Fact]
    public void Another_token_does_not_verify_the_official_signature() =>
        Assert.False(new WeComCallbackCrypto("anotherToken", EncodingAesKey, CorpId).HasValidSignature(V1Signature, V1Timestamp, V1Nonce, V1EchoStr));

    [Fact]
    public void An_uppercase_hex_signature_verifies() =>
        Assert.True(_crypto.HasValidSignature(V1Signature.ToUpperInvariant(), V1Timestamp, V1Nonce, V1EchoStr));

    [Theory]
    [InlineData("not base64!", WeComFailure.BadBase64)]
    [InlineData("fsi1xnbH4yQh0+PJ", WeComFailure.BadCiphertext)] // 12 bytes: not whole blocks
    [InlineData("fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b", WeComFailure.BadCiphertext)] // 33 bytes
    public void Ciphertext_that_is_not_base64_or_not_whole_blocks_is_refused(string encrypt, WeComFailure reason) =>
        Assert.Equal(reason, Assert.Throws<WeComCryptoException>(() => _crypto.Decrypt(encrypt)).Reason);

    [Fact]
    public void The_official_message_under_another_corp_id_is_a_wrong_receive_id()
    {
        var e = Assert.Throws<WeComCryptoException>(() => new WeComCallbackCrypto(Token, EncodingAesKey, "ww0000000000000000").Decrypt(V2Encrypt));

        Assert.Equal(WeComFailure.WrongReceiveId, e.Reason);
        Assert.DoesNotContain("ChenJiaShun", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("你好", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_official_message_under_another_key_is_refused_without_its_plaintext()
    {
        var other = new WeComCallbackCrypto(Token, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", CorpId);

        var e = Assert.Throws<WeComCryptoException>(() => other.Decrypt(V2Encrypt));
        Assert.Contains(e.Reason, new[] { WeComFailure.BadPadding, WeComFailure.BadLength, WeComFailure.WrongReceiveId });
    }

    [Fact]
    public void A_flipped_ciphertext_bit_is_refused()
    {
        var bytes = Convert.FromBase64String(V2Encrypt);
        bytes[^1] ^= 0x01; // corrupts the last block, which holds the padding

        Assert.Throws<WeComCryptoException>(() => _crypto.Decrypt(Convert.ToBase64String(bytes)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(200)]
    public void A_pad_byte_outside_1_to_32_is_bad_padding(byte pad)
    {
        var plain = Layout("hello", CorpId);
        plain[^1] = pad;

        Assert.Equal(WeComFailure.BadPadding, Assert.Throws<WeComCryptoException>(() => _crypto.Decrypt(RawEncrypt(plain))).Reason);
    }

    [Fact]
    public void Inconsistent_pad_bytes_are_bad_padding()
    {
        var plain = Layout("hello", CorpId); // 16 + 4 + 5 + 18 = 43 → 21 bytes of 21
        plain[^2] = 7;

        Assert.Equal(WeComFailure.BadPadding, Assert.Throws<WeComCryptoException>(() => _crypto.Decrypt(RawEncrypt(plain))).Reason);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(-1)] // 0xFFFFFFFF
    public void A_message_length_beyond_the_plaintext_is_bad_length(int length)
    {
        var plain = Layout("hello", CorpId);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16), length);

        Assert.Equal(WeComFailure.BadLength, Assert.Throws<WeComCryptoException>(() => _crypto.Decrypt(RawEncrypt(plain))).Reason);
    }

    [Fact]
    public void A_plaintext_shorter_than_its_header_is_bad_length()
    {
        var plain = Enumerable.Repeat((byte)16, 32).ToArray(); // 16 bytes of content, then 16 of padding

        Assert.Equal(WeComFailure.BadLength, Assert.Throws<WeComCryptoException>(() => _crypto.Decrypt(RawEncrypt(plain))).Reason);
    }

    [Fact]
    public void A_message_that_is_not_utf8_is_bad_text()
    {
        var plain = Layout("hello", CorpId);
        plain[20] = 0xFF;

        Assert.Equal(WeComFailure.BadText, Assert.Throws<WeComCryptoException>(() => _crypto.Decrypt(RawEncrypt(plain))).Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhU")] // 42
    [InlineData("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUtt")] // 44
    [InlineData("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqh!t")] // not Base64
    [InlineData("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqh t")] // whitespace
    public void A_key_that_is_not_43_characters_of_base64_for_32_bytes_is_refused(string? key)
    {
        Assert.Null(WeComCallbackCrypto.DecodeKey(key));
        if (key is not null)
        {
            Assert.Equal(WeComFailure.BadAesKey, Assert.Throws<WeComCryptoException>(() => new WeComCallbackCrypto(Token, key, CorpId)).Reason);
        }
    }

    [Fact]
    public void A_random_prefix_of_the_wrong_size_is_refused() =>
        Assert.Throws<ArgumentException>(() => _crypto.Encrypt("x", new byte[15]));

    /// <summary>The plaintext layout with a correct 32-byte padding, for tests that then break one part of it.</summary>
    private static byte[] Layout(string message, string receiveId)
    {
        var text = Encoding.UTF8.GetBytes(message);
        var id = Encoding.UTF8.GetBytes(receiveId);
        var length = 20 + text.Length + id.Length;
        var pad = 32 - length % 32;
        var plain = new byte[length + pad];
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16), text.Length);
        text.CopyTo(plain, 20);
        id.CopyTo(plain, 20 + text.Length);
        plain.AsSpan(length).Fill((byte)pad);
        return plain;
    }

    private static string RawEncrypt(byte[] plain)
    {
        var key = Convert.FromHexString(AesKeyHex);
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
    }
}
