using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.State;
using CustomerService.Channels.WeCom;
using CustomerService.Channels.WeCom.Kf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

using static CustomerService.FunctionalTests.WeComTestApp;

namespace CustomerService.FunctionalTests;

/// <summary>
/// 微信客服 end to end: a signed kf_msg_or_event callback to the real host, which pulls with kf/sync_msg from a fake WeCom on 127.0.0.1
/// and answers with kf/send_msg, welcomes with send_msg_on_event, and hands off with service_state/trans.
/// </summary>
public sealed class WeComKfTests : IAsyncLifetime
{
    private const string OpenKfid = "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw";

    private FakeKfWeCom _wecom = null!;
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;
    private long _now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public async Task InitializeAsync()
    {
        _wecom = await FakeKfWeCom.StartAsync();
        var settings = Settings();
        settings["Channels:WeCom:ApiBaseUrl"] = _wecom.BaseUrl;
        settings["Welcome:Channels:0"] = "wecom"; // kf customers are welcomed by enter_session, not before the first answer
        settings["EventBus:PollInterval"] = "00:00:00.050";
        settings["EventBus:InitialBackoff"] = "00:00:00.100";
        settings["EventBus:MaxBackoff"] = "00:00:00.200";
        _app = new CustomerServiceApp(settings: settings);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _wecom.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    [Fact]
    public async Task Every_message_of_every_page_is_answered_once_to_its_customer_and_the_next_event_pulls_from_the_stored_cursor()
    {
        _wecom.Pages.Enqueue(Page("cursor-1", true, Text("msg-a1", "wmCustomerA", "怎么退货"), Text("msg-b1", "wmCustomerB", "怎么退货")));
        _wecom.Pages.Enqueue(Page("cursor-2", false, Text("msg-a2", "wmCustomerA", "运费谁出")));

        await PostKfEventAsync("ENCtoken1");

        var sent = await _wecom.WaitForAsync("kf/send_msg", 3);
        await Task.Delay(1000); // room for a wrongly doubled send
        Assert.Equal(3, _wecom.CallsTo("kf/send_msg").Count);
        Assert.Equal(["wmCustomerA", "wmCustomerA", "wmCustomerB"], sent.Select(s => s.GetProperty("touser").GetString()).Order());
        Assert.All(sent, s => Assert.Equal(OpenKfid, s.GetProperty("open_kfid").GetString()));
        Assert.Equal(3, sent.Select(s => s.GetProperty("msgid").GetString()).Distinct().Count());
        Assert.Contains(sent, s => s.GetProperty("text").GetProperty("content").GetString()!.Contains("填写退货原因", StringComparison.Ordinal));
        var syncs = _wecom.CallsTo("kf/sync_msg");
        Assert.Equal(["ENCtoken1", "ENCtoken1"], syncs.Select(s => s.GetProperty("token").GetString()));
        Assert.Equal("cursor-1", syncs[1].GetProperty("cursor").GetString());

        await PostKfEventAsync("ENCtoken2");
        var next = (await _wecom.WaitForAsync("kf/sync_msg", 3))[2];
        Assert.Equal(("cursor-2", "ENCtoken2"), (next.GetProperty("cursor").GetString(), next.GetProperty("token").GetString()));
    }

    [Fact]
    public async Task Enter_session_is_welcomed_once_with_its_welcome_code()
    {
        _wecom.Pages.Enqueue(Page("cursor-1", false, Event("evt-1", "wmCustomerC",
            """{"event_type":"enter_session","scene":"123","scene_param":"","welcome_code":"aaaaaa"}""")));

        await PostKfEventAsync("ENCtoken1");

        var welcome = Assert.Single(await _wecom.WaitForAsync("kf/send_msg_on_event", 1));
        Assert.Equal(("aaaaaa", "text"), (welcome.GetProperty("code").GetString(), welcome.GetProperty("msgtype").GetString()));
        Assert.StartsWith("您好，欢迎咨询", welcome.GetProperty("text").GetProperty("content").GetString(), StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Single(_wecom.CallsTo("kf/send_msg_on_event"));
        Assert.Empty(_wecom.CallsTo("kf/send_msg")); // an event is not a message to answer
    }

    [Fact]
    public async Task Asking_for_a_person_moves_the_session_to_the_queue_once_and_the_bot_stays_silent_while_people_own_it()
    {
        _wecom.Pages.Enqueue(Page("cursor-1", false, Text("msg-d1", "wmCustomerD", "转人工")));
        await PostKfEventAsync("ENCtoken1");

        var trans = Assert.Single(await _wecom.WaitForAsync("kf/service_state/trans", 1));
        Assert.Equal((OpenKfid, "wmCustomerD", 2), (trans.GetProperty("open_kfid").GetString(), trans.GetProperty("external_userid").GetString(),
            trans.GetProperty("service_state").GetInt32()));
        // The reply to "转人工" goes out once: by send_msg if it beat the trans, else through the trans's msg_code.
        var answered = await SettleAsync(() => _wecom.Accepted("kf/send_msg").Count + _wecom.Accepted("kf/send_msg_on_event").Count >= 1);
        Assert.True(answered);

        _wecom.Pages.Enqueue(Page("cursor-2", false, Text("msg-d2", "wmCustomerD", "怎么退货")));
        await PostKfEventAsync("ENCtoken2");
        var outcome = await SentOutcomeAsync("msg-d2");

        Assert.Equal("owner_queue", outcome);
        Assert.Equal(1, _wecom.Accepted("kf/send_msg").Count + _wecom.Accepted("kf/send_msg_on_event").Count);
        Assert.Single(_wecom.CallsTo("kf/service_state/trans"));
    }

    [Fact]
    public async Task A_reply_waits_out_a_send_msg_outage_and_is_sent_once_after_recovery()
    {
        for (var i = 0; i < 3; i++)
        {
            _wecom.SendFailures.Enqueue(StatusCodes.Status503ServiceUnavailable);
        }

        _wecom.Pages.Enqueue(Page("cursor-1", false, Text("msg-e1", "wmCustomerE", "怎么退货")));
        await PostKfEventAsync("ENCtoken1");

        Assert.Single(await _wecom.WaitForAsync("kf/send_msg", 4));
        await Task.Delay(1000);
        Assert.Equal(4, _wecom.CallsTo("kf/send_msg").Count); // 3 refused, 1 accepted
        Assert.Single(_wecom.Accepted("kf/send_msg"));
        Assert.Single(_wecom.CallsTo("kf/send_msg").Select(s => s.GetProperty("msgid").GetString()).Distinct()); // the same msgid each time
    }

    private async Task<string?> SentOutcomeAsync(string msgid)
    {
        var replyKey = ChannelEventIds.For("reply", ChannelEventIds.For("wecom-kf", "acme", msgid).ToString()).ToString();
        var state = _app.Services.GetRequiredService<IStateStore>();
        WeComKfSender.WeComKfSentPart? part = null;
        await SettleAsync(async () => (part = (await state.GetAsync<WeComKfSender.WeComKfSentPart>($"wecom-kf:sent:{replyKey}:1"))?.Value) is not null);
        return part?.Outcome;
    }

    private static async Task<bool> SettleAsync(Func<bool> done) => await SettleAsync(() => Task.FromResult(done()));

    private static async Task<bool> SettleAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return await done();
    }

    private async Task PostKfEventAsync(string token)
    {
        var callback = Signed(KfEvent(OpenKfid, token, ++_now));
        using var response = await _client.PostAsync(callback.Url, Xml(callback.Body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Page(string nextCursor, bool hasMore, params string[] items) =>
        $$"""{"errcode":0,"errmsg":"ok","next_cursor":"{{nextCursor}}","has_more":{{(hasMore ? 1 : 0)}},"msg_list":[{{string.Join(',', items)}}]}""";

    private string Text(string msgid, string customer, string content) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["msgid"] = msgid, ["open_kfid"] = OpenKfid, ["external_userid"] = customer, ["send_time"] = _now, ["origin"] = 3,
        ["msgtype"] = "text", ["text"] = new Dictionary<string, string> { ["content"] = content },
    });

    private string Event(string msgid, string customer, string eventJson) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["msgid"] = msgid, ["open_kfid"] = OpenKfid, ["external_userid"] = customer, ["send_time"] = _now, ["origin"] = 4, ["msgtype"] = "event",
        ["event"] = JsonDocument.Parse(eventJson).RootElement,
    });

