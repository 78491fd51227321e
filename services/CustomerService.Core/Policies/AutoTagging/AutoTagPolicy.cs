using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;

namespace CustomerService.Core.Policies.AutoTagging;

/// <summary>
/// Tags the customer when a message contains a rule's keyword (退货 → 售后咨询); never answers the turn.
/// Only <c>message_keyword</c> rules act here: channel codes are tagged on arrival (<see cref="Customers.ChannelArrivals"/>),
/// behaviour events where they are reported (<see cref="Customers.Behavior.BehaviorEvents"/>).
/// </summary>
internal sealed class AutoTagPolicy(AutoTagRules rules, AutoTagger tagger) : IConversationPolicy
{
    public async ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        // The text as earlier policies left it: a masked word does not tag anyone.
        var text = FoldedText.Fold(turn.Text);
        List<RuleTag>? found = null;
        foreach (var rule in rules.KeywordRules)
        {
            if (rule.Keywords.Any(k => text.Contains(k, StringComparison.Ordinal)))
            {
                (found ??= []).Add(new RuleTag(rule.Tag, rule.Source));
            }
        }

        // Identity from the turn (its OneID, as the pipeline resolved it), never from the message text.
        if (found is not null)
        {
            await tagger.AddAsync(turn.CustomerId, found, cancellationToken);
        }

        return null;
    }
}
