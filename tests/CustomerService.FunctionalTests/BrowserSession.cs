using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace CustomerService.FunctionalTests;

/// <summary>The real host on Kestrel (a browser needs a socket) and a headless Chromium pointed at it.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Debian's Chromium, installed by tests/run.sh; Playwright's own browser download cannot run here.
    private const string ChromiumPath = "/usr/bin/chromium";

    private BrowserSession(CustomerServiceApp app, IPlaywright playwright, IBrowser browser, string baseUrl) =>
        (App, Playwright, Browser, BaseUrl) = (app, playwright, browser, baseUrl);

    public CustomerServiceApp App { get; }

    public IBrowser Browser { get; }

    public string BaseUrl { get; }

    private IPlaywright Playwright { get; }

    /// <param name="settings">Host settings for this session, as <see cref="CustomerServiceApp"/> takes them.</param>
    public static async Task<BrowserSession> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: run tests/run.sh, which installs Debian's chromium.");
        var port = FreePort();
        var app = new CustomerServiceApp(settings: settings);
        app.UseKestrel(port);
        app.StartServer();
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new BrowserSession(app, playwright, browser, $"http://127.0.0.1:{port}");
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(App.DataDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
