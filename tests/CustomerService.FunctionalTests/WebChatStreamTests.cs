using System.Globalization;
using System.Net;
using System.Text.Json;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

/// <summary>The web chat's event stream through the real host: order, resume, hand-off, who may read.</summary>
public sealed class WebChatStreamTests : IAsyncLifetime
{
    private readonly SlowTurns _slow = new();
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = new CustomerServiceApp(
            settings: new Dictionary<string, string?> { ["WebChat:StreamHeartbeat"] = "00:00:00.3" },
            services: s => s.AddSingleton<IConversationPolicy>(_slow));
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    private static string EventsUrl(string conversationId, string customerId, string? query = null) =>
        $"/api/webchat/conversations/{conversationId}/events?customerId={customerId}{query}";

    [Fact]
    public async Task The_stream_sends_the_customers_and_the_bots_messages_in_order_with_their_sequence_as_id()
    {
        var first = await _client.AskAsync("stream-order", "怎么退货");
        await _client.AskAsync("stream-order", "退款多久到账");

        await using var stream = await EventStreamReader.OpenAsync(_client, EventsUrl(first.ConversationId, "stream-order"));
        var events = await stream.ReadUntilAsync(e => e.Type == "status");

        var messages = events.Where(e => e.Type == "message").Select(Message).ToList();
        Assert.Equal(["customer", "bot", "customer", "bot"], messages.Select(m => m.Role));
        Assert.Equal(["怎么退货", first.Reply, "退款多久到账"], messages.Take(3).Select(m => m.Text));
        Assert.Equal("return_how", messages[1].MatchedIntent);
        Assert.All(events.Where(e => e.Type == "message"), e => Assert.Equal(e.Id, Message(e).Sequence.ToString(CultureInfo.InvariantCulture)));
        Assert.True(messages.Zip(messages.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "sequences increase");
        Assert.Equal("open", Status(events[^1]));
    }

    [Fact]
    public async Task A_live_turn_shows_the_message_then_typing_then_the_reply_and_typing_stops()
    {
        var first = await _client.AskAsync("stream-live", "怎么退货");
        await using var stream = await EventStreamReader.OpenAsync(_client, EventsUrl(first.ConversationId, "stream-live"));
        var caughtUp = await stream.ReadUntilAsync(e => e.Type == "status");

        var asking = _client.AskAsync("stream-live", SlowTurns.Marker + "怎么开发票");
        var whileWorking = await stream.ReadUntilAsync(e => e.Type == "typing");
        Assert.False(asking.IsCompleted); // the bot is still at work: typing is live, not after the fact
        _slow.Release();
        var reply = await asking;
        var afterReply = await stream.ReadUntilAsync(e => e.Type == "typing");

        Assert.Equal(SlowTurns.Marker + "怎么开发票", Message(Assert.Single(whileWorking, e => e.Type == "message")).Text);
        Assert.True(Typing(whileWorking[^1]));
        var botMessage = Message(Assert.Single(afterReply, e => e.Type == "message"));
        Assert.Equal(("bot", reply.Reply), (botMessage.Role, botMessage.Text));
        Assert.False(Typing(afterReply[^1]));
        Assert.Equal(Message(caughtUp.Last(e => e.Type == "message")).Sequence + 2, botMessage.Sequence);
    }

    [Fact]
    public async Task A_reconnect_with_last_event_id_resumes_exactly_after_it()
    {
        var first = await _client.AskAsync("stream-resume", "怎么退货");
        List<ServerSentEvent> seen;
        await using (var stream = await EventStreamReader.OpenAsync(_client, EventsUrl(first.ConversationId, "stream-resume")))
        {
            seen = [.. (await stream.ReadUntilAsync(e => e.Type == "status")).Where(e => e.Type == "message")];
        }

        // While disconnected the customer writes again (another tab, or the POST outlived the stream).
        var second = await _client.AskAsync("stream-resume", "退款多久到账");
        await using var resumed = await EventStreamReader.OpenAsync(_client, EventsUrl(first.ConversationId, "stream-resume"), lastEventId: seen[^1].Id);
        var missed = (await resumed.ReadUntilAsync(e => e.Type == "status")).Where(e => e.Type == "message").Select(Message).ToList();

        Assert.Equal(2, seen.Count);
        Assert.Equal(["退款多久到账", second.Reply], missed.Select(m => m.Text));
        Assert.True(missed[0].Sequence > long.Parse(seen[^1].Id!, CultureInfo.InvariantCulture));

        // ?after= (how the widget reopens) means the same; the header wins when both are sent.
        await using var fromQuery = await EventStreamReader.OpenAsync(_client,
            EventsUrl(first.ConversationId, "stream-resume", $"&after={seen[0].Id}"));
        Assert.Equal([first.Reply, "退款多久到账", second.Reply],
            (await fromQuery.ReadUntilAsync(e => e.Type == "status")).Where(e => e.Type == "message").Select(e => Message(e).Text));
        await using var both = await EventStreamReader.OpenAsync(_client,
            EventsUrl(first.ConversationId, "stream-resume", "&after=0"), lastEventId: missed[^1].Sequence.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("status", (await both.NextAsync())!.Type);
    }

    [Fact]
    public async Task A_handoff_sends_the_status_and_an_idle_stream_sends_heartbeats()
    {
        var first = await _client.AskAsync("stream-handoff", "怎么退货");
        await using var stream = await EventStreamReader.OpenAsync(_client, EventsUrl(first.ConversationId, "stream-handoff"));
        Assert.Equal("open", Status((await stream.ReadUntilAsync(e => e.Type == "status"))[^1]));

        var handoff = await _client.AskAsync("stream-handoff", "转人工");
        var events = await stream.ReadUntilAsync(e => e.Type == "status");

        Assert.True(handoff.Handoff);
        Assert.Equal(handoff.Reply, Message(events.Last(e => e.Type == "message")).Text);
        Assert.Equal("needs_human", Status(events[^1]));
        Assert.Equal("heartbeat", await stream.NextCommentAsync(TimeSpan.FromSeconds(3))); // idle for the 0.3 s heartbeat
        await using var again = await EventStreamReader.OpenAsync(_client, EventsUrl(first.ConversationId, "stream-handoff"));
        Assert.Equal("needs_human", Status((await again.ReadUntilAsync(e => e.Type == "status"))[^1]));
    }

    [Fact]
    public async Task A_closed_conversation_ends_the_stream_and_a_read_up_stream_answers_no_content()
    {
        var first = await _client.AskAsync("stream-close", "怎么退货");
        var bye = await _client.AskAsync("stream-close", "没有了谢谢");

        await using var stream = await EventStreamReader.OpenAsync(_client, EventsUrl(first.ConversationId, "stream-close"));
        var events = await stream.ReadUntilAsync(e => e.Type == "status");

        Assert.Equal("closed", Status(events[^1]));
        Assert.Equal(bye.Reply, Message(events.Last(e => e.Type == "message")).Text);
        Assert.Null(await stream.NextAsync()); // the server ended it
        using var readUp = await _client.GetAsync(EventsUrl(first.ConversationId, "stream-close", $"&after={events.Last(e => e.Type == "message").Id}"));
        Assert.Equal(HttpStatusCode.NoContent, readUp.StatusCode);
    }

    [Fact]
    public async Task Another_customer_cannot_read_the_stream_and_cannot_tell_it_exists()
    {
        var mine = await _client.AskAsync("stream-owner", "怎么退货");

        using var other = await _client.GetAsync(EventsUrl(mine.ConversationId, "stream-intruder"));
        using var unknown = await _client.GetAsync(EventsUrl("0123456789abcdef0123456789abcdef", "stream-intruder"));
        using var noCustomer = await _client.GetAsync($"/api/webchat/conversations/{mine.ConversationId}/events");

        var otherProblem = await other.ProblemAsync(404);
        var unknownProblem = await unknown.ProblemAsync(404);
        Assert.Equal(unknownProblem.GetProperty("detail").GetString(), otherProblem.GetProperty("detail").GetString());
        Assert.DoesNotContain(mine.Reply, otherProblem.GetRawText(), StringComparison.Ordinal);
        Assert.True((await noCustomer.ProblemAsync(400)).GetProperty("errors").TryGetProperty("customerId", out _));
    }

    [Theory]
    [InlineData("bad%21id", "", "id")]
    [InlineData("0123456789abcdef0123456789abcdef", "&after=-1", "after")]
    [InlineData("0123456789abcdef0123456789abcdef", "&after=abc", "after")]
    public async Task Bad_ids_and_positions_are_problem_details_naming_the_field(string id, string query, string field)
    {
        using var response = await _client.GetAsync(EventsUrl(id, "stream-bad", query));

        Assert.True((await response.ProblemAsync(400)).GetProperty("errors").TryGetProperty(field, out _), $"names {field}");
    }

    [Fact]
    public async Task A_bad_last_event_id_is_a_problem_naming_the_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, EventsUrl("0123456789abcdef0123456789abcdef", "stream-bad"));
        request.Headers.Add("Last-Event-ID", "12x");
        using var response = await _client.SendAsync(request);

        Assert.True((await response.ProblemAsync(400)).GetProperty("errors").TryGetProperty("Last-Event-ID", out _));
    }

