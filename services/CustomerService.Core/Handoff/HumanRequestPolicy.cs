using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Handoff;

/// <summary>"转人工", "talk to a human" …: a customer who asks for a person gets one, whatever the bot could answer.</summary>
internal sealed class HumanRequestPolicy(IOptionsMonitor<HandoffOptions> options) : IConversationPolicy
{
    // The settings' texts, normalised once per settings instance rather than on every message.
    private Prepared? _prepared;

    private sealed record Prepared(HandoffOptions Settings, string[] Phrases, HashSet<string> Messages);

    public ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var prepared = PrepareFor(settings);
        var text = WholeMessage.Squash(turn.Text);
        var asked = prepared.Messages.Contains(text) || prepared.Phrases.Any(p => text.Contains(p, StringComparison.Ordinal));
        if (!asked)
        {
            return ValueTask.FromResult<AgentReply?>(null);
        }

        var reply = ReplyLanguage.Pick(settings.RequestedMessages, turn.Text);
        return ValueTask.FromResult<AgentReply?>(new AgentReply(reply, 1.0, MatchedIntent: null, Handoff: true, "customer_request"));
    }

    private Prepared PrepareFor(HandoffOptions settings)
    {
        if (_prepared is not { } prepared || !ReferenceEquals(prepared.Settings, settings))
        {
            prepared = new Prepared(settings, [.. settings.RequestPhrases.Select(WholeMessage.Squash)], [.. settings.RequestMessages.Select(WholeMessage.Squash)]);
            _prepared = prepared;
        }

        return prepared;
    }
}
