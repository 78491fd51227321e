using Microsoft.Playwright;

namespace CustomerService.FunctionalTests;

/// <summary>
/// The embeddable widget on its demo shop page, in headless Chromium against the real host. Streams end every 3 s on
/// the server's side, and the test drops one itself, so the messages cross real reconnects.
/// </summary>
public sealed class WidgetBrowserTests : IAsyncLifetime
{
    // Records every EventSource the widget opens and every message event it receives, so the test can drop one.
    private const string RecordStreams = """
        (() => {
          const Native = window.EventSource;
          window.__streams = [];
          window.__events = [];
          window.EventSource = class extends Native {
            constructor(url, init) {
              super(url, init);
              window.__streams.push(this);
              this.addEventListener("message", e => window.__events.push({ data: e.data, id: e.lastEventId }));
            }
          };
        })();
        """;

    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 15_000 };
    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartAsync(new Dictionary<string, string?>
    {
        ["WebChat:StreamLifetime"] = "00:00:03",
        ["WebChat:StreamHeartbeat"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task A_shopper_chats_through_reconnects_and_sees_every_message_once_then_the_handoff()
    {
        var page = await _session.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 800 } });
        await page.AddInitScriptAsync(RecordStreams);
        await page.GotoAsync(_session.BaseUrl + "/widget-demo.html");

        // The shop's loud button styles stop at the shadow root.
        var launcher = page.Locator(".launcher");
        Assert.Equal("在线客服", await launcher.InnerTextAsync());
        Assert.NotEqual("28px", await launcher.EvaluateAsync<string>("b => getComputedStyle(b).fontSize"));
        Assert.NotEqual("rgb(204, 0, 0)", await launcher.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));

        await launcher.ClickAsync();
        Assert.Equal("true", await launcher.GetAttributeAsync("aria-expanded"));
        Assert.Equal("normal", await page.Locator(".panel").EvaluateAsync<string>("p => getComputedStyle(p).letterSpacing")); // inherited page styles stop too
        await page.Keyboard.TypeAsync("怎么退货"); // the panel opens with the focus in the input
        await page.Keyboard.PressAsync("Enter");
        var answer = page.Locator(".message.bot[data-intent='return_how']");
        await answer.WaitForAsync(Soon);
        Assert.Contains("退货", await answer.InnerTextAsync(), StringComparison.Ordinal);

        // Drop the stream as a network failure would, and send while it is down.
        var streamsBefore = await page.EvaluateAsync<int>("() => window.__streams.length");
        await page.EvaluateAsync("() => { const es = window.__streams.at(-1); es.close(); es.dispatchEvent(new Event('error')); }");
        await page.Locator("#cs-input").FillAsync("退款多久到账");
        await page.Locator("#cs-input").PressAsync("Enter");
        await page.Locator(".message.bot[data-intent='refund_time']").WaitForAsync(Soon);
        Assert.True(await page.EvaluateAsync<int>("() => window.__streams.length") > streamsBefore, "the widget opened a new stream");
        Assert.Matches(@"&after=[1-9]\d*$", await page.EvaluateAsync<string>("() => window.__streams.at(-1).url")); // resumed, not replayed

        // The server ends streams every 3 s; a replayed event (same sequence) must not add a bubble either.
        var opened = await page.EvaluateAsync<int>("() => window.__streams.length");
        await page.WaitForFunctionAsync("n => window.__streams.length > n", opened, new PageWaitForFunctionOptions { Timeout = 15_000 });
        await page.EvaluateAsync("""
            () => {
              const first = window.__events[0];
              window.__streams.at(-1).dispatchEvent(new MessageEvent("message", { data: first.data, lastEventId: first.id }));
            }
            """);
        await AssertEachMessageOnceAsync(page, ["怎么退货", "退款多久到账"], bots: 2);

        await page.Locator("#cs-input").FillAsync("转人工");
        await page.Locator("#cs-input").PressAsync("Enter");
        var banner = page.Locator(".notice.handoff");
        await banner.WaitForAsync(Soon);
        Assert.Equal("正在为您转接人工客服…", await banner.InnerTextAsync());
        await AssertEachMessageOnceAsync(page, ["怎么退货", "退款多久到账", "转人工"], bots: 3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "widget-demo.png") });

        // Escape closes the panel and gives the focus back to the button.
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal("false", await launcher.GetAttributeAsync("aria-expanded"));
        Assert.True(await page.Locator(".panel").IsHiddenAsync());
    }

    [Fact]
    public async Task A_reload_shows_the_conversation_again_from_the_stream()
    {
        var page = await _session.Browser.NewPageAsync();
        await page.GotoAsync(_session.BaseUrl + "/widget-demo.html");
        await page.Locator(".launcher").ClickAsync();
        await page.Locator("#cs-input").FillAsync("怎么开发票");
        await page.Locator("#cs-input").PressAsync("Enter");
        await page.Locator(".message.bot[data-intent='invoice_request']").WaitForAsync(Soon);

        await page.ReloadAsync();
        await page.Locator(".launcher").ClickAsync();
        await page.Locator(".message.bot[data-intent='invoice_request']").WaitForAsync(Soon);

        await AssertEachMessageOnceAsync(page, ["怎么开发票"], bots: 1);
    }

    private static async Task AssertEachMessageOnceAsync(IPage page, string[] customerTexts, int bots)
    {
        // Every stored message is in the page once, in the store's order.
        await page.WaitForFunctionAsync($"() => document.querySelector('#cs-chat-widget').shadowRoot.querySelectorAll('[data-sequence]').length === {customerTexts.Length + bots}",
            null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.Equal(customerTexts, await page.Locator(".message.customer").AllInnerTextsAsync());
        Assert.Equal(bots, await page.Locator(".message.bot:not(.welcome)").CountAsync());
        var sequences = (await page.Locator("[data-sequence]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.sequence)")).Select(long.Parse).ToArray();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Length, sequences.Distinct().Count());
        Assert.Equal(0, await page.Locator(".message.customer.pending, .message.customer.failed").CountAsync());
    }
}
