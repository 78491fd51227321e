using CustomerService.Abstractions.Customers;

namespace CustomerService.UnitTests.Plugins;

public sealed class ConversationContextAccessorTests
{
    private static readonly ConversationContext Outer = new("c-1", "conv-1", "webchat");
    private static readonly ConversationContext Inner = new("c-2", "conv-2", "wecom");

    [Fact]
    public void Begin_sets_the_context_and_disposing_restores_the_previous_one()
    {
        var accessor = new ConversationContextAccessor();
        Assert.Null(accessor.Current);

        using (accessor.Begin(Outer))
        {
            var inner = accessor.Begin(Inner);
            Assert.Equal(Inner, accessor.Current);
            inner.Dispose();
            inner.Dispose(); // twice is harmless
            Assert.Equal(Outer, accessor.Current);
        }

        Assert.Null(accessor.Current);
    }

    [Fact]
    public async Task The_context_flows_into_awaited_work_but_not_into_other_flows()
    {
        var accessor = new ConversationContextAccessor();
        using var started = new SemaphoreSlim(0);
        var other = Task.Run(async () =>
        {
            await started.WaitAsync();
            return accessor.Current;
        });

        using (accessor.Begin(Outer))
        {
            started.Release();
            await Task.Yield();
            Assert.Equal(Outer, await Task.Run(() => accessor.Current));
        }

        Assert.Null(await other);
    }
}
