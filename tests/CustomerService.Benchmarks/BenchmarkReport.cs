using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerService.Benchmarks;

/// <summary>Where the figures were taken; a throughput figure means little without it.</summary>
internal sealed record MachineInfo(int ProcessorCount, string Os, string Runtime, bool ServerGc)
{
    public static MachineInfo Current { get; } = new(Environment.ProcessorCount, RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription, GCSettings.IsServerGC);
}

/// <summary>Everything the run measured, as printed and as written by <c>--json</c>.</summary>
internal sealed record BenchmarkReport(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    int GeneratedFaqEntries,
    int GeneratedFaqQuestions,
    int FaqEntriesInHost,
    int WarmupMessagesPerLevel,
    int MeasuredMessagesPerLevel,
    double TargetMessagesPerSecond,
    double TargetP99Ms,
    IReadOnlyList<LevelResult> Levels,
    IReadOnlyList<LevelResult> Baseline,
    IReadOnlyList<LevelBreakdown> Breakdown)
{
    [JsonIgnore]
    public int Failures => Levels.Sum(l => l.Failures) + Baseline.Sum(l => l.Failures);

    public bool TargetsMet => Levels.All(l => l.MeetsTargets);

    public async Task WriteJsonAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, ReportJson.Default.BenchmarkReport, cancellationToken);
    }
}

// NaN (a level where nothing succeeded) must still serialize, hence named floating-point literals.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchmarkReport))]
internal sealed partial class ReportJson : JsonSerializerContext;
