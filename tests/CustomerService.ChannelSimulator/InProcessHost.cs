using System.Collections.Concurrent;
using System.Net;
using CustomerService.Abstractions.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerService.ChannelSimulator;

/// <summary>
/// The real host on Kestrel (127.0.0.1, a free port) with one WeCom app, whose replies are counted per customer instead of
/// going to WeCom: the bench checks that every message is answered exactly once.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _dataDirectory;

    private InProcessHost(WebApplicationFactory<Program> factory, string dataDirectory, Uri address, CountingSender replies)
    {
        _factory = factory;
        _dataDirectory = dataDirectory;
        Address = address;
        Replies = replies;
    }

    public Uri Address { get; }

    public CountingSender Replies { get; }

    public static InProcessHost Start(IReadOnlyDictionary<string, string> settings)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"cs-sim-{Guid.NewGuid():N}");
        var replies = new CountingSender();
#pragma warning disable CA2000 // ownership passes to InProcessHost
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
#pragma warning restore CA2000
        {
            // The host's appsettings.json and Seed folder are copied next to this tool: its folder is the content root.
            web.UseEnvironment("Production").UseContentRoot(AppContext.BaseDirectory).UseSetting("Storage:DataDirectory", dataDirectory).UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(services =>
            {
                services.RemoveAll<IChannelSender>();
                services.AddSingleton<IChannelSender>(replies);
            });
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).First();
        return new InProcessHost(factory, dataDirectory, address, replies);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } // best effort: temp files
    }
}

/// <summary>Stands in for WeCom's message/send: counts the replies each customer got.</summary>
internal sealed class CountingSender : IChannelSender
{
    private readonly ConcurrentDictionary<string, int> _byCustomer = new(StringComparer.Ordinal);

    public string Channel => "wecom";

    public int Total => _byCustomer.Values.Sum();

    public IReadOnlyDictionary<string, int> ByCustomer => _byCustomer;

    public Task SendAsync(ChannelReplyReady reply, CancellationToken cancellationToken)
    {
        _byCustomer.AddOrUpdate(reply.AccountId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public async Task<bool> WaitForAsync(int total, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Total < total && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return Total >= total;
    }
}
