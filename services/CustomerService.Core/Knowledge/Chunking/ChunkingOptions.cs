using Microsoft.Extensions.Options;

namespace CustomerService.Core.Knowledge.Chunking;

/// <summary>How documents are cut into passages for retrieval.</summary>
public sealed class ChunkingOptions
{
    public const string SectionName = "Knowledge:Chunking";

    /// <summary>Longest passage in characters (UTF-16 code units); a passage ends at a paragraph or sentence end before it.</summary>
    public int MaxChars { get; set; } = 600;

    /// <summary>About how much of a passage's end the next passage of the same section repeats, so an answer cut in two is found whole.</summary>
    public int OverlapChars { get; set; } = 80;
}

internal sealed class ChunkingOptionsValidator : IValidateOptions<ChunkingOptions>
{
    public const int MinMaxChars = 100;
    public const int MaxMaxChars = 10_000;

    public ValidateOptionsResult Validate(string? name, ChunkingOptions options)
    {
        List<string> errors = [];
        if (options.MaxChars is < MinMaxChars or > MaxMaxChars)
        {
            errors.Add($"{ChunkingOptions.SectionName}:MaxChars must be between {MinMaxChars} and {MaxMaxChars} (was {options.MaxChars}).");
        }

        if (options.OverlapChars < 0 || options.OverlapChars > options.MaxChars / 2)
        {
            errors.Add($"{ChunkingOptions.SectionName}:OverlapChars must be between 0 and half of MaxChars (was {options.OverlapChars}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
