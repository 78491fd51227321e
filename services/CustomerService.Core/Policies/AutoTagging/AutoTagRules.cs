using CustomerService.Abstractions.Customers;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Policies.AutoTagging;

/// <summary>A tag a rule gives and the source it is recorded with (<c>rule:…</c>, <c>channel:…</c>, <c>event:…</c>).</summary>
public readonly record struct RuleTag(string Tag, string Source);

/// <summary>
/// The auto-tag rules, compiled for matching once per settings instance (a reload brings a new one): keyword rules as
/// folded lists, channel-code and behaviour rules indexed by code and event type so a lookup does not scan every rule.
/// </summary>
public sealed class AutoTagRules(IOptionsMonitor<AutoTaggingOptions> options)
{
    private Compiled? _compiled;

    internal sealed record KeywordRule(string Source, string Tag, string[] Keywords);

    private sealed record MatchRule(KeyValuePair<string, string>[] Match, RuleTag[] Tags);

    private sealed record Compiled(
        AutoTaggingOptions Settings,
        KeywordRule[] Keywords,
        Dictionary<string, MatchRule[]> ByChannelCode,
        Dictionary<string, MatchRule[]> ByEventType);

    internal IReadOnlyList<KeywordRule> KeywordRules => Current.Keywords;

    /// <summary>The tags of the <c>channel_source</c> rules naming this code whose <c>match</c> the code's params satisfy.</summary>
    public IReadOnlyList<RuleTag> ForArrival(ChannelSource source) =>
        Current.ByChannelCode.TryGetValue(source.Code, out var rules) ? Matching(rules, source.Params) : [];

    /// <summary>The tags of the <c>behavior_event</c> rules for this event type whose <c>match</c> the properties satisfy.</summary>
    public IReadOnlyList<RuleTag> ForEvent(string type, IReadOnlyDictionary<string, string> properties) =>
        Current.ByEventType.TryGetValue(type, out var rules) ? Matching(rules, properties) : [];

    private static RuleTag[] Matching(MatchRule[] rules, IReadOnlyDictionary<string, string> values) =>
    [
        .. rules
            .Where(r => r.Match.All(m => values.TryGetValue(m.Key, out var value) && string.Equals(value.Trim(), m.Value, StringComparison.Ordinal)))
            .SelectMany(r => r.Tags)
            .Distinct(),
    ];

    private Compiled Current
    {
        get
        {
            var settings = options.CurrentValue;
            if (_compiled is not { } compiled || !ReferenceEquals(compiled.Settings, settings))
            {
                compiled = Compile(settings);
                _compiled = compiled;
            }

            return compiled;
        }
    }

    private static Compiled Compile(AutoTaggingOptions settings)
    {
        var rules = settings.Rules.Where(r => r.Action == AutoTagRule.AddTag).ToList();
        KeywordRule[] keywords =
        [
            .. rules.Where(r => r.TriggerType == AutoTagRule.MessageKeyword)
                .Select(r => new KeywordRule($"rule:{r.RuleName}", r.TagName.Trim(),
                    [.. r.Keywords.Select(k => FoldedText.Fold(k.Trim())).Where(k => k.Length > 0)])),
        ];
        var byCode = rules.Where(r => r.TriggerType == AutoTagRule.ChannelSource)
            .GroupBy(r => r.ChannelCode.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => Rule(r, r.Params.AutoTag, $"channel:{g.Key}")).ToArray(), StringComparer.Ordinal);
        var byType = rules.Where(r => r.TriggerType == AutoTagRule.BehaviorEvent)
            .GroupBy(r => r.EventType.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => Rule(r, [r.TagName], $"event:{g.Key}")).ToArray(), StringComparer.Ordinal);
        return new Compiled(settings, keywords, byCode, byType);
    }

    private static MatchRule Rule(AutoTagRule rule, IEnumerable<string> tags, string source) =>
        new([.. rule.Match.Select(m => KeyValuePair.Create(m.Key, m.Value.Trim()))],
            [.. tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().Select(t => new RuleTag(t, source))]);
}