    /// <summary>
    /// WeCom's gettoken and 微信客服 APIs on 127.0.0.1: sync_msg answers the queued pages, send_msg is refused (95018) unless the session
    /// is with the bot (0/1), trans moves it, and scripted statuses fail the next sends. Every kf call is recorded with its body.
    /// </summary>
    private sealed class FakeKfWeCom : IAsyncDisposable
    {
        private readonly WebApplication _server;
        private readonly ConcurrentDictionary<string, int> _states = new();

        private FakeKfWeCom(WebApplication server) => _server = server;

        public string BaseUrl => _server.BaseUrl();

        public ConcurrentQueue<string> Pages { get; } = new();

        public ConcurrentQueue<int> SendFailures { get; } = new();

        private ConcurrentQueue<(string Api, JsonElement Body, bool Accepted)> Calls { get; } = new();

        public IReadOnlyList<JsonElement> CallsTo(string api) => [.. Calls.Where(c => c.Api == api).Select(c => c.Body)];

        public IReadOnlyList<JsonElement> Accepted(string api) => [.. Calls.Where(c => c.Api == api && c.Accepted).Select(c => c.Body)];

        public static async Task<FakeKfWeCom> StartAsync()
        {
            var server = LoopbackApi.Create();
            var fake = new FakeKfWeCom(server);
            server.MapGet("/cgi-bin/gettoken", () => Results.Json(new { errcode = 0, errmsg = "ok", access_token = "fake-token", expires_in = 7200 }));
            server.MapPost("/cgi-bin/kf/{**api}", async (string api, string access_token, HttpRequest request) =>
            {
                api = "kf/" + api;
                using var document = await JsonDocument.ParseAsync(request.Body);
                var body = document.RootElement.Clone();
                var (status, answer) = fake.Answer(api, access_token, body);
                fake.Calls.Enqueue((api, body, status == 200 && answer.Contains("\"errcode\":0", StringComparison.Ordinal)));
                return status == 200 ? Results.Content(answer, "application/json") : Results.StatusCode(status);
            });
            await server.StartAsync();
            return fake;
        }

