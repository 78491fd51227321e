using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CustomerService.Benchmarks;

/// <summary>
/// Message round trips through the real host over Kestrel: imports a generated FAQ through the API,
/// then measures closed-loop load at each concurrency level. Exit code 1 when any message failed.
/// </summary>
internal static class BenchmarkApp
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }

        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        return await RunAsync(options, cancellation.Token);
    }

    private static async Task<int> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        ReportPrinter.PrintMachine(Console.Out, MachineInfo.Current);
        var corpus = FaqCorpus.Generate(options.FaqEntries, options.Seed);

        var clock = Stopwatch.StartNew();
        var timings = options.Breakdown ? new StageTimings() : null;
        await using var host = EmbeddedHost.Start(timings);
        Say($"Host listening on {host.Address} (data in {host.DataDirectory}) after {clock.Elapsed.TotalSeconds:F1} s");

        using var client = CreateClient(host.Address, options.Concurrency.Max());
        clock.Restart();
        var imported = await ImportFaqAsync(client, corpus, cancellationToken);
        Say($"Imported {imported.Imported:N0} FAQ entries ({corpus.QuestionCount:N0} questions) in {clock.Elapsed.TotalSeconds:F1} s; the host now holds {imported.Total:N0}");

        var mix = new QueryMix(corpus, options.Seed);
        List<LevelResult> levels = [];
        List<LevelResult> baseline = [];
        List<LevelBreakdown> breakdown = [];
        var warmupFailures = 0;
        for (var n = 0; n < options.Concurrency.Count; n++)
        {
            var concurrency = options.Concurrency[n];
            if (options.Warmup > 0)
            {
                var warmup = await RunMessagesAsync(client, mix, $"w{n}", concurrency, options.Warmup, options, cancellationToken);
                warmupFailures += warmup.Failures;
                Say($"warm-up  c={concurrency}: {warmup.MessagesPerSecond:F0} msg/s, p99 {warmup.P99Ms:F2} ms, {warmup.Failures} failures");
            }

            timings?.Reset();
            var measured = await RunMessagesAsync(client, mix, $"m{n}", concurrency, options.Messages, options, cancellationToken);
            levels.Add(measured);
            if (timings is not null)
            {
                breakdown.Add(new LevelBreakdown(concurrency, timings.Summarize()));
            }

            Say($"measured c={concurrency}: {measured.MessagesPerSecond:F0} msg/s, p50 {measured.P50Ms:F2} ms, p99 {measured.P99Ms:F2} ms, {measured.Failures} failures");

            if (options.Baseline)
            {
                baseline.Add(await RunHealthAsync(client, concurrency, options.Messages, cancellationToken));
            }
        }

        var report = new BenchmarkReport(startedAt, MachineInfo.Current, corpus.Items.Count, corpus.QuestionCount, imported.Total,
            options.Warmup, options.Messages, LevelResult.TargetMessagesPerSecond, LevelResult.TargetP99Ms, levels, baseline, breakdown);
        ReportPrinter.Print(Console.Out, report);
        if (warmupFailures > 0)
        {
            Console.WriteLine($"FAILURES during warm-up: {warmupFailures}");
        }

        if (options.JsonPath is { } path)
        {
            await report.WriteJsonAsync(path, cancellationToken);
            Say($"Wrote {Path.GetFullPath(path)}");
        }

        return report.Failures + warmupFailures > 0 ? 1 : 0;
    }

    private static Task<LevelResult> RunMessagesAsync(HttpClient client, QueryMix mix, string tag, int concurrency, int messages,
        BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var plan = MessagePlan.Build(mix, tag, concurrency, messages, options.CustomersPerSender);
        var roundTrip = new WebChatRoundTrip(client, plan);
        return LoadRunner.RunAsync("webchat message", plan.CountsPerSender, roundTrip.SendAsync, cancellationToken);
    }

    private static async Task<LevelResult> RunHealthAsync(HttpClient client, int concurrency, int requests, CancellationToken cancellationToken)
    {
        var counts = Enumerable.Range(0, concurrency).Select(s => requests / concurrency + (s < requests % concurrency ? 1 : 0)).ToArray();
        var roundTrip = new HealthRoundTrip(client);
        _ = await LoadRunner.RunAsync("health/live", [.. counts.Select(c => Math.Max(1, c / 10))], roundTrip.SendAsync, cancellationToken);
        return await LoadRunner.RunAsync("health/live", counts, roundTrip.SendAsync, cancellationToken);
    }

    private static async Task<FaqImportReply> ImportFaqAsync(HttpClient client, FaqCorpus corpus, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(corpus.ToJsonLines());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await client.PostAsync(new Uri("/api/knowledge/faq", UriKind.Relative), content, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var reply = response.StatusCode == HttpStatusCode.OK ? JsonSerializer.Deserialize(body, WireJson.Default.FaqImportReply) : null;
        return reply is not null && reply.Imported == corpus.Items.Count
            ? reply
            : throw new InvalidOperationException($"The FAQ import did not take all {corpus.Items.Count} entries: {WebChatRoundTrip.Describe(response.StatusCode, body)}");
    }

    // One client for every sender, as a real front end would share one; one connection per concurrent sender.
    private static HttpClient CreateClient(Uri address, int connections) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = connections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static void Say(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
