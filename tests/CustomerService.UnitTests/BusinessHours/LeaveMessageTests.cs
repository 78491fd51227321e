using CustomerService.Abstractions.Audit;
using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.State;
using CustomerService.Abstractions.Tickets;
using CustomerService.Conformance;
using CustomerService.Core.Agent;
using CustomerService.Core.BusinessHours;
using CustomerService.Core.Conversations;
using CustomerService.Core.Customers;
using CustomerService.Core.Handoff;
using CustomerService.Core.Policies.SensitiveWords;
using CustomerService.Core.Tickets;
using CustomerService.UnitTests.Conversations;
using CustomerService.UnitTests.Handoff;
using CustomerService.UnitTests.Plugins;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerService.UnitTests.BusinessHours;

/// <summary>
/// The after-hours flow in the real pipeline, over the SQLite stores and the real <c>create_ticket</c> tool, on the
/// harness's fake clock: Friday 20 November 2026, 16:00 in Shanghai, after the web chat's 09:00-12:00 hours.
/// </summary>
public sealed class LeaveMessageTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Requested = new() { ["zh"] = "好的，正在为您转接人工客服。", ["en"] = "Connecting you to a person." };

    private readonly FakeConversationStore _store = new();
    private readonly BusinessHoursOptions _hours = new()
    {
        Channels = { ["webchat"] = new ChannelHours { TimeZone = "Asia/Shanghai", Weekly = [new WeeklyHours { Days = "Mon-Fri", Hours = ["09:00-12:00"] }] } },
        DeclinePhrases = ["不用了", "no thanks"],
    };

    private PluginHost _host = null!;
    private ConversationPipeline _pipeline = null!;

    public async Task InitializeAsync()
    {
        _host = await PluginHost.StartAsync();
        _pipeline = Pipeline(_hours);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<AgentReply> SendAsync(string text) => SendAsync(_pipeline, text);

    private static async Task<AgentReply> SendAsync(ConversationPipeline pipeline, string text) =>
        (await pipeline.HandleAsync(new InboundMessage("webchat", "c-1", text), CancellationToken.None)).Reply;

    private void Advance(TimeSpan by) => ((FakeTimeProvider)_host.Get<TimeProvider>()).Advance(by);

    // Tickets belong to the customer's OneID, not to the web chat account that wrote.
    private async Task<IReadOnlyList<Ticket>> TicketsAsync() =>
        await _host.Get<ICustomerDirectory>().FindByAccountAsync(new ChannelAccount("webchat", "c-1")) is { } customer
            ? await _host.Get<ITicketStore>().ListByCustomerAsync(customer.Id)
            : [];

    [Fact]
    public async Task A_hand_off_after_hours_offers_to_take_a_message_instead()
    {
        var reply = await SendAsync("转人工");

        Assert.False(reply.Handoff);
        Assert.Null(reply.HandoffReason);
        Assert.Equal(
            "您好，现在是非工作时间（工作时间：周一至周五 09:00-12:00），人工客服暂时无法接入，我们将于周一 09:00 上班后处理。"
            + "您可以直接在这里留言（问题、订单号和联系方式），我们会为您创建工单；如不需要，回复“不用了”即可。",
            reply.Text);
        Assert.Empty(_host.Events.Of<HandoffRequested>());
        Assert.Equal(ConversationStatus.Open, _store.Conversation.Status);
        var awaited = await _host.Get<IStateStore>().GetAsync<AwaitedMessage>(AwaitedMessage.Key(FakeConversationStore.ConversationId));
        Assert.Equal(_host.Now + TimeSpan.FromMinutes(30), awaited?.Value.Until);
    }

    [Fact]
    public async Task The_next_message_becomes_a_ticket_with_the_question_before_it_and_the_reply_says_when()
    {
        var offer = await SendAsync("火星上能送货吗");
        Assert.Contains("非工作时间", offer.Text, StringComparison.Ordinal);

        var received = await SendAsync("订单QC20261120001的退款一周了还没到");

        var ticket = Assert.Single(await TicketsAsync());
        Assert.Equal("订单QC20261120001的退款一周了还没到\n\n（留言前的问题：火星上能送货吗）", ticket.Question);
        Assert.Equal(("留言", TicketUrgency.Normal, FakeConversationStore.ConversationId), (ticket.Category, ticket.Urgency, ticket.ConversationId));
        Assert.Equal($"已收到您的留言，工单号 {ticket.Id}。我们会于周一 09:00 上班后联系您，请留意消息。", received.Text);
        Assert.False(received.Handoff);
        Assert.Single(_host.Events.Of<TicketCreated>());
        Assert.Empty(_host.Events.Of<HandoffRequested>());

        var after = await SendAsync("怎么退货");
        Assert.Equal(Responder.Answer, after.Text); // the wait is over: an ordinary turn
        Assert.Single(await TicketsAsync());
    }

    [Fact]
    public async Task A_customer_who_declines_gets_no_ticket()
    {
        await SendAsync("转人工");

        var declined = await SendAsync("不用了！");

        Assert.Equal("好的，不为您留言了。如需人工帮助，欢迎在工作时间（周一至周五 09:00-12:00）联系我们。", declined.Text);
        Assert.Empty(await TicketsAsync());
        Assert.Equal(Responder.Answer, (await SendAsync("怎么退货")).Text);
    }

    [Fact]
    public async Task A_blocked_message_never_becomes_a_ticket_and_the_offer_still_stands()
    {
        await SendAsync("转人工");

        var blocked = await SendAsync("能代开发票吗");
        Assert.Equal(new SensitiveWordsOptions().BlockedReply["zh"], blocked.Text);
        Assert.Empty(await TicketsAsync());

        await SendAsync("我的快递丢了，单号SF123");
        Assert.Equal("我的快递丢了，单号SF123\n\n（留言前的问题：转人工）", Assert.Single(await TicketsAsync()).Question);
    }

    [Fact]
    public async Task Asking_for_a_person_again_repeats_the_offer_and_keeps_the_first_question()
    {
        await SendAsync("火星上能送货吗");

        var again = await SendAsync("转人工");
        Assert.Contains("非工作时间", again.Text, StringComparison.Ordinal);
        Assert.Empty(await TicketsAsync());

        await SendAsync("请回电");
        Assert.Equal("请回电\n\n（留言前的问题：火星上能送货吗）", Assert.Single(await TicketsAsync()).Question);
    }

    [Fact]
    public async Task The_offer_lapses_after_the_message_window()
    {
        await SendAsync("转人工");
        Advance(TimeSpan.FromMinutes(31));

        var later = await SendAsync("怎么退货");

        Assert.Equal(Responder.Answer, later.Text);
        Assert.Empty(await TicketsAsync());
    }

    [Fact]
    public async Task An_upset_customers_complaint_is_filed_at_once_and_waits_for_opening_time()
    {
        var reply = await SendAsync("我要投诉");

        Assert.False(reply.Handoff);
        Assert.Contains("非工作时间", reply.Text, StringComparison.Ordinal);
        var ticket = Assert.Single(await TicketsAsync()); // filed now: a customer who says nothing more loses nothing
        Assert.Equal(("投诉", TicketUrgency.High, "我要投诉"), (ticket.Category, ticket.Urgency, ticket.Question));

        Assert.Equal(Responder.Answer, (await SendAsync("怎么退货")).Text); // no message is awaited: the next turn is ordinary
        Assert.Single(await TicketsAsync());
    }

    [Fact]
    public async Task An_english_customer_gets_the_english_offer_and_confirmation()
    {
        var offer = await SendAsync("talk to a human please");
        Assert.StartsWith("Our team is offline right now (hours: Mon-Fri 09:00-12:00); we'll pick this up after we open (Monday 09:00).", offer.Text, StringComparison.Ordinal);

        var received = await SendAsync("Please call me back about order QC1");
        Assert.Equal($"Thanks, we've got your message (ticket {Assert.Single(await TicketsAsync()).Id}). We'll contact you after we open (Monday 09:00).", received.Text);
    }

    [Fact]
    public async Task Inside_hours_a_hand_off_is_a_hand_off()
    {
        Advance(TimeSpan.FromHours(65.5)); // Monday 09:30 in Shanghai

        var reply = await SendAsync("转人工");

        Assert.True(reply.Handoff);
        Assert.Equal(Requested["zh"], reply.Text);
        Assert.Equal("customer_request", Assert.Single(_host.Events.Of<HandoffRequested>()).Reason);
        Assert.Equal(ConversationStatus.NeedsHuman, _store.Conversation.Status);
        Assert.Null(await _host.Get<IStateStore>().GetAsync<AwaitedMessage>(AwaitedMessage.Key(FakeConversationStore.ConversationId)));
    }

    [Fact]
    public async Task A_message_left_after_opening_time_is_promised_soon()
    {
        await SendAsync("转人工");
        Advance(TimeSpan.FromMinutes(10));
        var opensEarly = Pipeline(new BusinessHoursOptions
        {
            Channels = { ["webchat"] = new ChannelHours { TimeZone = "Asia/Shanghai", Weekly = [new WeeklyHours { Days = "Mon-Fri", Hours = ["16:05-18:00"] }] } },
        });

        var received = await SendAsync(opensEarly, "请回电");

        Assert.EndsWith("我们会尽快联系您，请留意消息。", received.Text, StringComparison.Ordinal);
        Assert.Single(await TicketsAsync());
    }

    [Fact]
    public async Task A_channel_without_hours_never_reads_the_state()
    {
        var policy = new LeaveMessagePolicy(Calendar(new BusinessHoursOptions()), new UnreadableState(), [], Options(new BusinessHoursOptions()),
            _host.Get<TimeProvider>(), NullLogger<LeaveMessagePolicy>.Instance);

        Assert.Null(await policy.EvaluateAsync(_store.Turn("你好"), CancellationToken.None));
    }

    private ConversationPipeline Pipeline(BusinessHoursOptions hours)
    {
        var time = _host.Get<TimeProvider>();
        var state = _host.Get<IStateStore>();
        var tools = _host.Get<IEnumerable<AIFunction>>();
        var tickets = new StaticOptionsMonitor<TicketRuleOptions>(new TicketRuleOptions
        {
            Rules = [new TicketRule { HandoffReason = "negative_sentiment", Category = "投诉", Urgency = "high" }],
            Messages = new() { ["zh"] = "已为您创建{category}工单。", ["en"] = "Ticket opened." },
        });
        var calendar = Calendar(hours);
        IConversationPolicy[] policies =
        [
            new SensitiveWordsPolicy(new StaticOptionsMonitor<SensitiveWordsOptions>(new SensitiveWordsOptions { Block = ["代开发票"] }), _host.Get<IAuditLog>(), time),
            new HumanRequestPolicy(new StaticOptionsMonitor<HandoffOptions>(new HandoffOptions { RequestPhrases = ["转人工", "talk to a human"], RequestedMessages = Requested })),
            new LeaveMessagePolicy(calendar, state, tools, Options(hours), time, NullLogger<LeaveMessagePolicy>.Instance),
        ];
        return new ConversationPipeline(_store, new OneIdResolver(_host.Get<ICustomerDirectory>()), policies, new Responder(),
            new AfterHoursHandoff(calendar, state, Options(hours), time, NullLogger<AfterHoursHandoff>.Instance, tickets),
            new TicketRules(tools, tickets, NullLogger<TicketRules>.Instance), _host.Events, _host.Get<IConversationContextAccessor>(), new RecentMessages(),
            time, NullLogger<ConversationPipeline>.Instance);
    }

    private BusinessCalendar Calendar(BusinessHoursOptions hours) => new(Options(hours), _host.Get<TimeProvider>());

    private static StaticOptionsMonitor<BusinessHoursOptions> Options(BusinessHoursOptions hours) => new(hours);

    /// <summary>Answers returns; cannot answer Mars; hears a complaint as an upset customer.</summary>
    private sealed class Responder : IResponder
    {
        public const string Answer = "在订单页申请退货即可。";

        public Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken) => Task.FromResult(
            turn.Text.Contains("火星", StringComparison.Ordinal) ? new AgentReply("抱歉，已为您转接人工客服。", 0.2, null, Handoff: true, "low_confidence")
            : turn.Text.Contains("投诉", StringComparison.Ordinal) ? new AgentReply("非常抱歉。", 1.0, null, Handoff: true, "negative_sentiment")
            : new AgentReply(Answer, 0.95, "return_how", Handoff: false));
    }

    private sealed class UnreadableState : IStateStore
    {
        public Task<StateEntry<T>?> GetAsync<T>(string key, CancellationToken cancellationToken = default) => throw new InvalidOperationException("read");

        public Task<string> SaveAsync<T>(string key, T value, string? etag, CancellationToken cancellationToken = default) => throw new InvalidOperationException("write");

        public Task<bool> DeleteAsync(string key, string? etag, CancellationToken cancellationToken = default) => throw new InvalidOperationException("delete");
    }
}
