using CustomerService.Abstractions.State;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Policies.Welcome;

/// <summary>
/// Puts a welcome before the reply to a customer's message, at most once per <see cref="WelcomeOptions.Interval"/>
/// per channel; never answers the turn by itself.
/// </summary>
internal sealed class WelcomePolicy(IOptionsMonitor<WelcomeOptions> options, IStateStore state, TimeProvider time) : IConversationPolicy
{
    public async ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.Channels.Count > 0 && !settings.Channels.Contains(turn.Conversation.Channel, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var key = Key(turn.Conversation.Channel, turn.Conversation.CustomerId);
        var last = await state.GetAsync<WelcomeSent>(key, cancellationToken);
        if (last is not null && now - last.Value.At < settings.Interval)
        {
            return null;
        }

        try
        {
            // The ETag read above (none: create) makes the claim exclusive: of two turns racing on two
            // instances, one saves and welcomes, the other conflicts and stays quiet.
            await state.SaveAsync(key, new WelcomeSent(now), last?.ETag, cancellationToken);
        }
        catch (StateConflictException)
        {
            return null;
        }

        turn.Prefaces.Add(ReplyLanguage.Pick(settings.Messages, turn.Message.Text));
        return null;
    }

    internal static string Key(string channel, string customerId) => $"welcome/{channel}/{customerId}";
}

/// <summary>When the customer was last welcomed on a channel.</summary>
internal sealed record WelcomeSent(DateTimeOffset At);
