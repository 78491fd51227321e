using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Agent.Llm;

/// <summary>
/// Reads prompts from, in order: <c>Llm:PromptsDirectory</c> when set (a deployment's own wording), the
/// copies embedded in this assembly (<c>Prompts.&lt;file&gt;</c>), and the repository's <c>prompts</c> folder found
/// above the app (development and tests). Each prompt is read once.
/// </summary>
public sealed class PromptFiles(IOptions<LlmOptions> options) : IPromptProvider
{
    private const string Extension = ".md";
    private const string ResourcePrefix = "Prompts.";
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    public string Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var file = Path.HasExtension(name) ? name : name + Extension;
        if (file.IndexOfAny(['/', '\\']) >= 0 || file.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"A prompt name is a file name in prompts/, not a path (was '{name}').", nameof(name));
        }

        return _cache.GetOrAdd(file, Read);
    }

    private string Read(string file)
    {
        if (options.Value.PromptsDirectory is { Length: > 0 } configured)
        {
            var path = Path.Combine(configured, file);
            return File.Exists(path) ? File.ReadAllText(path) : throw Missing(file, configured);
        }

        using (var embedded = typeof(PromptFiles).Assembly.GetManifestResourceStream(ResourcePrefix + file))
        {
            if (embedded is not null)
            {
                using var reader = new StreamReader(embedded);
                return reader.ReadToEnd();
            }
        }

        var found = FindPromptsFolder();
        return found is not null && File.Exists(Path.Combine(found, file)) ? File.ReadAllText(Path.Combine(found, file))
            : throw Missing(file, found ?? "no prompts folder above " + AppContext.BaseDirectory);
    }

    // The repository's prompts/ folder is the one holding agent-system.md: an unrelated "prompts" folder on the way up is skipped.
    private static string? FindPromptsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "prompts");
            if (File.Exists(Path.Combine(candidate, "agent-system" + Extension)))
            {
                return candidate;
            }
        }

        return null;
    }

    private static InvalidOperationException Missing(string file, string where) =>
        new($"Prompt '{file}' was not found (looked in {where}); prompts are files under prompts/ (see Llm:PromptsDirectory).");
}
