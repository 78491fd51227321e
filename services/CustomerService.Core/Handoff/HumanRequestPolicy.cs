using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Handoff;

/// <summary>"转人工", "talk to a human" …: a customer who asks for a person gets one, whatever the bot could answer.</summary>
internal sealed class HumanRequestPolicy(IOptionsMonitor<HandoffOptions> options) : IConversationPolicy
{
    // The phrases, normalised once per settings instance rather than on every message.
    private (HandoffOptions Settings, string[] Phrases)? _prepared;

    public ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var text = Squash(turn.Text);
        if (!PhrasesOf(settings).Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return ValueTask.FromResult<AgentReply?>(null);
        }

        var reply = ReplyLanguage.Pick(settings.RequestedMessages, turn.Text);
        return ValueTask.FromResult<AgentReply?>(new AgentReply(reply, 1.0, MatchedIntent: null, Handoff: true, "customer_request"));
    }

    private string[] PhrasesOf(HandoffOptions settings)
    {
        if (_prepared is not { } prepared || !ReferenceEquals(prepared.Settings, settings))
        {
            prepared = (settings, [.. settings.RequestPhrases.Select(Squash)]);
            _prepared = prepared;
        }

        return prepared.Phrases;
    }

    private static string Squash(string text) =>
        string.Concat(text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)));
}
