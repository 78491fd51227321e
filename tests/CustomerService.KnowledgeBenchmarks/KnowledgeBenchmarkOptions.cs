using System.Globalization;

namespace CustomerService.KnowledgeBenchmarks;

/// <summary>Command-line settings; hand-parsed, like the other harness, so the project needs no extra package.</summary>
internal sealed record KnowledgeBenchmarkOptions(int Chunks, int Queries, int Warmup, string? JsonPath, int Seed, int InFlight)
{
    /// <summary>Each generated document is sized for about this many chunks, so <c>--chunks</c> decides the document count.</summary>
    public const int ChunksPerDocument = 100;

    public const string Usage =
        """
        Usage: dotnet run --project tests/CustomerService.KnowledgeBenchmarks -c Release -- [options]
          --chunks N      about how many chunks to ingest; documents = N / 100 (default 100000)
          --queries N     measured queries per search mode (default 1000)
          --warmup N      warm-up queries before each measured series, not measured (default 100)
          --json PATH     also write the figures as JSON
          --seed N        seed of the generated documents and queries (default 20250101)
          --in-flight N   uploads allowed to wait for the ingestion worker at once (default 4)
        """;

    public static KnowledgeBenchmarkOptions Default { get; } = new(100_000, 1000, 100, null, 20250101, 4);

    public int Documents => Math.Max(1, (Chunks + ChunksPerDocument - 1) / ChunksPerDocument);

    /// <exception cref="ArgumentException">An option is unknown or its value is invalid.</exception>
    public static KnowledgeBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--chunks" => options with { Chunks = Positive(name, Value()) },
                "--queries" => options with { Queries = Positive(name, Value()) },
                "--warmup" => options with { Warmup = NonNegative(name, Value()) },
                "--json" => options with { JsonPath = Value() },
                "--seed" => options with { Seed = NonNegative(name, Value()) },
                "--in-flight" => options with { InFlight = Positive(name, Value()) },
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
}
