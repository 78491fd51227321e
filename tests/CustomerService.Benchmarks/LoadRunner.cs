using System.Diagnostics;

namespace CustomerService.Benchmarks;

/// <summary>
/// Closed-loop load: each sender sends its next message as soon as the previous reply arrived, so the
/// rate measured is what the host sustains at that many concurrent conversations.
/// </summary>
internal static class LoadRunner
{
    public delegate Task<Outcome> RoundTrip(int sender, int index, CancellationToken cancellationToken);

    public static async Task<LevelResult> RunAsync(string scenario, int[] countsPerSender, RoundTrip roundTrip, CancellationToken cancellationToken)
    {
        var senders = countsPerSender.Length;
        var offsets = new int[senders];
        for (var s = 1; s < senders; s++)
        {
            offsets[s] = offsets[s - 1] + countsPerSender[s - 1];
        }

        var attempts = countsPerSender.Sum();
        var latencies = new long[attempts];
        var outcomes = new Outcome[attempts];

        // Collect garbage now so the previous phase's leftovers are not billed to this one.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var start = Stopwatch.GetTimestamp();
        var tasks = new Task[senders];
        for (var s = 0; s < senders; s++)
        {
            var sender = s;
            tasks[s] = Task.Run(() => SendAllAsync(sender, countsPerSender[sender], offsets[sender], roundTrip, latencies, outcomes, cancellationToken),
                cancellationToken);
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(start);

        var successes = latencies.Where((_, i) => outcomes[i].Success).ToArray();
        var failures = outcomes.Count(o => !o.Success);
        var handoffs = outcomes.Count(o => o.Success && o.Handoff);
        var firstError = outcomes.FirstOrDefault(o => !o.Success).Error;
        return LevelResult.From(scenario, senders, attempts, elapsed, successes, failures, handoffs, firstError);
    }

    private static async Task SendAllAsync(int sender, int count, int offset, RoundTrip roundTrip, long[] latencies, Outcome[] outcomes,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Outcome outcome;
            try
            {
                outcome = await roundTrip(sender, i, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // A refused or timed-out request is a failed message, not a crash of the benchmark.
                outcome = Outcome.Fail($"{e.GetType().Name}: {e.Message}");
            }

            latencies[offset + i] = Stopwatch.GetTimestamp() - started;
            outcomes[offset + i] = outcome;
        }
    }
}
