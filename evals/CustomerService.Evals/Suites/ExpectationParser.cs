using YamlDotNet.RepresentationModel;

namespace CustomerService.Evals.Suites;

internal static class ExpectationParser
{
    public static readonly string[] Kinds =
        ["contains", "not_contains", "cites", "intent", "handoff", "tag_added", "ticket_created", "no_sensitive", "latency_under_ms"];

    public static List<Expectation> Parse(YamlReader yaml, YamlNode node, string path)
    {
        var mapping = yaml.Mapping(node, path, "expectation", Kinds);
        return mapping.Children.Select(kv => Parse(yaml, yaml.Scalar(kv.Key, path), kv.Value, $"{path}.{yaml.Scalar(kv.Key, path)}")).ToList();
    }

    private static Expectation Parse(YamlReader yaml, string kind, YamlNode value, string path)
    {
        var line = (int)value.Start.Line;
        return kind switch
        {
            "contains" => new ContainsExpectation(yaml.Strings(value, path), line),
            "not_contains" => new NotContainsExpectation(yaml.Strings(value, path), line),
            "cites" => new CitesExpectation(yaml.OptionalString(value, path) ?? throw yaml.Error(value, path, "must name a FAQ or document id"), line),
            "intent" => new IntentExpectation(yaml.OptionalString(value, path), line),
            "handoff" => new HandoffExpectation(yaml.Boolean(value, path), line),
            "tag_added" => new TagAddedExpectation(yaml.OptionalString(value, path) ?? throw yaml.Error(value, path, "must name a tag"), line),
            "ticket_created" => Ticket(yaml, value, path, line),
            "no_sensitive" => yaml.Boolean(value, path) ? new NoSensitiveExpectation(line) : throw yaml.Error(value, path, "can only be true (leave it out otherwise)"),
            "latency_under_ms" => new LatencyUnderExpectation(yaml.Number(value, path, 1, 600_000), line),
            _ => throw yaml.Error(value, path, $"is not a known expectation (known: {string.Join(", ", Kinds)})"),
        };
    }

    private static TicketCreatedExpectation Ticket(YamlReader yaml, YamlNode value, string path, int line)
    {
        if (value is YamlScalarNode)
        {
            return yaml.Boolean(value, path) ? new TicketCreatedExpectation(null, null, line) : throw yaml.Error(value, path, "can only be true or {category, urgency}");
        }

        var mapping = yaml.Mapping(value, path, "category", "urgency");
        return new TicketCreatedExpectation(yaml.OptionalString(mapping, path, "category"), yaml.OptionalString(mapping, path, "urgency"), line);
    }
}
