using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Policies.AutoTagging;

/// <summary>
/// Tags the customer when a message contains a rule's keyword (退货 → 售后咨询); never answers the turn.
/// Only <c>message_keyword</c> rules act here: channel-source tags belong where a channel code is resolved.
/// </summary>
internal sealed class AutoTagPolicy(IOptionsMonitor<AutoTaggingOptions> options, ICustomerTags tags, IEventBus bus, TimeProvider time)
    : IConversationPolicy
{
    // The rules' keywords, folded once per settings instance rather than on every message.
    private Prepared? _prepared;

    private sealed record KeywordRule(string Source, string Tag, string[] Keywords);

    private sealed record Prepared(AutoTaggingOptions Settings, KeywordRule[] Rules);

    public async ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        // The text as earlier policies left it: a masked word does not tag anyone.
        var text = FoldedText.Fold(turn.Text);
        // Identity from the turn (its OneID, as the pipeline resolved it), never from the message text.
        var customerId = turn.CustomerId;
        foreach (var rule in PrepareFor(options.CurrentValue).Rules)
        {
            if (!rule.Keywords.Any(k => text.Contains(k, StringComparison.Ordinal)))
            {
                continue;
            }

            // Added only when the customer did not have the tag, so the event fires once per customer and tag.
            if (await tags.AddAsync(customerId, rule.Tag, rule.Source, cancellationToken))
            {
                await bus.PublishAsync(new TagAdded(customerId, rule.Tag, rule.Source) { OccurredAt = time.GetUtcNow() }, cancellationToken);
            }
        }

        return null;
    }

    private Prepared PrepareFor(AutoTaggingOptions settings)
    {
        if (_prepared is not { } prepared || !ReferenceEquals(prepared.Settings, settings))
        {
            prepared = new Prepared(settings,
            [
                .. settings.Rules
                    .Where(r => r.TriggerType == AutoTagRule.MessageKeyword && r.Action == AutoTagRule.AddTag)
                    .Select(r => new KeywordRule($"rule:{r.RuleName}", r.TagName.Trim(),
                        [.. r.Keywords.Select(k => FoldedText.Fold(k.Trim())).Where(k => k.Length > 0)])),
            ]);
            _prepared = prepared;
        }

        return prepared;
    }
}
