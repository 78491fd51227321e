using CustomerService.Evals.Cli;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CustomerService.Evals.Suites;

/// <summary>Reads a suite file into an <see cref="EvalSuite"/>, or fails naming the file, line and field.</summary>
internal static class SuiteParser
{
    private const string DefaultChannel = "webchat";

    public static EvalSuite ParseFile(string file)
    {
        if (!File.Exists(file))
        {
            throw new EvalInputException($"{file}: the suite file does not exist.");
        }

        return Parse(File.ReadAllText(file), file);
    }

    public static EvalSuite Parse(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SuiteFormatException(file, e.Start.Line, null, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            throw new SuiteFormatException(file, 1, null, "the file is empty");
        }

        var yaml = new YamlReader(file);
        var root = yaml.Mapping(stream.Documents[0].RootNode, "",
            "name", "description", "knowledge", "settings", "channel", "sensitive_words", "tolerance", "cases");
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var channel = yaml.OptionalString(root, "", "channel") ?? DefaultChannel;
        var casesNode = YamlReader.Child(root, "cases") ?? throw yaml.Error(root, "cases", "is required");
        var cases = yaml.Sequence(casesNode, "cases").Children.Select((node, i) => ParseCase(yaml, node, $"cases[{i}]", channel)).ToList();
        if (cases.Count == 0)
        {
            throw yaml.Error(casesNode, "cases", "must hold at least one case");
        }

        foreach (var duplicate in cases.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            throw new SuiteFormatException(file, duplicate.Last().Line, "id", $"'{duplicate.Key}' is used by more than one case");
        }

        return new EvalSuite(
            yaml.RequiredString(root, "", "name"),
            file,
            yaml.OptionalString(root, "", "description"),
            Knowledge(yaml, root, directory),
            Settings(yaml, root),
            channel,
            YamlReader.Child(root, "sensitive_words") is { } words ? yaml.Strings(words, "sensitive_words") : [],
            Tolerance(yaml, root),
            cases);
    }

    private static EvalCase ParseCase(YamlReader yaml, YamlNode node, string path, string channel)
    {
        var mapping = yaml.Mapping(node, path, "id", "description", "pending", "customer", "turns");
        var turnsNode = YamlReader.Child(mapping, "turns") ?? throw yaml.Error(mapping, $"{path}.turns", "is required");
        var turns = yaml.Sequence(turnsNode, $"{path}.turns").Children.Select((t, i) => ParseTurn(yaml, t, $"{path}.turns[{i}]", channel)).ToList();
        if (turns.Count == 0)
        {
            throw yaml.Error(turnsNode, $"{path}.turns", "must hold at least one turn");
        }

        return new EvalCase(
            yaml.RequiredString(mapping, path, "id"),
            yaml.OptionalString(mapping, path, "description"),
            yaml.OptionalString(mapping, path, "pending"),
            YamlReader.Child(mapping, "customer") is { } customer ? Customer(yaml, customer, $"{path}.customer") : CustomerProfile.Anonymous,
            turns,
            (int)node.Start.Line);
    }

    private static EvalTurn ParseTurn(YamlReader yaml, YamlNode node, string path, string channel)
    {
        var mapping = yaml.Mapping(node, path, "text", "channel", "source", "expect");
        var expectations = YamlReader.Child(mapping, "expect") is { } expect ? ExpectationParser.Parse(yaml, expect, $"{path}.expect") : [];
        var source = YamlReader.Child(mapping, "source") is { } s ? Source(yaml, s, $"{path}.source") : null;
        return new EvalTurn(yaml.RequiredString(mapping, path, "text"), yaml.OptionalString(mapping, path, "channel") ?? channel, expectations,
            (int)node.Start.Line, source);
    }

    private static EvalSource Source(YamlReader yaml, YamlNode node, string path)
    {
        var mapping = yaml.Mapping(node, path, "code", "params");
        var parameters = YamlReader.Child(mapping, "params") is { } p
            ? yaml.Mapping(p, $"{path}.params", [.. ((YamlMappingNode)p).Children.Keys.Select(k => yaml.Scalar(k, $"{path}.params"))])
                .Children.ToDictionary(kv => yaml.Scalar(kv.Key, $"{path}.params"), kv => yaml.Scalar(kv.Value, $"{path}.params"))
            : new Dictionary<string, string>();
        return new EvalSource(yaml.RequiredString(mapping, path, "code"), parameters);
    }

    private static CustomerProfile Customer(YamlReader yaml, YamlNode node, string path)
    {
        var mapping = yaml.Mapping(node, path, "id", "tags", "profile");
        var profile = YamlReader.Child(mapping, "profile") is { } p
            ? yaml.Mapping(p, $"{path}.profile", [.. ((YamlMappingNode)p).Children.Keys.Select(k => yaml.Scalar(k, $"{path}.profile"))])
                .Children.ToDictionary(kv => yaml.Scalar(kv.Key, $"{path}.profile"), kv => yaml.Scalar(kv.Value, $"{path}.profile"))
            : new Dictionary<string, string>();
        return new CustomerProfile(yaml.OptionalString(mapping, path, "id"),
            YamlReader.Child(mapping, "tags") is { } tags ? yaml.Strings(tags, $"{path}.tags") : [], profile);
    }

    private static List<string> Knowledge(YamlReader yaml, YamlMappingNode root, string directory)
    {
        if (YamlReader.Child(root, "knowledge") is not { } node) return [];
        var sequence = node is YamlSequenceNode s ? s.Children : [node];
        return sequence.Select((item, i) =>
        {
            var path = Path.GetFullPath(Path.Combine(directory, yaml.Scalar(item, $"knowledge[{i}]")));
            return File.Exists(path) ? path : throw yaml.Error(item, $"knowledge[{i}]", $"the file '{path}' does not exist");
        }).ToList();
    }

    private static Dictionary<string, string?> Settings(YamlReader yaml, YamlMappingNode root)
    {
        if (YamlReader.Child(root, "settings") is not { } node) return [];
        if (node is not YamlMappingNode mapping) throw yaml.Error(node, "settings", "must be a mapping of configuration keys to values");
        return mapping.Children.ToDictionary(kv => yaml.Scalar(kv.Key, "settings"), kv => (string?)yaml.Scalar(kv.Value, $"settings.{kv.Key}"));
    }

    private static SuiteTolerance Tolerance(YamlReader yaml, YamlMappingNode root)
    {
        if (YamlReader.Child(root, "tolerance") is not { } node) return new SuiteTolerance();
        var mapping = yaml.Mapping(node, "tolerance", "pass_rate_drop", "latency_p99_increase_ms");
        return new SuiteTolerance(
            YamlReader.Child(mapping, "pass_rate_drop") is { } drop ? yaml.Number(drop, "tolerance.pass_rate_drop", 0, 1) : 0,
            YamlReader.Child(mapping, "latency_p99_increase_ms") is { } latency ? yaml.Number(latency, "tolerance.latency_p99_increase_ms", 0, 1e6) : null);
    }
}
