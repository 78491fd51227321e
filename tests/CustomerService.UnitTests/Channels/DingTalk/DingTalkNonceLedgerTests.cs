using CustomerService.Channels.DingTalk;
using CustomerService.Conformance;

namespace CustomerService.UnitTests.Channels.DingTalk;

public sealed class DingTalkNonceLedgerTests
{
    [Fact]
    public void A_nonce_is_accepted_once_per_app_while_its_timestamp_could_still_be_fresh()
    {
        var time = new FakeTimeProvider();
        var ledger = new DingTalkNonceLedger(time);

        Assert.True(ledger.TryRecord("support", "WL4PK6yA"));
        Assert.False(ledger.TryRecord("support", "WL4PK6yA"));
        Assert.True(ledger.TryRecord("sales", "WL4PK6yA"));

        time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMilliseconds(1));
        Assert.False(ledger.TryRecord("support", "WL4PK6yA")); // a timestamp up to an hour ahead is still fresh for two hours

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(ledger.TryRecord("support", "WL4PK6yA"));
    }

    [Fact]
    public void Expired_nonces_are_swept()
    {
        var time = new FakeTimeProvider();
        var ledger = new DingTalkNonceLedger(time);
        for (var i = 0; i < 1000; i++)
        {
            ledger.TryRecord("support", $"n{i}");
        }

        time.Advance(TimeSpan.FromHours(3));
        for (var i = 0; i < 1100; i++)
        {
            ledger.TryRecord("support", $"m{i}");
        }

        Assert.Equal(1100, ledger.Count);
    }
}
