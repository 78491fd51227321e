using CustomerService.Channels.WebChat;

namespace CustomerService.UnitTests.Conversations;

public sealed class WebChatValidationTests
{
    [Theory]
    [InlineData(null, "怎么退货", "customerId")]
    [InlineData("c 1", "怎么退货", "customerId")]
    [InlineData("c-1", null, "text")]
    [InlineData("c-1", "   ", "text")]
    public void Missing_or_malformed_fields_are_named(string? customerId, string? text, string field)
    {
        var errors = WebChatApi.Validate(new WebChatApi.WebChatRequest(customerId, text));

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void The_text_limit_counts_utf8_bytes_not_characters()
    {
        var atLimit = new string('退', WebChatApi.MaxTextBytes / 3);   // 1,365 characters, 4,095 bytes
        var overLimit = atLimit + "货";                                 // 4,098 bytes

        Assert.Empty(WebChatApi.Validate(new WebChatApi.WebChatRequest("c-1", atLimit)));
        Assert.Contains("4098", WebChatApi.Validate(new WebChatApi.WebChatRequest("c-1", overLimit))["text"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_message_passes() =>
        Assert.Empty(WebChatApi.Validate(new WebChatApi.WebChatRequest("web-0123456789abcdef", "How do I return an item?")));
}
