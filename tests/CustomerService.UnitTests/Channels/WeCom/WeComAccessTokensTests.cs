using System.Net;
using CustomerService.Channels.WeCom;
using CustomerService.Conformance;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CustomerService.UnitTests.Channels.WeCom.WeComVectors;

namespace CustomerService.UnitTests.Channels.WeCom;

/// <summary>The per-app access_token: cached until shortly before it expires, one refresh for many callers, one retry when WeCom drops it.</summary>
public sealed class WeComAccessTokensTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeWeComApi _api = new();
    private readonly WeComAccessTokens _tokens;

    public WeComAccessTokensTests() =>
        _tokens = new WeComAccessTokens(Options.Create(new WeComOptions { Apps = [App("acme"), App("other")] }), new WeComApi(_api), _time,
            NullLogger<WeComAccessTokens>.Instance);

    [Fact]
    public async Task A_token_is_fetched_once_and_refreshed_shortly_before_it_expires()
    {
        Assert.Equal("token-1", await _tokens.GetAsync("acme", default));
        Assert.Equal("?corpid=" + CorpId + "&corpsecret=app-secret", Assert.Single(_api.TokenQueries));

        _time.Advance(TimeSpan.FromSeconds(7200) - WeComAccessTokens.RefreshMargin - TimeSpan.FromSeconds(1));
        Assert.Equal("token-1", await _tokens.GetAsync("ACME", default));
        Assert.Equal(1, _api.TokenCalls);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("token-2", await _tokens.GetAsync("acme", default));
        Assert.Equal("token-2", await _tokens.GetAsync("acme", default));
        Assert.Equal(2, _api.TokenCalls);
    }

    [Fact]
    public async Task Each_app_has_its_own_token()
    {
        Assert.Equal("token-1", await _tokens.GetAsync("acme", default));
        Assert.Equal("token-2", await _tokens.GetAsync("other", default));
        Assert.Equal("token-1", await _tokens.GetAsync("acme", default));
    }

    [Fact]
    public async Task Twenty_concurrent_callers_share_one_gettoken()
    {
        _api.TokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => _tokens.GetAsync("acme", default))).ToArray();
        while (_api.TokenCalls == 0) await Task.Delay(10);
        await Task.Delay(100); // the other 19 are queued behind the refresh now
        _api.TokenGate.SetResult();

        Assert.All(await Task.WhenAll(callers), token => Assert.Equal("token-1", token));
        Assert.Equal(1, _api.TokenCalls);
    }

    [Theory]
    [InlineData(42001)]
    [InlineData(40014)]
    [InlineData(40001)]
    public async Task A_rejected_token_is_refreshed_and_the_call_retried_once(int errcode)
    {
        List<string> used = [];
        var answers = new Queue<int>([errcode, 0]);

        var response = await _tokens.CallAsync("acme", "message/send", (token, _) =>
        {
            used.Add(token);
            return Task.FromResult(new WeComSendResponse { ErrCode = answers.Dequeue(), MsgId = "m" });
        }, default);

        Assert.Equal(0, response.ErrCode);
        Assert.Equal(["token-1", "token-2"], used);
        Assert.Equal(2, _api.TokenCalls);
    }

    [Fact]
    public async Task A_token_rejected_twice_surfaces_with_its_code_after_one_retry()
    {
        var calls = 0;
        Task<WeComSendResponse> Rejected(string token, CancellationToken cancellationToken)
        {
            calls++;
            return Task.FromResult(new WeComSendResponse { ErrCode = 42001 });
        }

        var e = await Assert.ThrowsAsync<WeComApiException>(() => _tokens.CallAsync("acme", "message/send", Rejected, default));

        Assert.Equal((42001, "acme", "message/send"), (e.ErrorCode, e.App, e.Api));
        Assert.Equal(2, calls);
        Assert.Equal(2, _api.TokenCalls);
    }

    [Theory]
    [InlineData(45009)]
    [InlineData(-1)]
    [InlineData(81013)]
    public async Task Other_codes_surface_with_their_code_without_a_retry_and_keep_the_token(int errcode)
    {
        var calls = 0;
        Task<WeComSendResponse> Refused(string token, CancellationToken cancellationToken)
        {
            calls++;
            return Task.FromResult(new WeComSendResponse { ErrCode = errcode });
        }

        var e = await Assert.ThrowsAsync<WeComApiException>(() => _tokens.CallAsync("acme", "message/send", Refused, default));

        Assert.Equal(errcode, e.ErrorCode);
        Assert.Contains($"errcode {errcode}", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, calls);
        Assert.Equal("token-1", await _tokens.GetAsync("acme", default));
        Assert.Equal(1, _api.TokenCalls);
    }

    [Fact]
    public async Task A_gettoken_error_surfaces_with_its_code_never_the_secret_and_is_not_cached()
    {
        _api.TokenErrors.Enqueue(40013);

        var e = await Assert.ThrowsAsync<WeComApiException>(() => _tokens.GetAsync("acme", default));

        Assert.Equal((40013, "gettoken"), (e.ErrorCode, e.Api));
        Assert.DoesNotContain("app-secret", e.ToString(), StringComparison.Ordinal);
        Assert.Equal("token-2", await _tokens.GetAsync("acme", default));
    }

    [Fact]
    public async Task A_rejected_token_on_gettoken_itself_is_not_retried()
    {
        _api.TokenErrors.Enqueue(40001);

        var e = await Assert.ThrowsAsync<WeComApiException>(() => _tokens.CallAsync("acme", "message/send",
            (_, _) => Task.FromResult(new WeComSendResponse()), default));

        Assert.Equal((40001, "gettoken"), (e.ErrorCode, e.Api));
        Assert.Equal(1, _api.TokenCalls);
    }

    [Fact]
    public async Task Invalidating_a_token_already_replaced_keeps_the_new_one()
    {
        var first = await _tokens.GetAsync("acme", default);
        _tokens.Invalidate("acme", first);
        var second = await _tokens.GetAsync("acme", default);

        _tokens.Invalidate("acme", first); // a late caller that also saw the first token rejected

        Assert.Equal(("token-1", "token-2"), (first, second));
        Assert.Equal("token-2", await _tokens.GetAsync("acme", default));
        Assert.Equal(2, _api.TokenCalls);
    }

    [Fact]
    public async Task A_5xx_from_gettoken_throws_and_an_unknown_app_is_named()
    {
        var failing = new WeComAccessTokens(Options.Create(new WeComOptions { Apps = [App("acme")] }), new WeComApi(new StatusApi()), _time,
            NullLogger<WeComAccessTokens>.Instance);

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => failing.GetAsync("acme", default));
        Assert.Equal(HttpStatusCode.BadGateway, e.StatusCode);
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => _tokens.GetAsync("nobody", default));
        Assert.Contains("'nobody'", unknown.Message, StringComparison.Ordinal);
    }

    private sealed class StatusApi : HttpMessageHandler, IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { BaseAddress = new Uri("http://wecom.test/") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway));
    }
}
