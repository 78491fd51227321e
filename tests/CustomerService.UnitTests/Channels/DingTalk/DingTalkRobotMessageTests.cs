using System.Text;
using System.Text.Json;
using CustomerService.Channels.DingTalk;

namespace CustomerService.UnitTests.Channels.DingTalk;

public sealed class DingTalkRobotMessageTests
{
    [Fact]
    public void The_documented_fields_are_read()
    {
        var message = Parse("""
            {"msgtype":"text","text":{"content":" 你好"},"msgId":"msgX","createAt":1700000000000,"conversationType":"2",
             "conversationId":"cidG","senderId":"$:LWCP","senderStaffId":"staff1","robotCode":"dingRobot","isInAtList":true,
             "sessionWebhook":"https://oapi.dingtalk.com/robot/sendBySession?session=s","sessionWebhookExpiredTime":1700000600000,
             "atUsers":[{"dingtalkId":"$:bot"}]}
            """)!;

        Assert.Equal(("text", "msgX", " 你好", "cidG", "staff1", "$:LWCP", "dingRobot", true, 1700000600000L, true),
            (message.MsgType, message.MsgId, message.Text, message.ConversationId, message.SenderStaffId, message.SenderId, message.RobotCode,
             message.IsInAtList, message.SessionWebhookExpiredTime, message.IsGroup));
    }

    [Fact]
    public void A_top_level_content_string_is_the_text_too() =>
        Assert.Equal("hi", Parse("""{"msgtype":"text","content":"hi"}""")!.Text);

    [Fact]
    public void Non_text_content_objects_are_not_text() =>
        Assert.Null(Parse("""{"msgtype":"picture","content":{"downloadCode":"d"}}""")!.Text);

    [Fact]
    public void The_over_quota_error_is_read() =>
        Assert.Equal("20001", Parse("""{"errorCode":20001,"errorMessage":"paused"}""")!.ErrorCode);

    [Fact]
    public void A_json_value_that_is_not_an_object_is_no_message() => Assert.Null(Parse("[1,2]"));

    [Fact]
    public void Broken_json_throws() => Assert.ThrowsAny<JsonException>(() => Parse("{\"msgtype\":"));

    [Theory]
    [InlineData(" 你好", "你好")]
    [InlineData("@客服机器人 怎么退货", "怎么退货")]
    [InlineData("@客服机器人\u2005怎么退货", "怎么退货")]
    [InlineData("@客服机器人 @张三 帮我查", "帮我查")]
    [InlineData("帮我查 @张三 的单", "帮我查 @张三 的单")]
    [InlineData("@客服机器人", "")]
    [InlineData("a@b.com 的订单", "a@b.com 的订单")]
    public void Leading_mentions_are_stripped(string text, string expected) =>
        Assert.Equal(expected, DingTalkRobotMessage.StripLeadingMentions(text));

    private static DingTalkRobotMessage? Parse(string json) => DingTalkRobotMessage.Parse(Encoding.UTF8.GetBytes(json));
}
