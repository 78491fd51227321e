using Microsoft.Playwright;

namespace CustomerService.FunctionalTests;

/// <summary>A person's view: the chat page in headless Chromium against the real host on Kestrel.</summary>
public sealed class ChatPageBrowserTests : IAsyncLifetime
{
    private BrowserSession _session = null!;

    private IBrowser Browser => _session.Browser;

    private string BaseUrl => _session.BaseUrl;

    public async Task InitializeAsync() => _session = await BrowserSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task A_customer_asks_in_the_browser_and_gets_the_answer_then_a_handoff()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 420, Height = 800 } });
        await page.GotoAsync(BaseUrl + "/");

        await page.FillAsync("#message-input", "怎么退货");
        await page.PressAsync("#message-input", "Enter");
        var answer = page.Locator(".message.bot[data-intent='return_how']");
        await answer.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

        Assert.Contains("退货", await answer.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("false", await answer.GetAttributeAsync("data-handoff"));
        Assert.Equal("", await page.InputValueAsync("#message-input")); // sent text leaves the box

        // The first miss asks to rephrase; the second hands off.
        await page.FillAsync("#message-input", "你们的股票代码是多少");
        await page.ClickAsync("#send-button");
        await page.Locator(".message.bot", new PageLocatorOptions { HasText = "换个说法" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await page.FillAsync("#message-input", "火星上能送货吗");
        await page.ClickAsync("#send-button");
        var handoff = page.Locator(".message.bot[data-handoff='true']");
        await handoff.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

        Assert.Contains("人工客服", await handoff.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator(".message.customer").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "chat-page.png"), FullPage = true });
    }

    [Fact]
    public async Task A_quick_question_chip_sends_its_text()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");

        await page.Locator(".quick-question", new PageLocatorOptions { HasText = "怎么开发票" }).ClickAsync();
        var answer = page.Locator(".message.bot[data-intent='invoice_request']");
        await answer.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

        Assert.Equal("怎么开发票", await page.Locator(".message.customer").First.InnerTextAsync());
    }
}
