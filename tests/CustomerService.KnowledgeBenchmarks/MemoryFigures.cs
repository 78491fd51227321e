using System.Diagnostics;
using System.Globalization;

namespace CustomerService.KnowledgeBenchmarks;

/// <param name="BaselineWorkingSetBytes">Resident memory with the services composed and nothing ingested (runtime, libraries, empty stores).</param>
/// <param name="WorkingSetBytes">Resident memory (<c>Process.WorkingSet64</c>) after the searches and a full blocking GC: the target's figure.</param>
/// <param name="PeakWorkingSetBytes">The most the process was resident at any time (ingestion included).</param>
/// <param name="GcHeapBytes">The GC heap after that collection (<c>GCMemoryInfo.HeapSizeBytes</c>), fragmentation included.</param>
/// <param name="ManagedLiveBytes">Bytes of live objects (<c>GC.GetTotalMemory</c>).</param>
/// <param name="GcCommittedBytes">Memory the GC holds from the OS.</param>
/// <param name="SqliteNativeBytes">SQLite's own allocations (page caches, statements), outside the GC heap.</param>
/// <param name="RssAnonBytes">Linux: resident anonymous memory (heaps), from /proc/self/status; null elsewhere.</param>
/// <param name="RssFileBytes">Linux: resident file-backed memory (the runtime and libraries mapped in); null elsewhere.</param>
/// <param name="WorkingSetAfterAggressiveGcBytes">
/// Diagnostic, taken after the figure above: resident memory once an aggressive GC has returned every free region to
/// the OS. The difference is memory the GC keeps committed for later, not memory the knowledge base needs.
/// </param>
internal sealed record MemoryFigures(
    long BaselineWorkingSetBytes,
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    long PrivateBytes,
    long GcHeapBytes,
    long ManagedLiveBytes,
    long GcCommittedBytes,
    long SqliteNativeBytes,
    long? RssAnonBytes,
    long? RssFileBytes,
    long WorkingSetAfterAggressiveGcBytes,
    long GcCommittedAfterAggressiveGcBytes)
{
    /// <summary>600 MB, taken strictly as 600,000,000 bytes.</summary>
    public const long TargetResidentBytes = 600_000_000;

    /// <summary>Resident memory after a full collection, now.</summary>
    public static long WorkingSet()
    {
        FullCollect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public static MemoryFigures Measure(long baselineWorkingSet)
    {
        FullCollect();
        using var process = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var status = ProcStatus();
        var (workingSet, peak, privateBytes) = (process.WorkingSet64, process.PeakWorkingSet64, process.PrivateMemorySize64);
        var live = GC.GetTotalMemory(forceFullCollection: false);

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        process.Refresh();
        return new MemoryFigures(baselineWorkingSet, workingSet, peak, privateBytes, info.HeapSizeBytes, live, info.TotalCommittedBytes, SQLitePCL.raw.sqlite3_memory_used(),
            status.GetValueOrDefault("RssAnon"), status.GetValueOrDefault("RssFile"), process.WorkingSet64, GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes);
    }

    /// <summary>A full blocking, compacting collection (large objects too), then the finalisers and once more for what they freed.</summary>
    public static void FullCollect()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static Dictionary<string, long?> ProcStatus()
    {
        Dictionary<string, long?> values = [];
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/status"))
        {
            return values;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            // e.g. "RssAnon:	  412340 kB"
            var parts = line.Split(':', 2);
            var number = parts.Length == 2 ? parts[1].Trim().Split(' ')[0] : "";
            if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes))
            {
                values[parts[0]] = kilobytes * 1024;
            }
        }

        return values;
    }
}
