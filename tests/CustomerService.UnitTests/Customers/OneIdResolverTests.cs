using CustomerService.Abstractions.Customers;
using CustomerService.Core.Customers;

namespace CustomerService.UnitTests.Customers;

/// <summary>The per-turn cost of OneID: after the first turn an account's OneID comes from memory until a merge.</summary>
public sealed class OneIdResolverTests : IDisposable
{
    private static readonly VerifiedIdentity Phone = new(Phone: "+8613800138000");
    private readonly CountingCustomerDirectory _directory = new();
    private readonly OneIdResolver _resolver;

    public OneIdResolverTests() => _resolver = new OneIdResolver(_directory);

    public void Dispose() => _resolver.Dispose();

    [Fact]
    public async Task Later_turns_of_an_account_do_not_ask_the_directory()
    {
        var first = await _resolver.ResolveAsync("webchat", "a", null, CancellationToken.None);
        var second = await _resolver.ResolveAsync("webchat", "a", null, CancellationToken.None);

        Assert.Equal(("one-a", "one-a"), (first, second));
        Assert.Equal(1, _directory.Resolutions);
        Assert.Equal("one-a", await _resolver.ResolveAsync("wecom", "a", null, CancellationToken.None)); // another channel's account is its own key
        Assert.Equal(2, _directory.Resolutions);
    }

    [Fact]
    public async Task A_verified_identity_not_seen_with_the_account_goes_to_the_directory_once()
    {
        await _resolver.ResolveAsync("webchat", "a", null, CancellationToken.None);

        await _resolver.ResolveAsync("webchat", "a", Phone, CancellationToken.None);
        await _resolver.ResolveAsync("webchat", "a", Phone, CancellationToken.None);
        await _resolver.ResolveAsync("webchat", "a", new VerifiedIdentity(Phone: "+8613800138000"), CancellationToken.None); // equal by value

        Assert.Equal(2, _directory.Resolutions);
    }

    [Fact]
    public async Task A_merge_drops_every_held_OneId()
    {
        await _resolver.ResolveAsync("webchat", "a", null, CancellationToken.None);
        _directory.Next = ("one-b", ["one-a"]); // b's phone proved a and b one customer; b is older

        var b = await _resolver.ResolveAsync("webchat", "b", Phone, CancellationToken.None);
        _directory.Next = ("one-b", []);
        var a = await _resolver.ResolveAsync("webchat", "a", null, CancellationToken.None);

        Assert.Equal(("one-b", "one-b"), (a, b));
        Assert.Equal(3, _directory.Resolutions);
    }

    [Fact]
    public async Task A_merge_reported_by_event_drops_every_held_OneId()
    {
        await _resolver.ResolveAsync("webchat", "a", null, CancellationToken.None);

        _resolver.Forget();
        await _resolver.ResolveAsync("webchat", "a", null, CancellationToken.None);

        Assert.Equal(2, _directory.Resolutions);
    }
}
