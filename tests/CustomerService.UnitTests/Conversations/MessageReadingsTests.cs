using CustomerService.Core.Agent;

namespace CustomerService.UnitTests.Conversations;

public sealed class MessageReadingsTests
{
    [Theory]
    [InlineData("我上周买了一件外套，收到后发现不合适，想问下怎么退货", "想问下怎么退货")]
    [InlineData("昨天下的单，付完款才发现地址填错了，如何修改收货地址？", "如何修改收货地址？")]
    [InlineData("I ordered a jacket last week and it does not fit. How do I return an item?", "How do I return an item?")]
    [InlineData("My parcel is late. Where is it?", "Where is it?")]
    public void The_question_is_read_without_the_story_around_it(string message, string question)
    {
        Assert.Equal(question, MessageReadings.Question(message));
    }

    [Theory]
    [InlineData("怎么退货")]                       // one clause
    [InlineData("怎么退货？退款多久到账？")]       // every clause asks
    [InlineData("我买了一件外套，不合适")]         // no clause asks
    [InlineData("my order is late, it is a gift")]
    public void A_message_that_is_all_question_or_all_story_has_no_other_reading(string message)
    {
        Assert.Null(MessageReadings.Question(message));
    }
}
