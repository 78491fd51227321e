using System.Collections.Concurrent;
using System.Diagnostics;

namespace CustomerService.KnowledgeBenchmarks;

/// <summary>Time spent in one stage, summed over every call (calls may overlap on other threads).</summary>
internal sealed record StageFigure(string Stage, long Calls, double TotalSeconds, double MeanMs, double MaxMs);

/// <summary>
/// Where ingestion time goes: the timing decorators add each call's duration under a stage name. Thread-safe,
/// because the uploader, the ingestion worker and the background index rebuilds run at the same time.
/// </summary>
internal sealed class StageClock
{
    public const string BeginVersion = "upload: begin version (SQLite)";
    public const string JobSaves = "job progress saves (SQLite)";
    public const string Commit = "index: commit chunks (SQLite)";
    public const string VectorDelete = "index: delete old vectors";
    public const string VectorUpsert = "index: upsert vectors (SQLite + memory)";
    public const string RebuildRead = "rebuild: read all chunks (SQLite)";
    public const string RebuildBuild = "rebuild: units + BM25 build";

    // Steps first in pipeline order, then what the steps are made of, then the background rebuilds.
    private static readonly string[] Order =
        ["step: extract", "step: normalise", "step: chunk", "step: embed", "step: index", BeginVersion, JobSaves, Commit, VectorDelete, VectorUpsert, RebuildRead, RebuildBuild];

    private readonly ConcurrentDictionary<string, Totals> _stages = new(StringComparer.Ordinal);
    private long _contentReadAt;

    public void Add(string stage, long elapsedTicks) => _stages.GetOrAdd(stage, _ => new Totals()).Add(elapsedTicks);

    public async Task<T> TimeAsync<T>(string stage, Func<Task<T>> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            Add(stage, Stopwatch.GetTimestamp() - start);
        }
    }

    public async Task TimeAsync(string stage, Func<Task> work) => await TimeAsync(stage, async () => { await work(); return true; });

    /// <summary>
    /// A rebuild reads the chunks, builds units and BM25, then reads the synonyms: the time between the two
    /// reads is the in-memory build. The rebuilds are serialised by the index, so one mark suffices.
    /// </summary>
    public void MarkContentRead() => Interlocked.Exchange(ref _contentReadAt, Stopwatch.GetTimestamp());

    public void MarkSynonymsRead()
    {
        var start = Interlocked.Exchange(ref _contentReadAt, 0);
        if (start != 0)
        {
            Add(RebuildBuild, Stopwatch.GetTimestamp() - start);
        }
    }

    public long Calls(string stage) => _stages.TryGetValue(stage, out var totals) ? totals.Calls : 0;

    public void Reset() => _stages.Clear();

    public IReadOnlyList<StageFigure> Snapshot() =>
        [.. _stages.OrderBy(s => Array.IndexOf(Order, s.Key) is var i and >= 0 ? i : Order.Length).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => s.Value.Figure(s.Key))];

    private sealed class Totals
    {
        private long _calls;
        private long _ticks;
        private long _max;

        public long Calls => Interlocked.Read(ref _calls);

        public void Add(long ticks)
        {
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _ticks, ticks);
            for (var max = Interlocked.Read(ref _max); ticks > max; max = Interlocked.Read(ref _max))
            {
                if (Interlocked.CompareExchange(ref _max, ticks, max) == max) break;
            }
        }

        public StageFigure Figure(string stage)
        {
            var calls = Calls;
            var seconds = (double)Interlocked.Read(ref _ticks) / Stopwatch.Frequency;
            return new StageFigure(stage, calls, seconds, calls == 0 ? 0 : seconds * 1000 / calls, (double)Interlocked.Read(ref _max) * 1000 / Stopwatch.Frequency);
        }
    }
}
