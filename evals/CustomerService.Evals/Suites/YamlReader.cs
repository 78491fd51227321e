using System.Globalization;
using CustomerService.Evals.Cli;
using YamlDotNet.RepresentationModel;

namespace CustomerService.Evals.Suites;

/// <summary>Typed reads from YAML nodes whose every error names the file, the line and the field's path.</summary>
internal sealed class YamlReader(string file)
{
    public SuiteFormatException Error(YamlNode node, string path, string problem) => new(file, node.Start.Line, path, problem);

    public YamlMappingNode Mapping(YamlNode node, string path, params string[] allowed) => Mapping(node, path, "field", allowed);

    /// <param name="what">What a key names, for the error: a field, an expectation …</param>
    public YamlMappingNode Mapping(YamlNode node, string path, string what, string[] allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, path, "must be a mapping (key: value lines)");
        }

        foreach (var key in mapping.Children.Keys)
        {
            var name = Scalar(key, path);
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key, Join(path, name), $"is not a known {what} (known: {string.Join(", ", allowed)})");
            }
        }

        return mapping;
    }

    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string RequiredString(YamlMappingNode mapping, string path, string key) =>
        Child(mapping, key) is { } node
            ? OptionalString(node, Join(path, key)) ?? throw Error(node, Join(path, key), "must not be empty")
            : throw Error(mapping, Join(path, key), "is required");

    public string? OptionalString(YamlMappingNode mapping, string path, string key) =>
        Child(mapping, key) is { } node ? OptionalString(node, Join(path, key)) : null;

    /// <summary>A scalar; null for YAML's null (<c>null</c>, <c>~</c> or nothing).</summary>
    public string? OptionalString(YamlNode node, string path)
    {
        var value = Scalar(node, path);
        return node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } && value is "" or "null" or "~" ? null : value;
    }

    public string Scalar(YamlNode node, string path) =>
        node is YamlScalarNode scalar ? scalar.Value ?? "" : throw Error(node, path, "must be a single value");

    public bool Boolean(YamlNode node, string path) => Scalar(node, path) switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        var other => throw Error(node, path, $"must be true or false (was '{other}')"),
    };

    public double Number(YamlNode node, string path, double min, double max)
    {
        var text = Scalar(node, path);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(node, path, $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (was '{text}')");
    }

    /// <summary>A single string or a list of strings, as a list.</summary>
    public IReadOnlyList<string> Strings(YamlNode node, string path)
    {
        var items = node is YamlSequenceNode sequence
            ? sequence.Children.Select((item, i) => Scalar(item, $"{path}[{i}]")).ToList()
            : [Scalar(node, path)];
        return items.Any(string.IsNullOrEmpty) ? throw Error(node, path, "must not hold empty strings") : items;
    }

    public YamlSequenceNode Sequence(YamlNode node, string path) =>
        node as YamlSequenceNode ?? throw Error(node, path, "must be a list (lines starting with '- ')");

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
