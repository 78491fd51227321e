using CustomerService.Core.Privacy;

namespace CustomerService.UnitTests.Llm;

public sealed class PersonalDataMaskerTests
{
    [Theory]
    [InlineData("手机13812345678", "手机138****5678")]
    [InlineData("身份证110101199003074518", "身份证110***********4518")]
    [InlineData("卡号6222021234567890128", "卡号6222***********0128")] // 19 digits
    [InlineData("card 4111 1111 1111 1111 please", "card 4111 **** **** 1111 please")]
    [InlineData("card 4111-1111-1111-1111.", "card 4111-****-****-1111.")]
    [InlineData("卡号 6222 0212 3456 7890 128 谢谢", "卡号 6222 **** **** ***0 128 谢谢")]
    [InlineData("4111111111111111", "4111********1111")]
    [InlineData("phone:8613812345678", "phone:86138****5678")] // 13 digits that are a phone, not a card
    public void Phones_ids_and_bank_cards_are_masked(string text, string expected) => Assert.Equal(expected, PersonalDataMasker.Mask(text));

    [Theory]
    [InlineData("card 4111 1111 1111 1112")] // fails the Luhn check
    [InlineData("order 6222021234567890124")]
    [InlineData("hotline 400-820-1234")]
    [InlineData("热线 400 820 1234")]
    [InlineData("order 20261120 total ¥1999")]
    [InlineData("12345678901")]
    [InlineData("")]
    public void Other_numbers_are_left_alone(string text) => Assert.Equal(text, PersonalDataMasker.Mask(text));

    [Fact]
    public void Everything_in_one_message_is_masked_at_once()
    {
        var masked = PersonalDataMasker.Mask("我是13812345678，身份证110101199003074518，卡4111111111111111退款");

        Assert.Equal("我是138****5678，身份证110***********4518，卡4111********1111退款", masked);
    }
}
