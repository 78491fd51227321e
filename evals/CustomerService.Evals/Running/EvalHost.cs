using CustomerService.Core.Knowledge;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.Evals.Running;

/// <summary>
/// A fresh embedded host (the real Program) over its own temp database, with a suite's knowledge and
/// settings. Requests go through the in-memory test server: the whole HTTP pipeline, no socket.
/// </summary>
internal sealed class EvalHost : WebApplicationFactory<Program>
{
    private readonly IReadOnlyList<string> _knowledge;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "cs-evals", Guid.NewGuid().ToString("N"));

    /// <param name="knowledge">FAQ files to seed instead of the host's own; empty keeps the host's seeds.</param>
    /// <param name="services">What the runner adds to the host's container (observers of its events), after the host's own.</param>
    public EvalHost(IReadOnlyList<string> knowledge, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _knowledge = knowledge;
        _settings = settings;
        _services = services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The host's appsettings.json and seed files are copied next to this runner.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_knowledge.Count > 0)
        {
            builder.ConfigureTestServices(s => s.PostConfigure<KnowledgeOptions>(o => o.SeedFiles = [.. _knowledge]));
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }
}
