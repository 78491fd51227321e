using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Web;

namespace CustomerService.UnitTests.Channels.WeCom;

/// <summary>
/// WeCom's gettoken and message/send in memory, as the <c>wecom</c> HttpClient sees them: tokens <c>token-1</c>, <c>token-2</c> …
/// (7200 s), scripted answers for the next calls, and a record of every call.
/// </summary>
internal sealed class FakeWeComApi : HttpMessageHandler, IHttpClientFactory
{
    private int _tokenCalls;
    private int _sendCalls;

    public int TokenCalls => _tokenCalls;

    public int SendCalls => _sendCalls;

    /// <summary>When set, gettoken waits for it: lets concurrent callers pile up behind one refresh.</summary>
    public TaskCompletionSource? TokenGate { get; set; }

    /// <summary>The next gettoken answers (an errcode); empty: a fresh token.</summary>
    public ConcurrentQueue<int> TokenErrors { get; } = new();

    /// <summary>The next message/send answers: an errcode, or a status such as 503; (null, null) or none left: accepted.</summary>
    public ConcurrentQueue<(int? ErrCode, HttpStatusCode? Status)> SendScript { get; } = new();

    /// <summary>Each accepted message/send: the token it carried and its body.</summary>
    public ConcurrentQueue<(string Token, JsonElement Body)> Sent { get; } = new();

    public ConcurrentQueue<string> TokenQueries { get; } = new();

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { BaseAddress = new Uri("http://wecom.test/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        switch (request.RequestUri.AbsolutePath)
        {
            case "/cgi-bin/gettoken":
                var n = Interlocked.Increment(ref _tokenCalls);
                TokenQueries.Enqueue(request.RequestUri.Query);
                if (TokenGate is { } gate)
                {
                    await gate.Task.WaitAsync(cancellationToken);
                }

                return TokenErrors.TryDequeue(out var tokenError)
                    ? Json($$"""{"errcode":{{tokenError}},"errmsg":"scripted"}""")
                    : Json($$"""{"errcode":0,"errmsg":"ok","access_token":"token-{{n}}","expires_in":7200}""");
            case "/cgi-bin/message/send":
                var call = Interlocked.Increment(ref _sendCalls);
                if (SendScript.TryDequeue(out var scripted) && (scripted.Status is not null || scripted.ErrCode is not null))
                {
                    return scripted.Status is { } status
                        ? new HttpResponseMessage(status)
                        : Json($$"""{"errcode":{{scripted.ErrCode}},"errmsg":"scripted"}""");
                }

                var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
                Sent.Enqueue((query["access_token"]!, body));
                return Json($$"""{"errcode":0,"errmsg":"ok","msgid":"msg-{{call}}"}""");
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
