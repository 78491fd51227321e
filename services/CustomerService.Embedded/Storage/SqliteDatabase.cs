using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Embedded.Storage;

/// <summary>
/// The embedded database. Reads use pooled connections; writes go through one long-lived connection
/// behind an async gate, because SQLite has a single writer and its busy-retry sleeps would otherwise
/// show up as latency spikes under concurrency.
/// </summary>
internal sealed partial class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lazy<SqliteConnection> _writer;
    private readonly ILogger<SqliteDatabase> _logger;

    public SqliteDatabase(IOptions<StorageOptions> options, ILogger<SqliteDatabase> logger)
    {
        _logger = logger;
        var file = options.Value.DatabaseFile;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        _writer = new Lazy<SqliteConnection>(OpenWriter, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string DatabaseFile => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        _ = _writer.Value; // the writer applies the schema before anyone reads
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var connection = _writer.Value;
            using var transaction = connection.BeginTransaction();
            var result = await work(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> work, CancellationToken cancellationToken) =>
        WriteAsync<bool>(async (c, t) => { await work(c, t); return true; }, cancellationToken);

    private SqliteConnection OpenWriter()
    {
        var library = SqliteNativeLibrary.Initialize();
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
        Execute(connection, ReadSchema());
        AddedColumns.Apply(connection);
        LogOpened(_logger, connection.ServerVersion, library, DatabaseFile);
        return connection;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite {Version} ({Library}) opened {File}")]
    private static partial void LogOpened(ILogger logger, string version, string library, string file);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string ReadSchema()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Embedded.Schema.sql")
            ?? throw new InvalidOperationException("The embedded schema resource is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer.IsValueCreated)
        {
            await _writer.Value.DisposeAsync();
        }

        _writeGate.Dispose();
    }
}
