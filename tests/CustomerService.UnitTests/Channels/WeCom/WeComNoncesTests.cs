using CustomerService.Channels.WeCom;
using CustomerService.Conformance;

namespace CustomerService.UnitTests.Channels.WeCom;

public sealed class WeComNoncesTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_nonce_is_used_for_the_window_and_then_forgotten()
    {
        var nonces = new WeComNonces(_time);
        nonces.Remember("47744683");

        Assert.True(nonces.WasUsed("47744683"));
        Assert.False(nonces.WasUsed("47744684"));
        _time.Advance(WeComCallbacks.Window - TimeSpan.FromSeconds(1));
        Assert.True(nonces.WasUsed("47744683"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(nonces.WasUsed("47744683"));
    }

    [Fact]
    public void Expired_nonces_are_dropped_and_the_cache_never_exceeds_its_capacity()
    {
        var nonces = new WeComNonces(_time, capacity: 3);
        foreach (var nonce in new[] { "a", "b", "c", "d" })
        {
            nonces.Remember(nonce);
        }

        Assert.Equal(3, nonces.Count);
        Assert.False(nonces.WasUsed("a")); // the oldest made room
        Assert.True(nonces.WasUsed("d"));

        _time.Advance(WeComCallbacks.Window);
        nonces.Remember("e");
        Assert.Equal(1, nonces.Count);
    }

    [Fact]
    public void A_nonce_remembered_again_keeps_its_later_expiry()
    {
        var nonces = new WeComNonces(_time);
        nonces.Remember("n");
        _time.Advance(TimeSpan.FromMinutes(3));
        nonces.Remember("n");
        _time.Advance(TimeSpan.FromMinutes(3));
        nonces.Remember("other"); // drops the first entry's queue record, which must not forget the newer one

        Assert.True(nonces.WasUsed("n"));
    }
}