    private sealed record StreamMessage(long Sequence, string Role, string Text, string? MatchedIntent);

    private static StreamMessage Message(ServerSentEvent e)
    {
        Assert.Equal("message", e.Type);
        var json = JsonDocument.Parse(e.Data).RootElement;
        return new StreamMessage(json.GetProperty("sequence").GetInt64(), json.GetProperty("role").GetString()!, json.GetProperty("text").GetString()!,
            json.GetProperty("matchedIntent").GetString());
    }

    private static string Status(ServerSentEvent e)
    {
        Assert.Equal("status", e.Type);
        return JsonDocument.Parse(e.Data).RootElement.GetProperty("status").GetString()!;
    }

    private static bool Typing(ServerSentEvent e)
    {
        Assert.Equal("typing", e.Type);
        return JsonDocument.Parse(e.Data).RootElement.GetProperty("typing").GetBoolean();
    }

    /// <summary>Holds a turn whose text starts with <see cref="Marker"/> until released, so "typing" can be seen while the bot works.</summary>
    private sealed class SlowTurns : IConversationPolicy
    {
        public const string Marker = "[slow] ";
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.TrySetResult();

        public async ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
        {
            if (turn.Message.Text.StartsWith(Marker, StringComparison.Ordinal))
            {
                await _release.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            }

            return null;
        }
    }
}
