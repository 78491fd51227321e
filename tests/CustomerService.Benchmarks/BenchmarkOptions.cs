using System.Globalization;

namespace CustomerService.Benchmarks;

/// <summary>Command-line settings; deliberately hand-parsed to keep the harness free of extra packages.</summary>
internal sealed record BenchmarkOptions(
    int Messages,
    int Warmup,
    IReadOnlyList<int> Concurrency,
    string? JsonPath,
    bool Baseline,
    bool Breakdown,
    int FaqEntries,
    int CustomersPerSender,
    int Seed)
{
    public const string Usage =
        """
        Usage: dotnet run --project tests/CustomerService.Benchmarks -c Release -- [options]
          --messages N        measured messages per concurrency level (default 5000)
          --warmup N          warm-up messages before each level, not measured (default 500)
          --concurrency L     comma-separated sender counts (default 1,16)
          --json PATH         also write the figures as JSON
          --baseline          also measure GET /health/live at each level (transport + Kestrel floor)
          --breakdown         also time the host's stages (store, FAQ match, outbox) server-side; adds a little overhead
          --faq-size N        generated FAQ entries to import (default 1000)
          --customers N       customer ids each sender rotates through (default 50)
          --seed N            seed of the generated FAQ and message mix (default 1234)
        """;

    public static BenchmarkOptions Default { get; } = new(5000, 500, [1, 16], null, false, false, 1000, 50, 1234);

    /// <exception cref="ArgumentException">An option is unknown or its value is invalid.</exception>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--messages" => options with { Messages = Positive(name, Value()) },
                "--warmup" => options with { Warmup = NonNegative(name, Value()) },
                "--concurrency" => options with { Concurrency = Levels(name, Value()) },
                "--json" => options with { JsonPath = Value() },
                "--baseline" => options with { Baseline = true },
                "--breakdown" => options with { Breakdown = true },
                "--faq-size" => options with { FaqEntries = Positive(name, Value()) },
                "--customers" => options with { CustomersPerSender = Positive(name, Value()) },
                "--seed" => options with { Seed = NonNegative(name, Value()) },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    private static int Positive(string name, string text) =>
        NonNegative(name, text) is > 0 and var n ? n : throw new ArgumentException($"{name} must be at least 1 (was '{text}').");

    private static int NonNegative(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} must be a whole number (was '{text}').");

    private static int[] Levels(string name, string text)
    {
        var levels = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => Positive(name, t)).ToArray();
        return levels.Length > 0 ? levels : throw new ArgumentException($"{name} needs at least one level.");
    }
}
