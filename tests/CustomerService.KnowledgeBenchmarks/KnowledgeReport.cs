using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerService.KnowledgeBenchmarks;

/// <summary>Where the figures were taken; a rate means little without it.</summary>
internal sealed record MachineInfo(int ProcessorCount, string Os, string Runtime, bool ServerGc, string GcLatencyMode)
{
    public static MachineInfo Current { get; } = new(Environment.ProcessorCount, RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription, GCSettings.IsServerGC, GCSettings.LatencyMode.ToString());
}

/// <summary>One target of the issue, the measured value and whether it was met.</summary>
internal sealed record TargetCheck(string Name, string Target, double Value, string Unit, bool Met);

/// <summary>Everything the run measured, as printed and as written by <c>--json</c>.</summary>
internal sealed record KnowledgeReport(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    KnowledgeBenchmarkOptions Options,
    IngestionFigures Ingestion,
    IReadOnlyList<StageFigure> Stages,
    IReadOnlyList<ModeFigures> Searches,
    IReadOnlyList<VectorFigures> Vectors,
    MemoryFigures Memory,
    ComponentFigures Components)
{
    public IReadOnlyList<TargetCheck> Targets
    {
        get
        {
            var hybrid = Searches.First(s => s.Mode == nameof(CustomerService.Core.Knowledge.Retrieval.SearchMode.Hybrid)).Latency;
            var recall = Vectors.First(v => v.Top == SearchRun.Top).Recall;
            return
            [
                new("ingestion rate", $">= {IngestionFigures.TargetChunksPerSecond:N0} chunks/s", Ingestion.ChunksPerSecond, "chunks/s",
                    Ingestion.ChunksPerSecond >= IngestionFigures.TargetChunksPerSecond),
                new("hybrid top-10 p50", $"<= {ModeFigures.TargetP50Ms} ms", hybrid.P50Ms, "ms", hybrid.P50Ms <= ModeFigures.TargetP50Ms),
                new("hybrid top-10 p99", $"<= {ModeFigures.TargetP99Ms} ms", hybrid.P99Ms, "ms", hybrid.P99Ms <= ModeFigures.TargetP99Ms),
                new("resident memory", $"<= {MemoryFigures.TargetResidentBytes / 1e6:N0} MB", Memory.WorkingSetBytes / 1e6, "MB",
                    Memory.WorkingSetBytes <= MemoryFigures.TargetResidentBytes),
                new("vector recall@10 vs exact", $">= {VectorFigures.TargetRecall}", recall, "", recall >= VectorFigures.TargetRecall),
            ];
        }
    }

    public bool TargetsMet => Targets.All(t => t.Met);

    public async Task WriteJsonAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, KnowledgeReportJson.Default.KnowledgeReport, cancellationToken);
    }
}

// NaN (a series with no queries) must still serialise, hence named floating-point literals.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(KnowledgeReport))]
internal sealed partial class KnowledgeReportJson : JsonSerializerContext;
