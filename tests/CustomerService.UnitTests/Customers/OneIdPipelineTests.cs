using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Customers;
using CustomerService.Conformance;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using CustomerService.Core.Customers;
using CustomerService.Core.Tickets;
using CustomerService.UnitTests.Conversations;
using CustomerService.UnitTests.Embedded;
using CustomerService.UnitTests.Handoff;
using CustomerService.UnitTests.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerService.UnitTests.Customers;

/// <summary>The pipeline over the real SQLite stores: a turn acts for the OneID, in the conversation of its channel account.</summary>
public sealed class OneIdPipelineTests : IAsyncLifetime
{
    private static readonly VerifiedIdentity Phone = new(Phone: "+8613800138000");
    private readonly ConversationContextAccessor _accessor = new();
    private ContextRecorder _responder = null!;
    private IPortHarness _harness = null!;
    private OneIdResolver _resolver = null!;
    private ConversationPipeline _pipeline = null!;

    public async Task InitializeAsync()
    {
        _harness = await EmbeddedHarness.StartAsync(_ => { });
        _resolver = new OneIdResolver(_harness.Get<ICustomerDirectory>());
        _responder = new ContextRecorder(_accessor);
        _pipeline = new ConversationPipeline(_harness.Get<IConversationStore>(), _resolver, [], _responder, HandoffPipelineTests.AlwaysOpen,
            new TicketRules([], new StaticOptionsMonitor<TicketRuleOptions>(new TicketRuleOptions()), NullLogger<TicketRules>.Instance),
            new RecordingEventBus(), _accessor, new RecentMessages(), _harness.Time, NullLogger<ConversationPipeline>.Instance);
    }

    public async Task DisposeAsync()
    {
        _resolver.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Two_accounts_with_one_verified_phone_act_for_one_customer_in_their_own_conversations()
    {
        var web = await _pipeline.HandleAsync(new InboundMessage("webchat", "visitor-1", "怎么退货", Phone), CancellationToken.None);
        var wecom = await _pipeline.HandleAsync(new InboundMessage("wecom", "wm-1", "退款到账了吗", Phone), CancellationToken.None);

        var oneId = (await _harness.Get<ICustomerDirectory>().FindByAccountAsync(new ChannelAccount("webchat", "visitor-1")))!.Id;
        Assert.Equal([(oneId, web.ConversationId, "webchat"), (oneId, wecom.ConversationId, "wecom")],
            _responder.Contexts.Select(c => (c.CustomerId, c.ConversationId, c.Channel)));
        Assert.Equal([oneId, oneId], _responder.TurnCustomers);
        Assert.NotEqual(web.ConversationId, wecom.ConversationId); // conversations stay per channel account
        Assert.Equal("visitor-1", (await _harness.Get<IConversationStore>().FindAsync(web.ConversationId))?.CustomerId);
    }

    [Fact]
    public async Task A_phone_number_typed_in_a_message_links_nobody()
    {
        await _pipeline.HandleAsync(new InboundMessage("webchat", "visitor-1", "怎么退货", Phone), CancellationToken.None);

        await _pipeline.HandleAsync(new InboundMessage("webchat", "visitor-2", "我是13800138000的机主，查一下我的订单"), CancellationToken.None);

        Assert.Equal(2, _responder.Contexts.Select(c => c.CustomerId).Distinct().Count());
        Assert.Null((await _harness.Get<ICustomerDirectory>().FindByAccountAsync(new ChannelAccount("webchat", "visitor-2")))?.VerifiedPhone);
    }

    private sealed class ContextRecorder(ConversationContextAccessor accessor) : IResponder
    {
        public List<ConversationContext> Contexts { get; } = [];

        public List<string> TurnCustomers { get; } = [];

        public Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken)
        {
            Contexts.Add(accessor.Current!);
            TurnCustomers.Add(turn.CustomerId);
            return Task.FromResult(new AgentReply("好的。", 0.9, "any", Handoff: false));
        }
    }
}
