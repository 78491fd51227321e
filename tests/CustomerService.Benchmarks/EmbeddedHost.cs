using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.Benchmarks;

/// <summary>
/// The real host (its Program, services and SQLite storage) served by Kestrel on 127.0.0.1, so requests
/// cross a real socket and the HTTP stack, not the in-memory TestServer.
/// </summary>
internal sealed class EmbeddedHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private EmbeddedHost(WebApplicationFactory<Program> factory, string dataDirectory, Uri address)
    {
        _factory = factory;
        DataDirectory = dataDirectory;
        Address = address;
    }

    public string DataDirectory { get; }

    public Uri Address { get; }

    /// <param name="timings">When given, the host's store, responder and event bus are timed into it.</param>
    public static EmbeddedHost Start(StageTimings? timings)
    {
        // A fresh database per run: conversations of an earlier run would change what is being measured.
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"cs-bench-{Guid.NewGuid():N}");
#pragma warning disable CA2000 // ownership passes to EmbeddedHost, which disposes it (and the derived factory with it)
        var root = new WebApplicationFactory<Program>();
#pragma warning restore CA2000
        try
        {
            var factory = root.WithWebHostBuilder(web => web
                .UseEnvironment("Production") // as deployed: no development-only checks on the hot path
                .UseContentRoot(HostContentRoot())
                .UseSetting("Storage:DataDirectory", dataDirectory)
                .UseSetting("Logging:LogLevel:Default", "Warning")
                .UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning")
                .ConfigureTestServices(services =>
                {
                    if (timings is not null)
                    {
                        TimingDecorators.Register(services, timings);
                    }
                }));
            // An explicit listen endpoint rather than UseKestrel(port): a factory derived by WithWebHostBuilder
            // hands the port to its parent's CreateHost, which drops it, and Kestrel would fall back to localhost:5000.
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            factory.StartServer();

            var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.Select(a => new Uri(a)).FirstOrDefault(u => IPAddress.TryParse(u.Host, out var ip) && IPAddress.IsLoopback(ip))
                ?? throw new InvalidOperationException($"Kestrel reported no loopback address (got: {string.Join(", ", addresses)}).");
            return new EmbeddedHost(root, dataDirectory, address);
        }
        catch
        {
            root.Dispose();
            DeleteDataDirectory(dataDirectory);
            throw;
        }
    }

    /// <summary>
    /// The host project's folder, from the manifest Mvc.Testing writes next to this assembly. The factory itself
    /// looks for that manifest in the working directory only, which under <c>dotnet run --project</c> is not the output folder.
    /// </summary>
    private static string HostContentRoot()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var key = typeof(Program).Assembly.GetName().FullName;
        var roots = File.Exists(manifest) ? JsonSerializer.Deserialize(File.ReadAllBytes(manifest), WireJson.Default.DictionaryStringString) : null;
        return roots is not null && roots.TryGetValue(key, out var root) && Directory.Exists(root)
            ? root
            : AppContext.BaseDirectory; // the host's appsettings.json and Seed folder are copied here too
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        DeleteDataDirectory(DataDirectory);
    }

    private static void DeleteDataDirectory(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        for (var attempt = 1; Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                // A background loop may still be closing its connection: give it a moment, then try again.
                Thread.Sleep(100);
            }
            catch (IOException e)
            {
                // Leaving a temp folder behind is harmless; failing the run over it would not be.
                Console.Error.WriteLine($"Could not delete {directory}: {e.Message}");
                return;
            }
        }
    }
}
