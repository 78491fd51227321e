using CustomerService.Channels.Crypto;
using CustomerService.Channels.DingTalk;
using CustomerService.Channels.WeCom;

namespace CustomerService.UnitTests.Channels;

/// <summary>The one cipher behind both channels' callbacks: what one side encrypts, the other side's class reads, owner id permitting.</summary>
public sealed class CallbackCipherTests
{
    private const string Token = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    private const string EncodedKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";

    [Fact]
    public void WeCom_and_DingTalk_read_each_others_ciphertext_when_the_owner_id_matches()
    {
        var wecom = new WeComCallbackCrypto(Token, EncodedKey, "owner-1");
        var dingtalk = new DingTalkEventCrypto(Token, EncodedKey, "owner-1");

        Assert.Equal(DingTalkEventCrypto.Failure.None, dingtalk.TryDecrypt(wecom.Encrypt("你好"), out var message));
        Assert.Equal("你好", message);
        Assert.Equal("success", wecom.Decrypt(dingtalk.Encrypt("success")));
        Assert.Equal(wecom.Sign("1", "2", "x"), dingtalk.Signature("1", "2", "x"));
    }

    [Theory]
    [InlineData("", 7)]
    [InlineData("abcdefg", 32)]         // 20 + 7 + 5 bytes are exactly one block: a whole block of 32s follows
    [InlineData("0123456789ab", 27)]
    public void Every_ciphertext_is_whole_32_byte_blocks_with_the_pad_the_scheme_says(string message, int pad)
    {
        var cipher = new CallbackCipher(Token, CallbackCipher.DecodeKey(EncodedKey)!, "owner");

        var bytes = Convert.FromBase64String(cipher.Encrypt(message, new byte[16]));

        Assert.Equal(0, bytes.Length % 32);
        Assert.Equal(20 + message.Length + "owner".Length + pad, bytes.Length);
    }

    [Fact]
    public void Another_owner_id_is_refused_without_revealing_the_message()
    {
        var key = CallbackCipher.DecodeKey(EncodedKey)!;
        var encrypted = new CallbackCipher(Token, key, "corp-a").Encrypt("secret order 123");

        Assert.Equal(CipherFailure.WrongOwner, new CallbackCipher(Token, key, "corp-b").TryDecrypt(encrypted, out var message));
        Assert.Equal("", message);
    }
}
