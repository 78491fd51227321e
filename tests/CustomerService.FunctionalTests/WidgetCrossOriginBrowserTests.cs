using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace CustomerService.FunctionalTests;

/// <summary>
/// The widget as a shop embeds it: a page served from another loopback origin with one <c>&lt;script src="{host}/widget.js"&gt;</c>,
/// in headless Chromium against the real host, whose <c>WebChat:AllowedOrigins</c> lists that shop and not a second one.
/// </summary>
public sealed class WidgetCrossOriginBrowserTests : IAsyncLifetime
{
    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 15_000 };
    private WebApplication _shop = null!;
    private WebApplication _otherShop = null!;
    private BrowserSession _session = null!;

    public async Task InitializeAsync()
    {
        // The shops first: the host must know the allowed one's origin (its port) when it starts.
        _shop = await StartShopAsync(() => _session.BaseUrl);
        _otherShop = await StartShopAsync(() => _session.BaseUrl);
        _session = await BrowserSession.StartAsync(new Dictionary<string, string?> { ["WebChat:AllowedOrigins:0"] = _shop.BaseUrl() });
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _shop.DisposeAsync();
        await _otherShop.DisposeAsync();
    }

    [Fact]
    public async Task On_an_allowed_site_the_widget_talks_to_its_own_host_and_a_message_round_trips()
    {
        var page = await _session.Browser.NewPageAsync();
        List<string> apiCalls = [];
        page.Request += (_, request) => { if (request.Url.Contains("/api/webchat/", StringComparison.Ordinal)) apiCalls.Add(request.Url); };
        await page.GotoAsync(_shop.BaseUrl() + "/product.html");

        await page.Locator(".launcher").ClickAsync();
        await page.Locator("#cs-input").FillAsync("怎么退货");
        await page.Locator("#cs-input").PressAsync("Enter");
        var answer = page.Locator(".message.bot[data-intent='return_how']");
        await answer.WaitForAsync(Soon);

        Assert.Contains("退货", await answer.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".message.customer.failed").CountAsync());
        Assert.NotEmpty(apiCalls);
        Assert.All(apiCalls, url => Assert.StartsWith(_session.BaseUrl + "/api/webchat/", url, StringComparison.Ordinal)); // not the shop's origin
        Assert.Contains(apiCalls, url => url.Contains("/events?", StringComparison.Ordinal)); // the answer came over the cross-origin stream
    }

    [Fact]
    public async Task On_a_site_not_allowed_the_browser_blocks_the_message_and_the_widget_says_it_was_not_delivered()
    {
        var page = await _session.Browser.NewPageAsync();
        await page.GotoAsync(_otherShop.BaseUrl() + "/product.html");

        await page.Locator(".launcher").ClickAsync();
        await page.Locator("#cs-input").FillAsync("怎么退货");
        await page.Locator("#cs-input").PressAsync("Enter");
        await page.Locator(".message.customer.failed").WaitForAsync(Soon);

        Assert.Equal(0, await page.Locator(".message.bot:not(.welcome)").CountAsync());
    }

    /// <summary>A shop's product page on 127.0.0.1 and a port of its own, embedding the widget from the host with one tag.</summary>
    private static async Task<WebApplication> StartShopAsync(Func<string> hostUrl)
    {
        var shop = LoopbackApi.Create();
        shop.MapGet("/product.html", () => Results.Content(
            $"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>Another shop</title></head>
            <body><h1>有机橙子 5kg</h1>
            <script src="{hostUrl()}/widget.js" data-lang="zh" defer></script>
            </body></html>
            """, "text/html; charset=utf-8"));
        await shop.StartAsync();
        return shop;
    }
}
