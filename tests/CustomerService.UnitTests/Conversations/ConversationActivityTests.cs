using CustomerService.Core.Conversations;

namespace CustomerService.UnitTests.Conversations;

public sealed class ConversationActivityTests
{
    private readonly ConversationActivity _activity = new();

    [Fact]
    public void A_turn_wakes_its_watchers_with_typing_and_again_when_it_ends()
    {
        using var watch = _activity.Watch("conv-1");
        var (typing, changed) = _activity.Observe("conv-1");
        Assert.False(typing);
        Assert.False(changed.IsCompleted);

        var turn = _activity.BeginTurn("conv-1");
        Assert.True(changed.IsCompleted);
        (typing, changed) = _activity.Observe("conv-1");
        Assert.True(typing);
        Assert.False(changed.IsCompleted);

        turn.Dispose();
        turn.Dispose(); // ending twice (early, then by its using block) counts once
        Assert.True(changed.IsCompleted);
        Assert.False(_activity.Observe("conv-1").Typing);
    }

    [Fact]
    public void Another_conversations_change_does_not_wake_a_watcher()
    {
        using var watch = _activity.Watch("conv-1");
        var changed = _activity.Observe("conv-1").Changed;

        using (_activity.BeginTurn("conv-2"))
        {
            _activity.Changed("conv-2");
        }

        Assert.False(changed.IsCompleted);
        _activity.Changed("conv-1");
        Assert.True(changed.IsCompleted);
    }

    [Fact]
    public void Nothing_is_kept_for_a_conversation_nobody_watches_or_works_on()
    {
        var watch = _activity.Watch("conv-1");
        var turn = _activity.BeginTurn("conv-1");
        _activity.Changed("conv-3"); // unwatched: no entry is made
        Assert.Equal(1, _activity.LiveEntries);

        watch.Dispose();
        Assert.Equal(1, _activity.LiveEntries); // the turn still runs
        turn.Dispose();
        Assert.Equal(0, _activity.LiveEntries);
        Assert.True(_activity.Observe("conv-1").Changed.IsCompleted); // unwatched: nothing to wait for
    }
}
