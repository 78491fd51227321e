using CustomerService.Channels.DingTalk;
using CustomerService.Conformance;

namespace CustomerService.UnitTests.Channels.DingTalk;

/// <summary>
/// The app token: fetched with the app's key and secret, cached until ten minutes before it expires, fetched once for many
/// waiting callers, refreshed and the call retried once when DingTalk calls it invalid; other errors keep their code.
/// </summary>
public sealed class DingTalkAccessTokensTests : IDisposable
{
    private const string TokenPath = "/v1.0/oauth2/accessToken";
    private const string SendPath = "/v1.0/robot/groupMessages/send";

    private readonly FakeDingTalkHandler _dingTalk = new();
    private readonly FakeTimeProvider _time = new();
    private readonly DingTalkAccessTokens _tokens;
    private readonly DingTalkOpenApi _api;

    public DingTalkAccessTokensTests()
    {
        var clients = new FakeHttpClients(_dingTalk);
        _tokens = new DingTalkAccessTokens(clients, DingTalkFakes.Options(), _time);
        _api = new DingTalkOpenApi(clients, _tokens, DingTalkFakes.Options());
    }

    public void Dispose()
    {
        _tokens.Dispose();
        _dingTalk.Dispose();
    }

    [Fact]
    public async Task A_token_is_fetched_with_the_apps_key_and_reused_until_ten_minutes_before_it_expires()
    {
        Assert.Equal("tok-1", await _tokens.GetAsync(DingTalkFakes.App, default));
        _time.Advance(TimeSpan.FromSeconds(7200 - 600 - 1));
        Assert.Equal("tok-1", await _tokens.GetAsync(DingTalkFakes.App, default));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("tok-2", await _tokens.GetAsync(DingTalkFakes.App, default));

        var fetches = _dingTalk.To(TokenPath);
        Assert.Equal(2, fetches.Count);
        Assert.Equal(HttpMethod.Post, fetches[0].Method);
        Assert.Equal(new Uri(DingTalkFakes.ApiBase + TokenPath), fetches[0].Uri);
        Assert.Equal(("dingkey", "app-secret-never-logged"),
            (fetches[0].Json.GetProperty("appKey").GetString(), fetches[0].Json.GetProperty("appSecret").GetString()));
    }

    [Fact]
    public async Task A_short_lived_token_is_refreshed_at_half_its_lifetime()
    {
        _dingTalk.Respond = _ => Task.FromResult(FakeDingTalkHandler.Json(200, new { accessToken = $"short-{_dingTalk.Calls.Count}", expireIn = 600 }));

        await _tokens.GetAsync(DingTalkFakes.App, default);
        _time.Advance(TimeSpan.FromSeconds(299));
        await _tokens.GetAsync(DingTalkFakes.App, default);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _tokens.GetAsync(DingTalkFakes.App, default);

        Assert.Equal(2, _dingTalk.To(TokenPath).Count);
    }

