using CustomerService.Abstractions.State;
using CustomerService.Conformance;
using CustomerService.Core.Policies.Welcome;
using CustomerService.UnitTests.Conversations;
using CustomerService.UnitTests.Embedded;
using static CustomerService.UnitTests.Policies.PolicyTurns;

namespace CustomerService.UnitTests.Policies;

public sealed class WelcomePolicyTests : IAsyncLifetime
{
    private static readonly WelcomeOptions Settings = new();
    private IPortHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EmbeddedHarness.StartAsync(_ => { });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private WelcomePolicy Policy(IStateStore? state = null) =>
        new(new StaticOptionsMonitor<WelcomeOptions>(Settings), state ?? _harness.Get<IStateStore>(), _harness.Time);

    private async Task<bool> WelcomedAsync(string text, string channel = "webchat", WelcomePolicy? policy = null)
    {
        var turn = Turn(text, channel);
        Assert.Null(await (policy ?? Policy()).EvaluateAsync(turn, CancellationToken.None));
        return turn.Prefaces.Count == 1;
    }

    [Fact]
    public async Task A_customer_is_welcomed_once_per_48_hours_per_channel()
    {
        Assert.True(await WelcomedAsync("你好"));
        Assert.False(await WelcomedAsync("在吗"));

        await _harness.AdvanceAsync(TimeSpan.FromHours(47));
        Assert.False(await WelcomedAsync("还在吗"));
        Assert.True(await WelcomedAsync("你好", channel: "wecom")); // another channel has its own welcome

        await _harness.AdvanceAsync(TimeSpan.FromHours(2)); // 49 h after the first welcome
        Assert.True(await WelcomedAsync("我又来了"));
        Assert.False(await WelcomedAsync("你好", channel: "wecom"));
    }

    [Theory]
    [InlineData("你好，在吗", "zh")]
    [InlineData("Hi there", "en")]
    public async Task The_welcome_is_in_the_customers_script(string text, string language)
    {
        var turn = Turn(text);

        await Policy().EvaluateAsync(turn, CancellationToken.None);

        Assert.Equal([Settings.Messages[language]], turn.Prefaces);
    }

    [Fact]
    public async Task The_time_is_remembered_under_the_channel_and_customer()
    {
        await WelcomedAsync("你好");

        var stored = await _harness.Get<IStateStore>().GetAsync<WelcomeSent>("welcome/webchat/cust-1");
        Assert.Equal(_harness.Time.GetUtcNow(), stored!.Value.At);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // a welcome sent 49 h ago: both racers hold its ETag
    public async Task Two_turns_racing_welcome_once(bool welcomedBefore)
    {
        if (welcomedBefore)
        {
            await WelcomedAsync("你好");
            await _harness.AdvanceAsync(TimeSpan.FromHours(49));
        }

        // Both turns read before either writes, as on two instances at the same moment.
        var state = new BothReadFirst(_harness.Get<IStateStore>());
        var policy = Policy(state);
        var results = await Task.WhenAll(WelcomedAsync("你好", policy: policy), WelcomedAsync("你好", policy: policy));

        Assert.Equal(1, results.Count(welcomed => welcomed));
    }

    /// <summary>Holds every read until two have happened, so that two turns see the same state.</summary>
    private sealed class BothReadFirst(IStateStore inner) : IStateStore
    {
        private readonly TaskCompletionSource _bothRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public async Task<StateEntry<T>?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
        {
            var entry = await inner.GetAsync<T>(key, cancellationToken);
            if (Interlocked.Increment(ref _reads) == 2)
            {
                _bothRead.SetResult();
            }

            await _bothRead.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return entry;
        }

        public Task<string> SaveAsync<T>(string key, T value, string? etag, CancellationToken cancellationToken = default) =>
            inner.SaveAsync(key, value, etag, cancellationToken);

        public Task<bool> DeleteAsync(string key, string? etag, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(key, etag, cancellationToken);
    }
}
