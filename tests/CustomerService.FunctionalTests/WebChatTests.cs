using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

public sealed class WebChatTests : IAsyncLifetime
{
    private readonly HandoffLog _handoffs = new();
    private readonly ClosingLog _closings = new();
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = new CustomerServiceApp(services: s =>
        {
            s.AddSingleton(_handoffs);
            s.AddEventHandler<HandoffRequested, HandoffLog.Handler>();
            s.AddSingleton(_closings);
            s.AddEventHandler<ConversationClosed, ClosingLog.Handler>();
        });
        _client = _app.CreateClient();
        using var import = await _client.PostRawAsync("/api/knowledge/faq", TestFaq.JsonLines, "application/x-ndjson");
        Assert.Equal(System.Net.HttpStatusCode.OK, import.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    [Fact]
    public async Task A_chinese_question_is_answered_from_the_imported_faq()
    {
        var reply = await _client.AskAsync("c-zh", "能带狗进店吗？");

        Assert.Equal("门店欢迎牵绳的小型宠物进入，请看管好您的宠物。", reply.Reply);
        Assert.Equal("pets_in_store", reply.MatchedIntent);
        Assert.InRange(reply.Confidence, 0.8, 1.0);
        Assert.False(reply.Handoff);
        Assert.False(string.IsNullOrEmpty(reply.ConversationId));
        Assert.Equal(new HttpResponses.CitationView("pets.zh", "宠物可以带进门店吗"), Assert.Single(reply.Citations));
        // The transcript keeps what the reply cited and that it did not hand off.
        var transcript = await _client.GetFromJsonAsync<JsonElement>($"/api/conversations/{reply.ConversationId}");
        var bot = transcript.GetProperty("messages")[1];
        Assert.Equal(("pets_in_store", false, "pets.zh"), (bot.GetProperty("matchedIntent").GetString(), bot.GetProperty("handoff").GetBoolean(),
            Assert.Single(bot.GetProperty("citations").EnumerateArray()).GetString()));
    }

    [Fact]
    public async Task An_english_question_is_answered_from_the_imported_faq()
    {
        var reply = await _client.AskAsync("c-en", "Can I bring my dog into the store");

        Assert.Equal("Small pets on a leash are welcome in our stores.", reply.Reply);
        Assert.Equal("pets_in_store", reply.MatchedIntent);
        Assert.InRange(reply.Confidence, 0.8, 1.0);
        Assert.False(reply.Handoff);
    }

    [Fact]
    public async Task The_demo_shop_answers_out_of_the_box()
    {
        var reply = await _client.AskAsync("c-demo", "怎么退货");

        Assert.Equal("return_how", reply.MatchedIntent);
        Assert.Contains("退货", reply.Reply, StringComparison.Ordinal);
        Assert.False(reply.Handoff);
    }

    [Theory]
    [InlineData("c-typo-zh", "优惠卷怎么用", "coupon_use")]   // 卷 for 券, corrected toward the demo shop's words
    [InlineData("c-typo-en", "how do I retrun an item", "return_how")]
    [InlineData("c-story", "我上周买了一件外套，收到后发现不合适，想问下怎么退货", "return_how")]
    public async Task A_misspelt_question_or_one_told_with_a_story_is_answered(string customer, string text, string intent)
    {
        var reply = await _client.AskAsync(customer, text);

        Assert.Equal(intent, reply.MatchedIntent);
        Assert.InRange(reply.Confidence, 0.8, 1.0);
        Assert.False(reply.Handoff);
        Assert.StartsWith(intent, Assert.Single(reply.Citations).Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unanswerable_question_hands_off_once_and_everything_is_persisted()
    {
        var clarify = await _client.AskAsync("c-oos", "你们的股票代码是多少");
        var first = await _client.AskAsync("c-oos", "火星上能送货吗"); // the second miss hands off

        Assert.False(clarify.Handoff);
        Assert.Contains("换个说法", clarify.Reply, StringComparison.Ordinal);
        Assert.True(first.Handoff);
        Assert.Null(first.MatchedIntent);
        Assert.Equal("抱歉，这个问题我暂时无法准确回答，已为您转接人工客服，请稍候。", first.Reply);
        Assert.True(first.Confidence < 0.8);
        Assert.Empty(first.Citations);
        Assert.Equal(clarify.ConversationId, first.ConversationId);

        var conversation = await _client.GetFromJsonAsync<JsonElement>($"/api/conversations/{first.ConversationId}");
        Assert.Equal("needs_human", conversation.GetProperty("conversation").GetProperty("status").GetString());
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["customer", "bot", "customer", "bot"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("你们的股票代码是多少", messages[0].GetProperty("text").GetString());
        Assert.Equal([false, true], messages.Where((_, i) => i % 2 == 1).Select(m => m.GetProperty("handoff").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, messages[0].GetProperty("handoff").ValueKind); // customer messages: not a reply

        await _handoffs.WaitForAsync(first.ConversationId);
        await _client.AskAsync("c-oos-later", "火星上能送货吗");
        var later = await _client.AskAsync("c-oos-later", "你们的股票代码是多少");
        await _handoffs.WaitForAsync(later.ConversationId); // delivered in order, after anything the first conversation published
        Assert.Equal(1, _handoffs.Count(first.ConversationId));
        Assert.Equal("low_confidence", _handoffs.Reason(first.ConversationId));
    }

    [Theory]
    [InlineData("我要转人工", "好的，正在为您转接人工客服，请稍候。")]
    [InlineData("I want to talk to a human", "Sure, I'm connecting you to a human agent now; please hold on.")]
    public async Task Asking_for_a_person_hands_off_even_when_the_bot_could_answer(string text, string expected)
    {
        var reply = await _client.AskAsync("c-human-" + expected.Length, text);

        Assert.True(reply.Handoff);
        Assert.Equal(expected, reply.Reply);
        await _handoffs.WaitForAsync(reply.ConversationId);
        Assert.Equal("customer_request", _handoffs.Reason(reply.ConversationId));
    }

    [Fact]
    public async Task Signing_off_closes_the_conversation_and_the_next_message_opens_a_new_one()
    {
        var question = await _client.AskAsync("c-bye", "怎么退货");
        var goodbye = await _client.AskAsync("c-bye", "谢谢！");
        var next = await _client.AskAsync("c-bye", "退款多久到账");

        Assert.Equal(question.ConversationId, goodbye.ConversationId);
        Assert.Contains("不客气", goodbye.Reply, StringComparison.Ordinal);
        Assert.NotEqual(goodbye.ConversationId, next.ConversationId);
        var closed = await _client.GetFromJsonAsync<JsonElement>($"/api/conversations/{goodbye.ConversationId}");
        Assert.Equal("closed", closed.GetProperty("conversation").GetProperty("status").GetString());
        await _closings.WaitForAsync(goodbye.ConversationId);
    }

    [Fact]
    public async Task The_chat_page_is_served_at_the_root()
    {
        using var response = await _client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"message-input\"", html, StringComparison.Ordinal);
        Assert.Contains("/api/webchat/messages", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"customerId\":\"c-1\",\"text\":\"\"}", "text")]
    [InlineData("{\"customerId\":\"c-1\",\"text\":\"   \"}", "text")]
    [InlineData("{\"text\":\"怎么退货\"}", "customerId")]
    [InlineData("{\"customerId\":\"c 1 <script>\",\"text\":\"怎么退货\"}", "customerId")]
    public async Task Invalid_messages_get_a_validation_problem_naming_the_field(string body, string field)
    {
        using var response = await _client.PostRawAsync("/api/webchat/messages", body, "application/json");

        var problem = await response.ProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_message_over_4_kb_is_refused()
    {
        var text = new string('退', 1400); // 4,200 bytes of UTF-8
        using var response = await _client.PostAsJsonAsync("/api/webchat/messages", new { customerId = "c-1", text });

        var problem = await response.ProblemAsync(400);
        Assert.Contains("4096", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"customerId\":\"c-1\",\"text\":", "Malformed JSON")]
    [InlineData("{\"customerId\":5,\"text\":\"hi\"}", "Malformed JSON")]
    [InlineData("[1,2]", "Malformed JSON")]
    [InlineData("null", "Malformed JSON")]
    public async Task Malformed_json_gets_a_problem(string body, string title)
    {
        using var response = await _client.PostRawAsync("/api/webchat/messages", body, "application/json");

        var problem = await response.ProblemAsync(400);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_identity_without_a_configured_secret_is_refused_and_names_the_setting()
    {
        using var response = await _client.PostAsJsonAsync("/api/webchat/messages",
            new { customerId = "c-id", text = "你好", identity = new { phone = "13800138000", signature = new string('0', 64) } });

        var problem = await response.ProblemAsync(400);
        Assert.Contains("WebChat:IdentitySecret", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_content_type_gets_415()
    {
        using var response = await _client.PostRawAsync("/api/webchat/messages", "customerId=c-1&text=hi", "application/x-www-form-urlencoded");

        await response.ProblemAsync(415);
    }

    [Fact]
    public async Task A_query_parameter_that_does_not_bind_is_named()
    {
        using var response = await _client.GetAsync("/api/conversations/x?limit=abc");

        var problem = await response.ProblemAsync(400);
        Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_conversation_is_a_404_problem()
    {
        using var response = await _client.GetAsync("/api/conversations/nope");

        await response.ProblemAsync(404);
    }

    /// <summary>Records every <see cref="HandoffRequested"/> the bus delivers.</summary>
    public sealed class HandoffLog
    {
        private readonly ConcurrentQueue<HandoffRequested> _seen = new();

        public int Count(string conversationId) => _seen.Count(e => e.ConversationId == conversationId);

        public string? Reason(string conversationId) => _seen.FirstOrDefault(e => e.ConversationId == conversationId)?.Reason;

        public async Task WaitForAsync(string conversationId)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (Count(conversationId) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"no HandoffRequested was delivered for {conversationId}");
                await Task.Delay(20);
            }
        }

        public sealed class Handler(HandoffLog log) : IIntegrationEventHandler<HandoffRequested>
        {
            public Task HandleAsync(HandoffRequested @event, CancellationToken cancellationToken)
            {
                log._seen.Enqueue(@event);
                return Task.CompletedTask;
            }
        }
    }

    /// <summary>Records the conversations the bus reports closed.</summary>
    public sealed class ClosingLog
    {
        private readonly ConcurrentQueue<string> _closed = new();

        public async Task WaitForAsync(string conversationId)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!_closed.Contains(conversationId))
            {
                Assert.True(DateTime.UtcNow < deadline, $"no ConversationClosed was delivered for {conversationId}");
                await Task.Delay(20);
            }
        }

        public sealed class Handler(ClosingLog log) : IIntegrationEventHandler<ConversationClosed>
        {
            public Task HandleAsync(ConversationClosed @event, CancellationToken cancellationToken)
            {
                log._closed.Enqueue(@event.ConversationId);
                return Task.CompletedTask;
            }
        }
    }
}
