using System.Globalization;
using System.Text;
using CustomerService.Channels.DingTalk;
using CustomerService.Channels.WeCom;

namespace CustomerService.ChannelSimulator;

internal static class SimulatorApp
{
    private const string Usage = """
        usage:
          bench [--rates 100,500] [--seconds 10] [--storm 500]
              WeCom callbacks against an in-process host: ack rate and latency, the sustained maximum, a 3× retry storm
          wecom send --url http://localhost:5000 --app NAME --token T --aes-key K --corp-id C [--agent-id 1000002] [--from user] --text "怎么退货"
          wecom load --url … --app … --token … --aes-key … --corp-id … [--rate 100] [--seconds 10] [--copies 1]
          dingtalk send --url http://localhost:5000 --app NAME --secret S [--from staff-id] --text "怎么退货"
        """;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["bench", .. var rest] => await BenchCommand.RunAsync(new Options(rest)),
                ["wecom", "send", .. var rest] => await WeComSendAsync(new Options(rest)),
                ["wecom", "load", .. var rest] => await WeComLoadAsync(new Options(rest)),
                ["dingtalk", "send", .. var rest] => await DingTalkSendAsync(new Options(rest)),
                _ => Fail(args.Length == 0 ? "no command given" : $"unknown command '{string.Join(' ', args.Take(2))}'"),
            };
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message);
        }
        catch (WeComCryptoException e)
        {
            return Fail($"--aes-key is not a WeCom EncodingAESKey ({e.Reason})");
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"error: the host did not answer ({e.Message})");
            return 1;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }

    private static SimulatedWeCom WeCom(Options o) => new(o.Required("app"), o.Required("token"), o.Required("aes-key"), o.Required("corp-id"),
        (int)o.Number("agent-id", 1000002, 1, int.MaxValue), TimeProvider.System);

    private static async Task<int> WeComSendAsync(Options o)
    {
        var callback = WeCom(o).Text(o.Get("from", "sim-user"), $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}", o.Required("text"));
        using var client = new HttpClient { BaseAddress = o.Url("url") };
        using var content = new StringContent(callback.Body, Encoding.UTF8, "text/xml");
        using var response = await client.PostAsync(callback.PathAndQuery, content);
        Console.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase} {await response.Content.ReadAsStringAsync()}");
        return response.IsSuccessStatusCode ? 0 : 1;
    }

    private static async Task<int> WeComLoadAsync(Options o)
    {
        var wecom = WeCom(o);
        var rate = o.Number("rate", 100, 1, 100_000);
        var messages = (int)(rate * o.Number("seconds", 10, 1, 3600));
        var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var client = new HttpClient { BaseAddress = o.Url("url") };
        var level = await OpenLoopLoad.RunAsync(client, "load", rate, messages, (int)o.Number("copies", 1, 1, 10),
            i => wecom.Text($"load-{run}-{i}", $"{run}{i:D6}", "怎么退货"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sent {level.Sent}, acked {level.Acked}, {level.AchievedRate:0} req/s, p50 {level.P50Ms:0.00} ms, p99 {level.P99Ms:0.00} ms, max {level.MaxMs:0.0} ms"));
        return level.Acked == level.Sent ? 0 : 1;
    }

    private static async Task<int> DingTalkSendAsync(Options o)
    {
        var dingtalk = new SimulatedDingTalk(o.Required("app"), o.Required("secret"), TimeProvider.System);
        using var client = new HttpClient { BaseAddress = o.Url("url") };
        using var request = dingtalk.Text(o.Get("from", "sim-staff"), $"msg{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}", o.Required("text"));
        using var response = await client.SendAsync(request);
        Console.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase} {await response.Content.ReadAsStringAsync()}");
        return response.IsSuccessStatusCode ? 0 : 1;
    }
}

/// <summary><c>--name value</c> pairs; a missing required one is a usage error naming it.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Options(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }

            _values[args[i][2..]] = args[++i];
        }
    }

    public string Required(string name) => _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public string Get(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public double Number(string name, double fallback, double min, double max) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value
        : throw new ArgumentException($"--{name} must be a number from {min} to {max} (was '{text}')");

    public double[] Numbers(string name, string fallback, double min, double max) =>
        [.. Get(name, fallback).Split(',').Select(part =>
            double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value
            : throw new ArgumentException($"--{name} must be comma-separated numbers from {min} to {max} (was '{part}')"))];

    public Uri Url(string name) => Uri.TryCreate(Required(name), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
        ? url
        : throw new ArgumentException($"--{name} must be an absolute http(s) URL (was '{_values[name]}')");
}
