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
        nonces.Remember("47744683", "sig");

        Assert.True(nonces.IsReplay("47744683", "other-sig"));
        Assert.False(nonces.IsReplay("47744684", "other-sig"));
        _time.Advance(WeComCallbacks.Window - TimeSpan.FromSeconds(1));
        Assert.True(nonces.IsReplay("47744683", "other-sig"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(nonces.IsReplay("47744683", "other-sig"));
    }

    [Fact]
    public void The_same_request_again_is_no_replay_but_the_nonce_with_other_content_is()
    {
        var nonces = new WeComNonces(_time);
        nonces.Remember("47744683", "477715d11cdb4164915debcba66cb864d751f3e6");

        Assert.False(nonces.IsReplay("47744683", "477715D11CDB4164915DEBCBA66CB864D751F3E6")); // WeCom retrying a late ack
        Assert.True(nonces.IsReplay("47744683", "0000000000000000000000000000000000000000"));
    }

    [Fact]
    public void Expired_nonces_are_dropped_and_the_cache_never_exceeds_its_capacity()
    {
        var nonces = new WeComNonces(_time, capacity: 3);
        foreach (var nonce in new[] { "a", "b", "c", "d" })
        {
            nonces.Remember(nonce, "sig");
        }

        Assert.Equal(3, nonces.Count);
        Assert.False(nonces.IsReplay("a", "other-sig")); // the oldest made room
        Assert.True(nonces.IsReplay("d", "other-sig"));

        _time.Advance(WeComCallbacks.Window);
        nonces.Remember("e", "sig");
        Assert.Equal(1, nonces.Count);
    }

    [Fact]
    public void A_nonce_remembered_again_keeps_its_later_expiry()
    {
        var nonces = new WeComNonces(_time);
        nonces.Remember("n", "sig");
        _time.Advance(TimeSpan.FromMinutes(3));
        nonces.Remember("n", "sig");
        _time.Advance(TimeSpan.FromMinutes(3));
        nonces.Remember("other", "sig"); // drops the first entry's queue record, which must not forget the newer one

        Assert.True(nonces.IsReplay("n", "other-sig"));
    }
}
