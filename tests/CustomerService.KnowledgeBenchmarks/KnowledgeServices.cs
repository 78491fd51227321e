using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Ingestion;
using CustomerService.Embedded.Knowledge;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.KnowledgeBenchmarks;

/// <summary>
/// The host's knowledge services without a web host: the same registration methods the host's Program calls
/// (<c>AddEmbeddedBuildingBlocks</c>, <c>AddEmbeddings</c>, <c>AddKnowledge</c>) over a fresh SQLite folder, with
/// thin timing decorators around the ingestion steps and stores. No hosted service is started here.
/// </summary>
internal sealed class KnowledgeServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private KnowledgeServices(ServiceProvider provider, string dataDirectory)
    {
        _provider = provider;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => _provider;

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public static KnowledgeServices Create(StageClock clock)
    {
        // A fresh database per run: an earlier run's documents would change what is measured.
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"cs-knowledge-bench-{Guid.NewGuid():N}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Embeddings:Provider"] = "Local", // default dimensions
        }).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new BenchmarkEnvironment(AppContext.BaseDirectory));
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true));
        services.AddSingleton(TimeProvider.System);
        services.AddEmbeddedBuildingBlocks();
        services.AddEmbeddings(configuration);
        services.AddKnowledge();
        AddTiming(services, clock);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        try
        {
            // What the host does at start-up: every options class registered with ValidateOnStart is validated now.
            provider.GetService<IStartupValidator>()?.Validate();
            return new KnowledgeServices(provider, dataDirectory);
        }
        catch
        {
            provider.Dispose();
            DeleteDataDirectory(dataDirectory);
            throw;
        }
    }

    /// <summary>The vector collection the ingestion wrote to (as seen by the timing decorator).</summary>
    public string VectorCollection => (Get<IVectorIndex>() as TimedVectorIndex)?.Collection
        ?? throw new InvalidOperationException("No vectors were written; nothing to compare the vector index against.");

    private static void AddTiming(IServiceCollection services, StageClock clock)
    {
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i] is { ServiceType: var type, ImplementationType: { } step } && type == typeof(IIngestionStep))
            {
                services[i] = ServiceDescriptor.Singleton<IIngestionStep>(sp => new TimedStep((IIngestionStep)ActivatorUtilities.CreateInstance(sp, step), clock));
            }
        }

        // The concrete index stays resolvable (and container-owned) for its exact search, the recall reference.
        var vectors = services.Last(d => d.ServiceType == typeof(IVectorIndex));
        if (vectors.ImplementationType != typeof(SqliteVectorIndex))
        {
            throw new InvalidOperationException($"Expected the embedded vector index, found {vectors.ImplementationType?.Name ?? "a factory"}; update the harness.");
        }

        services.AddSingleton<SqliteVectorIndex>();
        services.Add(ServiceDescriptor.Singleton<IVectorIndex>(sp => new TimedVectorIndex(sp.GetRequiredService<SqliteVectorIndex>(), clock)));
        Decorate<IDocumentStore>(services, inner => new TimedDocumentStore(inner, clock));
        Decorate<ISynonymStore>(services, inner => new TimedSynonymStore(inner, clock));
        Decorate<IIngestionJobStore>(services, inner => new TimedJobStore(inner, clock));
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(T));
        var type = registered.ImplementationType ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered by type; update the harness.");
        services.Add(ServiceDescriptor.Singleton<T>(sp => wrap((T)ActivatorUtilities.CreateInstance(sp, type))));
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        DeleteDataDirectory(DataDirectory);
    }

    private static void DeleteDataDirectory(string directory)
    {
        SqliteConnection.ClearAllPools();
        for (var attempt = 1; Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(100); // a pooled connection may still be closing
            }
            catch (IOException e)
            {
                // A temp folder left behind is harmless; failing the run over it would not be.
                Console.Error.WriteLine($"Could not delete {directory}: {e.Message}");
                return;
            }
        }
    }

    /// <summary>What the options validators ask of the host: a content root (the seed-file check resolves paths from it).</summary>
    private sealed class BenchmarkEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "CustomerService.KnowledgeBenchmarks";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
