using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace CustomerService.UnitTests.Channels.WeCom.Kf;

/// <summary>
/// WeCom's gettoken and 微信客服 APIs in memory, as the <c>wecom</c> HttpClient sees them: sync_msg answers the scripted pages in turn,
/// service_state/get answers <see cref="ServiceState"/>, and <see cref="Script"/> overrides the next answer of a path (an errcode or a
/// status). Every kf call is recorded with its body.
/// </summary>
internal sealed class FakeKfApi : HttpMessageHandler, IHttpClientFactory
{
    public ConcurrentQueue<string> Pages { get; } = new();

    public ConcurrentDictionary<string, ConcurrentQueue<(int? ErrCode, HttpStatusCode? Status)>> Script { get; } = new();

    public ConcurrentQueue<(string Path, JsonElement Body)> Calls { get; } = new();

    public int ServiceState { get; set; } = 1;

    public IReadOnlyList<JsonElement> CallsTo(string path) => [.. Calls.Where(c => c.Path == path).Select(c => c.Body)];

    /// <summary>The next call to <paramref name="path"/> is answered as usual (so a failure scripted after it hits the one after).</summary>
    public void Pass(string path) => Script.GetOrAdd(path, _ => new()).Enqueue((null, null));

    public void Fail(string path, int? errcode = null, HttpStatusCode? status = null) =>
        Script.GetOrAdd(path, _ => new()).Enqueue((errcode, status));

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { BaseAddress = new Uri("http://wecom.test/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath["/cgi-bin/".Length..];
        if (path == "gettoken")
        {
            return Json("""{"errcode":0,"access_token":"token-1","expires_in":7200}""");
        }

        var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
        Calls.Enqueue((path, body));
        if (Script.TryGetValue(path, out var script) && script.TryDequeue(out var scripted) && (scripted.ErrCode ?? (int?)scripted.Status) is not null)
        {
            return scripted.Status is { } status ? new HttpResponseMessage(status) : Json($$"""{"errcode":{{scripted.ErrCode}},"errmsg":"scripted"}""");
        }

        return path switch
        {
            "kf/sync_msg" => Json(Pages.TryDequeue(out var page) ? page : """{"errcode":0,"next_cursor":"","has_more":0,"msg_list":[]}"""),
            "kf/service_state/get" => Json($$"""{"errcode":0,"service_state":{{ServiceState}},"servicer_userid":""}"""),
            "kf/service_state/trans" => Json("""{"errcode":0,"msg_code":"code-from-trans"}"""),
            _ => Json("""{"errcode":0,"errmsg":"ok"}"""),
        };
    }

    /// <summary>A sync_msg page of items (each a JSON object).</summary>
    public static string Page(string nextCursor, bool hasMore, params string[] items) =>
        $$"""{"errcode":0,"next_cursor":"{{nextCursor}}","has_more":{{(hasMore ? 1 : 0)}},"msg_list":[{{string.Join(',', items)}}]}""";

    public static string CustomerText(string msgid, string user, string content, long sendTime = KfHarness.Now - 600, string kf = "wkKF1") =>
        $$"""{"msgid":"{{msgid}}","open_kfid":"{{kf}}","external_userid":"{{user}}","send_time":{{sendTime}},"origin":3,"msgtype":"text","text":{"content":"{{content}}" """.TrimEnd() + "}}";

    public static string Event(string msgid, string user, string eventJson, string kf = "wkKF1") =>
        $$"""{"msgid":"{{msgid}}","open_kfid":"{{kf}}","external_userid":"{{user}}","send_time":{{KfHarness.Now - 600}},"origin":4,"msgtype":"event","event":""" + eventJson + "}";

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
