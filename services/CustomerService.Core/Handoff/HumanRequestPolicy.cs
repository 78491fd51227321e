using System.Text;
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
        var text = Squash(turn.Text);
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
            prepared = new Prepared(settings, [.. settings.RequestPhrases.Select(Squash)], [.. settings.RequestMessages.Select(Squash)]);
            _prepared = prepared;
        }

        return prepared;
    }

    // Folded width and case, without spaces or punctuation: "转 人工！" and "Talk to a HUMAN." meet their phrases.
    private static string Squash(string text) =>
        string.Concat(text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Where(char.IsLetterOrDigit));
}
