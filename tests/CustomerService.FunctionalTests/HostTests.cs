using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CustomerService.FunctionalTests;

public sealed class HostTests
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_report_healthy(string path)
    {
        await using var app = new CustomerServiceApp();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
    }

    [Fact]
    public async Task The_executable_honours_urls_and_storage_settings_from_any_working_directory()
    {
        var data = CustomerServiceApp.NewDataDirectory();
        var port = FreePort();
        using var host = StartHost($"--urls http://127.0.0.1:{port}", data);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var ready = await PollAsync(client, "/health/ready");

            Assert.Equal(HttpStatusCode.OK, ready);
            using var answer = await client.PostAsync("/api/webchat/messages",
                new StringContent("{\"customerId\":\"c-1\",\"text\":\"怎么退货\"}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Contains("return_how", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data, "customerservice.db")));
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            CustomerServiceApp.DeleteDataDirectory(data);
        }
    }

    [Theory]
    [InlineData("--Agent:AnswerThreshold=1.5", "Agent:AnswerThreshold must be between 0 and 1")]
    [InlineData("--Agent:AnswerThreshold=abc", "Agent:AnswerThreshold")]
    [InlineData("--Agent:Channels:webchat:AnswerThreshold=2", "Agent:Channels:webchat:AnswerThreshold must be between 0 and 1 (was 2)")]
    [InlineData("--Tickets:Rules:0:Urgency=soon", "Tickets:Rules:0:Urgency must be one of low, normal, high, urgent (was 'soon')")]
    [InlineData("--BuildingBlocks:Mode=Cloud", "BuildingBlocks:Mode must be 'Embedded' or 'Distributed'")]
    [InlineData("--Knowledge:SeedFiles:0=missing.jsonl", "Knowledge:SeedFiles:0 'missing.jsonl' does not exist")]
    [InlineData("--EventBus:MaxAttempts=0", "EventBus:MaxAttempts must be between 1 and 100")]
    [InlineData("--WebChat:AllowedOrigins:0=https://shop.example.com/chat", "WebChat:AllowedOrigins:0 must be an origin")]
    [InlineData("--Agent:FallbackMessages:zh= --Handoff:RequestedMessages:en=", "Agent:FallbackMessages:zh must be set. Handoff:RequestedMessages:en must be set.")]
    public async Task A_bad_setting_stops_start_up_with_one_line_naming_the_key(string setting, string expected)
    {
        var data = CustomerServiceApp.NewDataDirectory();
        using var host = StartHost($"--urls http://127.0.0.1:{FreePort()} {setting}", data);
        var stderr = await host.StandardError.ReadToEndAsync();
        await host.WaitForExitAsync();

        Assert.Equal(1, host.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Start-up failed:", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        CustomerServiceApp.DeleteDataDirectory(data);
    }

    internal static Process StartHost(string arguments, string dataDirectory)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "CustomerService.Host.dll")}\" {arguments}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(), // not the app's folder: the shipped settings must still be found
        };
        info.Environment["Storage__DataDirectory"] = dataDirectory;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { }; // drain, so a chatty host never blocks on a full pipe
        process.BeginOutputReadLine();
        return process;
    }

    private static async Task<HttpStatusCode> PollAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(path);
                return response.StatusCode;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