    [Fact]
    public async Task Twenty_concurrent_callers_share_one_fetch()
    {
        var release = new TaskCompletionSource();
        _dingTalk.Respond = async call =>
        {
            await release.Task; // hold the fetch open until every caller is waiting
            return await _dingTalk.Default(call);
        };

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => _tokens.GetAsync(DingTalkFakes.App, default))).ToArray();
        await Task.Delay(200);
        release.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.Single(_dingTalk.To(TokenPath));
        Assert.All(tokens, t => Assert.Equal("tok-1", t));
    }

    [Theory]
    [InlineData("InvalidAuthentication")]
    [InlineData("token.notExisted")]
    public async Task A_token_called_invalid_is_refreshed_and_the_call_retried_once(string code)
    {
        _dingTalk.Respond = call => call.Uri.AbsolutePath == SendPath && call.Token == "tok-1"
            ? Task.FromResult(FakeDingTalkHandler.Json(400, new { code, message = "token invalid" }))
            : _dingTalk.Default(call);

        var body = await _api.PostAsync(DingTalkFakes.App, SendPath, new { robotCode = "r" }, "groupMessages/send", default);

        Assert.Equal("pqk", body.GetProperty("processQueryKey").GetString());
        Assert.Equal(2, _dingTalk.To(TokenPath).Count);
        Assert.Equal(["tok-1", "tok-2"], _dingTalk.To(SendPath).Select(c => c.Token));
        Assert.Equal("tok-2", await _tokens.GetAsync(DingTalkFakes.App, default)); // the fresh token is the cached one now
    }

    [Fact]
    public async Task A_token_still_invalid_after_the_refresh_fails_without_a_third_try()
    {
        _dingTalk.Respond = call => call.Uri.AbsolutePath == SendPath
            ? Task.FromResult(FakeDingTalkHandler.Json(400, new { code = "InvalidAuthentication", message = "no" }))
            : _dingTalk.Default(call);

        var error = await Assert.ThrowsAsync<DingTalkApiException>(
            () => _api.PostAsync(DingTalkFakes.App, SendPath, new { }, "groupMessages/send", default));

        Assert.Equal((400, "InvalidAuthentication"), (error.HttpStatus, error.Code));
        Assert.Equal(2, _dingTalk.To(SendPath).Count);
        Assert.Equal(2, _dingTalk.To(TokenPath).Count);
    }

    [Fact]
    public async Task Other_errors_surface_with_their_status_and_code_and_keep_the_token()
    {
        _dingTalk.Respond = call => call.Uri.AbsolutePath == SendPath
            ? Task.FromResult(FakeDingTalkHandler.Json(403, new { code = "Forbidden.AccessDenied.IpNotInWhiteList", message = "ip 1.2.3.4" }))
            : _dingTalk.Default(call);

        var error = await Assert.ThrowsAsync<DingTalkApiException>(
            () => _api.PostAsync(DingTalkFakes.App, SendPath, new { }, "groupMessages/send", default));

        Assert.Equal((403, "Forbidden.AccessDenied.IpNotInWhiteList"), (error.HttpStatus, error.Code));
        Assert.Equal("DingTalk groupMessages/send failed: HTTP 403 Forbidden.AccessDenied.IpNotInWhiteList", error.Message);
        Assert.Single(_dingTalk.To(SendPath));
        Assert.Single(_dingTalk.To(TokenPath));
    }

    [Fact]
    public async Task A_refused_key_or_an_outage_of_the_token_endpoint_surfaces_without_the_secret()
    {
        _dingTalk.Respond = _ => Task.FromResult(FakeDingTalkHandler.Json(400, new { code = "invalidClientIdOrSecret", message = "bad secret app-secret-never-logged" }));
        var refused = await Assert.ThrowsAsync<DingTalkApiException>(() => _tokens.GetAsync(DingTalkFakes.App, default));

        _dingTalk.Respond = _ => Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.BadGateway));
        var outage = await Assert.ThrowsAsync<DingTalkApiException>(() => _tokens.GetAsync(DingTalkFakes.App, default));

        _dingTalk.Respond = _ => throw new HttpRequestException("Connection refused (api.dingtalk.test:443)");
        var unreachable = await Assert.ThrowsAsync<DingTalkApiException>(() => _tokens.GetAsync(DingTalkFakes.App, default));

        Assert.Equal((400, "invalidClientIdOrSecret"), (refused.HttpStatus, refused.Code));
        Assert.Equal((502, null), (outage.HttpStatus, outage.Code));
        Assert.Equal((null, "unreachable"), (unreachable.HttpStatus, unreachable.Code));
        Assert.All([refused, outage, unreachable], e => Assert.DoesNotContain("app-secret-never-logged", e.ToString(), StringComparison.Ordinal));
        Assert.Equal(3, _dingTalk.To(TokenPath).Count); // a failure is not cached
    }

    [Fact]
    public async Task Invalidating_a_token_already_replaced_keeps_the_replacement()
    {
        Assert.Equal("tok-1", await _tokens.GetAsync(DingTalkFakes.App, default));
        _tokens.Invalidate(DingTalkFakes.App, "tok-1");
        Assert.Equal("tok-2", await _tokens.GetAsync(DingTalkFakes.App, default));

        _tokens.Invalidate(DingTalkFakes.App, "tok-1"); // a slow caller reporting the old token

        Assert.Equal("tok-2", await _tokens.GetAsync(DingTalkFakes.App, default));
        Assert.Equal(2, _dingTalk.To(TokenPath).Count);
    }
}
