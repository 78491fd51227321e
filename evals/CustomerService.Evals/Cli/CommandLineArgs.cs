namespace CustomerService.Evals.Cli;

/// <summary>A command's positional arguments and <c>--name value</c> options, checked against what it accepts.</summary>
internal sealed class CommandLineArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public CommandLineArgs(IEnumerable<string> args, params string[] allowedOptions)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                Positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            if (!allowedOptions.Contains(name, StringComparer.Ordinal))
            {
                throw new EvalInputException($"unknown option {arg} (accepted: {string.Join(", ", allowedOptions.Select(o => "--" + o))})");
            }

            _options[name] = e.MoveNext() && !e.Current.StartsWith("--", StringComparison.Ordinal)
                ? e.Current
                : throw new EvalInputException($"{arg} needs a value");
        }
    }

    public List<string> Positional { get; } = [];

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public string Required(string name) => Option(name) ?? throw new EvalInputException($"--{name} is required");
}
