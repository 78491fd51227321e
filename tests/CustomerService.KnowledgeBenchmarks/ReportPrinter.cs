using System.Globalization;

namespace CustomerService.KnowledgeBenchmarks;

/// <summary>The console rendering of a <see cref="KnowledgeReport"/>.</summary>
internal static class ReportPrinter
{
    public static void PrintMachine(TextWriter output, MachineInfo machine) =>
        output.WriteLine(Invariant($"Machine: {machine.ProcessorCount} logical CPUs, {machine.Os}, {machine.Runtime}, {(machine.ServerGc ? "server" : "workstation")} GC ({machine.GcLatencyMode})"));

    public static void Print(TextWriter output, KnowledgeReport report)
    {
        var (i, o) = (report.Ingestion, report.Options);
        output.WriteLine();
        PrintMachine(output, report.Machine);
        output.WriteLine(Invariant(
            $"Corpus: {i.Documents:N0} Markdown documents ({i.ChineseDocuments:N0} Chinese, {i.Documents - i.ChineseDocuments:N0} English), {i.UploadBytes / 1e6:F1} MB; the pipeline made {i.Chunks:N0} chunks; {i.IndexedUnits:N0} units searchable"));
        output.WriteLine();
        output.WriteLine("Ingestion: DocumentUploads.StartAsync -> IngestionWorker -> awaited KnowledgeIndex.RebuildAsync");
        output.WriteLine(Invariant($"  wall time      {i.Seconds,8:F1} s   (last job done at {i.WorkerSeconds:F1} s, final index rebuild {i.FinalRebuildSeconds:F1} s)"));
        output.WriteLine(Invariant($"  rate           {i.ChunksPerSecond,8:N0} chunks/s"));
        output.WriteLine(Invariant($"  CPU            {i.CpuCoresBusy,8:F2} cores busy on average; {i.BackgroundRebuilds} background index rebuilds during ingestion"));
        output.WriteLine(Invariant($"  GC             {i.AllocatedGigabytes,8:F1} GB allocated; collections gen0 {i.Gen0Collections}, gen1 {i.Gen1Collections}, gen2 {i.Gen2Collections}"));
        output.WriteLine(Invariant($"  failed jobs    {i.FailedJobs,8}{(i.FirstError is null ? "" : $"   first: {i.FirstError}")}"));
        output.WriteLine();
        output.WriteLine("Where ingestion time goes (summed per call; the uploader, the worker and rebuilds overlap):");
        output.WriteLine("stage                                       calls    total s    mean ms     max ms");
        foreach (var s in report.Stages)
        {
            output.WriteLine(Invariant($"{s.Stage,-42} {s.Calls,7:N0} {s.TotalSeconds,10:F2} {s.MeanMs,10:F2} {s.MaxMs,10:F1}"));
        }

        output.WriteLine();
        output.WriteLine(Invariant($"KnowledgeSearch.SearchAsync, top 10, single-threaded: {o.Queries:N0} queries per mode after {o.Warmup:N0} warm-up queries"));
        output.WriteLine("mode       mean ms   p50 ms   p90 ms   p99 ms   max ms   hits/query  source doc in top 10");
        foreach (var m in report.Searches)
        {
            var l = m.Latency;
            output.WriteLine(Invariant($"{m.Mode,-9} {l.MeanMs,8:F2} {l.P50Ms,8:F2} {l.P90Ms,8:F2} {l.P99Ms,8:F2} {l.MaxMs,8:F2} {m.MeanHits,12:F1} {m.SourceFound,21:P1}"));
        }

        output.WriteLine();
        output.WriteLine("Vector index, normal search vs exact float32 brute force (same query vectors and filter, same run):");
        output.WriteLine(" top   normal p50   normal p99    exact p50    exact p99    recall   queries below 1.0");
        foreach (var v in report.Vectors)
        {
            output.WriteLine(Invariant($"{v.Top,4} {v.Normal.P50Ms,12:F2} {v.Normal.P99Ms,12:F2} {v.Exact.P50Ms,12:F2} {v.Exact.P99Ms,12:F2} {v.Recall,9:F4} {v.QueriesBelowFullRecall,19}"));
        }

        PrintMemory(output, report.Memory, report.Components);
        output.WriteLine();
        output.WriteLine("Targets (reported, not enforced):");
        foreach (var t in report.Targets)
        {
            output.WriteLine(Invariant($"  {t.Name,-28} {t.Target,-22} measured {t.Value,10:N2} {t.Unit,-9} {(t.Met ? "met" : "NOT met")}"));
        }
    }

    private static void PrintMemory(TextWriter output, MemoryFigures m, ComponentFigures c)
    {
        output.WriteLine();
        output.WriteLine("Memory after the searches and a full blocking GC:");
        output.WriteLine(Invariant($"  resident (working set)  {Mb(m.WorkingSetBytes)}   peak during the run {Mb(m.PeakWorkingSetBytes)}   before ingestion {Mb(m.BaselineWorkingSetBytes)}"));
        output.WriteLine(Invariant($"  of which anon / file    {(m.RssAnonBytes is { } anon ? Mb(anon) : "n/a")} / {(m.RssFileBytes is { } file ? Mb(file) : "n/a")}"));
        output.WriteLine(Invariant($"  GC heap size            {Mb(m.GcHeapBytes)}   live objects {Mb(m.ManagedLiveBytes)}   GC committed {Mb(m.GcCommittedBytes)}"));
        output.WriteLine(Invariant($"  SQLite native           {Mb(m.SqliteNativeBytes)}"));
        output.WriteLine(Invariant(
            $"  diagnostic: after an aggressive GC (free regions returned to the OS) resident {Mb(m.WorkingSetAfterAggressiveGcBytes)}, GC committed {Mb(m.GcCommittedAfterAggressiveGcBytes)}"));
        output.WriteLine(Invariant($"Live managed size per component (each rebuilt once more afterwards, heap before/after):"));
        output.WriteLine(Invariant($"  knowledge units         {Mb(c.UnitsBytes)}   ({c.Units:N0} units)"));
        output.WriteLine(Invariant($"  BM25 index              {Mb(c.Bm25Bytes)}   ({c.Terms:N0} terms, {c.Postings:N0} postings)"));
        output.WriteLine(Invariant($"  vector collection       {Mb(c.VectorsBytes)}   (loaded at exact size; the live one may have spare rows)"));
    }

    private static string Mb(long bytes) => Invariant($"{bytes / 1e6,8:F1} MB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
