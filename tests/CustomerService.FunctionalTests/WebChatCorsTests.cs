using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CustomerService.FunctionalTests;

/// <summary>
/// The web chat across origins through the real host, with <c>WebChat:AllowedOrigins</c> = the shop: the shop's pages may post and
/// stream (preflight included), other sites get no CORS header, and no other endpoint answers any origin.
/// </summary>
public sealed class WebChatCorsTests : IAsyncLifetime
{
    private const string Shop = "https://shop.example.com";
    private const string Elsewhere = "https://evil.example.net";
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = new CustomerServiceApp(settings: new Dictionary<string, string?> { ["WebChat:AllowedOrigins:0"] = Shop + "/" });
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    [Fact]
    public async Task The_allowed_site_posts_a_message_and_streams_its_conversation()
    {
        using var posted = await PostMessageAsync(Shop, "cors-shopper");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(Shop, AllowedOrigin(posted));
        Assert.False(posted.Headers.Contains("Access-Control-Allow-Credentials")); // no cookie ever rides along
        var conversationId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;

        using var stream = await OpenStreamAsync(Shop, conversationId, "cors-shopper");
        Assert.Equal((HttpStatusCode.OK, "text/event-stream"), (stream.StatusCode, stream.Content.Headers.ContentType?.MediaType));
        Assert.Equal(Shop, AllowedOrigin(stream));

        // A refusal is readable by the widget too, so it can show why.
        using var refused = await _client.SendAsync(WithOrigin(Shop, new HttpRequestMessage(HttpMethod.Post, "/api/webchat/messages")
        {
            Content = JsonContent.Create(new { customerId = "cors-shopper", text = "" }),
        }));
        Assert.Equal((HttpStatusCode.BadRequest, Shop), (refused.StatusCode, AllowedOrigin(refused)));
    }

    [Fact]
    public async Task The_allowed_sites_preflight_names_the_method_and_the_json_header_and_is_cached()
    {
        using var preflight = await PreflightAsync(Shop, "/api/webchat/messages", "POST");

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Shop, AllowedOrigin(preflight));
        Assert.Contains("POST", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single().Split(','));
        Assert.Contains("content-type", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single().ToLowerInvariant().Split(','));
        Assert.Equal("600", preflight.Headers.GetValues("Access-Control-Max-Age").Single());
    }

    [Fact]
    public async Task Another_site_gets_no_cors_header_on_post_stream_or_preflight()
    {
        using var posted = await PostMessageAsync(Elsewhere, "cors-elsewhere");
        var conversationId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;
        using var stream = await OpenStreamAsync(Elsewhere, conversationId, "cors-elsewhere");
        using var preflight = await PreflightAsync(Elsewhere, "/api/webchat/messages", "POST");

        Assert.All(new[] { posted, stream, preflight }, r => Assert.Null(AllowedOrigin(r)));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Admin_apis_answer_no_origin_not_even_the_allowed_site()
    {
        using var customers = await _client.SendAsync(WithOrigin(Shop, new HttpRequestMessage(HttpMethod.Get, "/api/customers?channel=webchat&accountId=x")));
        using var preflight = await PreflightAsync(Shop, "/api/customers/cus-1", "PATCH");
        using var widget = await _client.SendAsync(WithOrigin(Shop, new HttpRequestMessage(HttpMethod.Get, "/widget.js")));

        Assert.Null(AllowedOrigin(customers));
        Assert.Null(AllowedOrigin(preflight));
        Assert.NotEqual(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode); // a <script src> needs no CORS, and gets none
        Assert.Null(AllowedOrigin(widget));
    }

    [Fact]
    public async Task A_star_lets_every_site_post_without_credentials()
    {
        var app = new CustomerServiceApp(settings: new Dictionary<string, string?> { ["WebChat:AllowedOrigins:0"] = " * " });
        try
        {
            using var client = app.CreateClient();
            using var posted = await client.SendAsync(WithOrigin(Elsewhere, new HttpRequestMessage(HttpMethod.Post, "/api/webchat/messages")
            {
                Content = JsonContent.Create(new { customerId = "cors-anyone", text = "怎么退货" }),
            }));

            Assert.Equal((HttpStatusCode.OK, "*"), (posted.StatusCode, AllowedOrigin(posted)));
            Assert.False(posted.Headers.Contains("Access-Control-Allow-Credentials"));
        }
        finally
        {
            await app.DisposeAsync();
            CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
        }
    }

    private Task<HttpResponseMessage> PostMessageAsync(string origin, string customerId) =>
        _client.SendAsync(WithOrigin(origin, new HttpRequestMessage(HttpMethod.Post, "/api/webchat/messages")
        {
            Content = JsonContent.Create(new { customerId, text = "怎么退货" }),
        }));

    private Task<HttpResponseMessage> OpenStreamAsync(string origin, string conversationId, string customerId)
    {
        var request = WithOrigin(origin, new HttpRequestMessage(HttpMethod.Get, $"/api/webchat/conversations/{conversationId}/events?customerId={customerId}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead); // the headers; the stream itself stays open
    }

    private Task<HttpResponseMessage> PreflightAsync(string origin, string path, string method)
    {
        var request = WithOrigin(origin, new HttpRequestMessage(HttpMethod.Options, path));
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return _client.SendAsync(request);
    }

    private static HttpRequestMessage WithOrigin(string origin, HttpRequestMessage request)
    {
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static string? AllowedOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
}
