using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerService.Embedded.Storage;

/// <summary>
/// Runs batches of due work; when a batch finds nothing, sleeps until new work wakes it or the poll
/// interval passes (work that becomes due with time, such as retries, is found that way).
/// </summary>
internal abstract partial class PollingLoop(WakeSignal signal, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>Handles one batch of due work; returns how many items it attempted.</summary>
    protected abstract Task<int> RunBatchAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var attempted = 0;
            try
            {
                attempted = await RunBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogBatchFailed(logger, GetType().Name, e);
            }

            if (attempted == 0)
            {
                try
                {
                    await signal.WaitAsync(PollInterval, Time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Loop} failed; retrying at the next poll")]
    private static partial void LogBatchFailed(ILogger logger, string loop, Exception error);
}
