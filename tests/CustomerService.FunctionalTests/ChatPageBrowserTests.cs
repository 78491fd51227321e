using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace CustomerService.FunctionalTests;

/// <summary>A person's view: the chat page in headless Chromium against the real host on Kestrel.</summary>
public sealed class ChatPageBrowserTests : IAsyncLifetime
{
    // Debian's Chromium, installed by tests/run.sh; Playwright's own browser download cannot run here.
    private const string ChromiumPath = "/usr/bin/chromium";
    private CustomerServiceApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: run tests/run.sh, which installs Debian's chromium.");
        var port = FreePort();
        _app = new CustomerServiceApp();
        _app.UseKestrel(port);
        _app.StartServer();
        _baseUrl = $"http://127.0.0.1:{port}";
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    [Fact]
    public async Task A_customer_asks_in_the_browser_and_gets_the_answer_then_a_handoff()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 420, Height = 800 } });
        await page.GotoAsync(_baseUrl + "/");

        await page.FillAsync("#message-input", "怎么退货");
        await page.PressAsync("#message-input", "Enter");
        var answer = page.Locator(".message.bot[data-intent='return_how']");
        await answer.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

        Assert.Contains("退货", await answer.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("false", await answer.GetAttributeAsync("data-handoff"));
        Assert.Equal("", await page.InputValueAsync("#message-input")); // sent text leaves the box

        await page.FillAsync("#message-input", "你们的股票代码是多少");
        await page.ClickAsync("#send-button");
        var handoff = page.Locator(".message.bot[data-handoff='true']");
        await handoff.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

        Assert.Contains("人工客服", await handoff.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator(".message.customer").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "chat-page.png"), FullPage = true });
    }

    [Fact]
    public async Task A_quick_question_chip_sends_its_text()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_baseUrl + "/");

        await page.Locator(".quick-question", new PageLocatorOptions { HasText = "怎么开发票" }).ClickAsync();
        var answer = page.Locator(".message.bot[data-intent='invoice_request']");
        await answer.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

        Assert.Equal("怎么开发票", await page.Locator(".message.customer").First.InnerTextAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
