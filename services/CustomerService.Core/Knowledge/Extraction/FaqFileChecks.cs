using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Import;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>
/// The whole-file rules of the FAQ import (no repeated id, at least one entry) for files read with the import's
/// readers, with the import's wording, so a file gets the same verdict whichever endpoint it was sent to.
/// </summary>
internal static class FaqFileChecks
{
    private const int MaxErrors = 50;

    public static void ThrowIfInvalid(string fileName, IReadOnlyList<(int Line, FaqEntry Entry)> entries, List<FaqFileError> errors)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, entry) in entries)
        {
            if (!seen.TryAdd(entry.Id, line))
            {
                errors.Add(new FaqFileError(line, "id", $"'{entry.Id}' is also on line {seen[entry.Id]}"));
            }
        }

        if (errors.Count == 0 && entries.Count == 0)
        {
            errors.Add(new FaqFileError(0, null, "the file holds no FAQ entries"));
        }

        if (errors.Count > 0)
        {
            throw new DocumentFormatException($"'{fileName}', {new FaqFileException(errors.Take(MaxErrors).ToList()).Message}");
        }
    }

    /// <summary>The first question is the entry's question; the others are its similar questions.</summary>
    public static ExtractedFaq ToFaq(FaqEntry entry, string? category) =>
        new(entry.Id, entry.Questions[0], [.. entry.Questions.Skip(1)], entry.Answer, string.IsNullOrWhiteSpace(category) ? null : category.Trim());
}
