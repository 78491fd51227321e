using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.UnitTests.Policies;

internal static class PolicyTurns
{
    public static ConversationTurn Turn(string text, string channel = "webchat", string customerId = "cust-1") => new(
        new Conversation($"conv-{channel}-{customerId}", channel, customerId, ConversationStatus.Open, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
        new InboundMessage(channel, customerId, text));

    /// <summary>The policies' options as the host binds and validates them, from the given settings.</summary>
    public static T Options<T>(Dictionary<string, string?> settings) where T : class
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddPolicies();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<T>>().Value;
    }
}