        public async Task<IReadOnlyList<JsonElement>> WaitForAsync(string api, int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (CallsTo(api).Count < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            return api == "kf/send_msg" ? Accepted(api) : CallsTo(api);
        }

        private (int Status, string Json) Answer(string api, string accessToken, JsonElement body)
        {
            if (accessToken != "fake-token")
            {
                return (200, """{"errcode":40014,"errmsg":"invalid access_token"}""");
            }

            string Session() => $"{body.GetProperty("open_kfid").GetString()}/{body.GetProperty(api == "kf/send_msg" ? "touser" : "external_userid").GetString()}";
            switch (api)
            {
                case "kf/sync_msg":
                    return (200, Pages.TryDequeue(out var page) ? page : """{"errcode":0,"errmsg":"ok","next_cursor":"","has_more":0,"msg_list":[]}""");
                case "kf/send_msg":
                    if (SendFailures.TryDequeue(out var failure))
                    {
                        return (failure, "");
                    }

                    return _states.GetValueOrDefault(Session()) is 0 or 1
                        ? (200, $$"""{"errcode":0,"errmsg":"ok","msgid":"{{body.GetProperty("msgid").GetString()}}"}""")
                        : (200, """{"errcode":95018,"errmsg":"invalid session state"}""");
                case "kf/service_state/get":
                    return (200, $$"""{"errcode":0,"errmsg":"ok","service_state":{{_states.GetValueOrDefault(Session())}},"servicer_userid":""}""");
                case "kf/service_state/trans":
                    _states[Session()] = body.GetProperty("service_state").GetInt32();
                    return (200, """{"errcode":0,"errmsg":"ok","msg_code":"MSG_CODE_QUEUE"}""");
                default:
                    return (200, """{"errcode":0,"errmsg":"ok"}""");
            }
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }
}
