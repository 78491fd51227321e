using CustomerService.Abstractions.Channels;
using CustomerService.Channels.WeCom;

namespace CustomerService.UnitTests.Channels.WeCom;

/// <summary>企业客户事件 as WeCom documents it (添加企业客户事件: FromUserName sys, UserID, ExternalUserID, State, WelcomeCode).</summary>
public sealed class WeComContactAddedTests
{
    private static Dictionary<string, string> Event(string changeType = "add_external_contact", string? state = "qr-store-12",
        string externalUserId = "woAJ2GCAAAXtWyujaWJHDDGi0mACAAA", string createTime = "1403610513")
    {
        Dictionary<string, string> fields = new()
        {
            ["ToUserName"] = "ww1436e0e65a779aee", ["FromUserName"] = "sys", ["CreateTime"] = createTime, ["MsgType"] = "event",
            ["Event"] = "change_external_contact", ["ChangeType"] = changeType, ["UserID"] = "zhangsan",
            ["ExternalUserID"] = externalUserId, ["WelcomeCode"] = "WELCOMECODE",
        };
        if (state is not null)
        {
            fields["State"] = state;
        }

        return fields;
    }

    [Theory]
    [InlineData("add_external_contact")]
    [InlineData("add_half_external_contact")]
    public void An_addition_reads_the_staff_member_the_customer_and_the_state_as_a_channel_code(string changeType)
    {
        var added = WeComContactAdded.From(Event(changeType, state: " qr-store-12 "))!;

        Assert.Equal((changeType, "zhangsan", "woAJ2GCAAAXtWyujaWJHDDGi0mACAAA", "qr-store-12", 1403610513L),
            (added.ChangeType, added.StaffUserId, added.ExternalUserId, added.State, added.CreateTime));
        Assert.Equal("qr-store-12", added.Source!.Code);
        Assert.Empty(added.Source.Params);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Without_a_state_there_is_no_source(string? state)
    {
        var added = WeComContactAdded.From(Event(state: state))!;

        Assert.Null(added.State);
        Assert.Null(added.Source);
    }

    [Theory]
    [InlineData("门店12")]          // WeCom allows any 30 characters; a channel code is ASCII
    [InlineData("store 12")]
    public void A_state_that_is_not_shaped_like_a_channel_code_has_no_source(string state)
    {
        var added = WeComContactAdded.From(Event(state: state))!;

        Assert.Equal(state, added.State);
        Assert.Null(added.Source);
    }

    [Theory]
    [InlineData("edit_external_contact", "wmCustomer", "1403610513")]
    [InlineData("del_follow_user", "wmCustomer", "1403610513")]
    [InlineData("add_external_contact", "", "1403610513")]
    [InlineData("add_external_contact", "wm<script>", "1403610513")]
    [InlineData("add_external_contact", "wmCustomer", "yesterday")]
    public void What_is_not_an_addition_with_a_customer_and_a_time_is_not_read(string changeType, string externalUserId, string createTime) =>
        Assert.Null(WeComContactAdded.From(Event(changeType, externalUserId: externalUserId, createTime: createTime)));

    [Fact]
    public void The_event_id_is_stable_for_a_retry_and_differs_for_another_customer_in_the_same_second()
    {
        var first = WeComContactAdded.From(Event())!.EventId("acme");

        Assert.Equal(first, WeComContactAdded.From(Event())!.EventId("acme"));
        Assert.NotEqual(first, WeComContactAdded.From(Event(externalUserId: "wmOtherCustomer"))!.EventId("acme"));
        Assert.NotEqual(first, WeComContactAdded.From(Event(changeType: "add_half_external_contact"))!.EventId("acme"));
        Assert.NotEqual(first, WeComContactAdded.From(Event())!.EventId("other-app"));
        // Not the spec's FromUserName + CreateTime: that is "sys" + the second for every customer.
        Assert.NotEqual(ChannelEventIds.For("wecom", "acme", "sys", "1403610513"), first);
    }
}
