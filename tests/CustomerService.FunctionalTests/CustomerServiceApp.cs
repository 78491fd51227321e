using CustomerService.Abstractions.Customers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

/// <summary>
/// The real host in embedded mode over its own temp data folder. Pass the same folder to a second
/// instance to simulate a restart.
/// </summary>
public sealed class CustomerServiceApp(
    string? dataDirectory = null,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory ?? NewDataDirectory();

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "cs-functional", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>The OneID tickets and tags of a web chat customer are filed under.</summary>
    public async Task<string> OneIdAsync(string webChatCustomerId) =>
        (await Services.GetRequiredService<ICustomerDirectory>().FindByAccountAsync(new ChannelAccount("webchat", webChatCustomerId)))?.Id
            ?? throw new InvalidOperationException($"The web chat customer '{webChatCustomerId}' has not written yet.");

    public static void DeleteDataDirectory(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } // best effort: temp files
    }
}
