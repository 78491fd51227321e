using System.Globalization;

namespace CustomerService.Benchmarks;

/// <summary>The console rendering of a <see cref="BenchmarkReport"/>.</summary>
internal static class ReportPrinter
{
    private const string Header =
        "scenario        conc   messages   seconds    msg/s   p50 ms   p90 ms   p99 ms   max ms  failures  handoffs  targets";

    public static void PrintMachine(TextWriter output, MachineInfo machine) =>
        output.WriteLine(Invariant($"Machine: {machine.ProcessorCount} logical CPUs, {machine.Os}, {machine.Runtime}, {(machine.ServerGc ? "server" : "workstation")} GC"));

    public static void Print(TextWriter output, BenchmarkReport report)
    {
        output.WriteLine();
        PrintMachine(output, report.Machine);
        output.WriteLine(Invariant(
            $"FAQ: {report.GeneratedFaqEntries:N0} generated entries ({report.GeneratedFaqQuestions:N0} questions) imported; {report.FaqEntriesInHost:N0} entries in the host with the demo seed"));
        output.WriteLine(Invariant(
            $"Load: closed loop, {report.WarmupMessagesPerLevel:N0} warm-up + {report.MeasuredMessagesPerLevel:N0} measured messages per level; ~{QueryMix.FaqShare:P0} FAQ questions, the rest off-topic"));
        output.WriteLine();
        output.WriteLine(Header);
        output.WriteLine(new string('-', Header.Length));
        foreach (var level in report.Levels)
        {
            output.WriteLine(Row(level, level.MeetsTargets ? "met" : "NOT met"));
        }

        foreach (var level in report.Baseline)
        {
            output.WriteLine(Row(level, "(baseline)"));
        }

        foreach (var level in report.Breakdown)
        {
            PrintBreakdown(output, level);
        }

        output.WriteLine();
        output.WriteLine(Invariant(
            $"Targets (each message level): >= {LevelResult.TargetMessagesPerSecond:N0} msg/s and p99 <= {LevelResult.TargetP99Ms:N0} ms, no failures: {(report.TargetsMet ? "MET" : "NOT MET")}"));
        foreach (var failed in report.Levels.Concat(report.Baseline).Where(l => l.Failures > 0))
        {
            output.WriteLine(Invariant($"FAILURES: {failed.Failures} of {failed.Messages} in {failed.Scenario} at concurrency {failed.Concurrency}; first: {failed.FirstError}"));
        }
    }

    private static void PrintBreakdown(TextWriter output, LevelBreakdown level)
    {
        output.WriteLine();
        output.WriteLine(Invariant($"Server-side stages at concurrency {level.Concurrency} (ms):"));
        output.WriteLine("stage                              count     mean      p50      p99      max  >100ms");
        foreach (var s in level.Stages)
        {
            output.WriteLine(Invariant($"{s.Stage,-32} {s.Count,7} {s.MeanMs,8:F3} {s.P50Ms,8:F3} {s.P99Ms,8:F3} {s.MaxMs,8:F2} {s.Over100Ms,7}"));
        }
    }

    private static string Row(LevelResult l, string verdict) => Invariant(
        $"{l.Scenario,-14} {l.Concurrency,5} {l.Messages,10:N0} {l.Seconds,9:F2} {l.MessagesPerSecond,8:F0} {l.P50Ms,8:F2} {l.P90Ms,8:F2} {l.P99Ms,8:F2} {l.MaxMs,8:F2} {l.Failures,9} {l.Handoffs,9}  {verdict}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
