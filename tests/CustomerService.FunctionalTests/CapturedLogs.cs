using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CustomerService.FunctionalTests;

/// <summary>
/// Every formatted log line the host writes (with its exception), optionally only of categories starting with a prefix:
/// registered as an extra provider, so tests can check what is logged and, above all, what never is.
/// </summary>
internal sealed class CapturedLogs(string? categoryPrefix = null) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) =>
        categoryPrefix is null || categoryName.StartsWith(categoryPrefix, StringComparison.Ordinal) ? new Logger(_lines) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{formatter(state, exception)} {exception}");
    }
}
