using System.Security.Cryptography;
using System.Text;
using CustomerService.Abstractions.Knowledge;

namespace CustomerService.Core.Knowledge.Import;

/// <summary>
/// Reads a whole FAQ file or rejects it with every problem found, each naming its line: an import is
/// all or nothing, so a knowledge manager fixes the file once instead of discovering errors one by one.
/// </summary>
public static class FaqFileParser
{
    public const int MaxQuestionsPerEntry = 200;
    private const int MaxErrors = 50;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<FaqEntry> Parse(ReadOnlySpan<byte> content, FaqFileFormat format)
    {
        var text = Decode(content);
        var errors = new List<FaqFileError>();
        var entries = format == FaqFileFormat.Csv ? CsvFaqReader.Read(text, errors) : JsonLinesFaqReader.Read(text, errors);
        CheckDuplicateIds(entries, errors);
        if (errors.Count > 0)
        {
            throw new FaqFileException(errors.Take(MaxErrors).ToList());
        }

        if (entries.Count == 0)
        {
            throw new FaqFileException([new FaqFileError(0, null, "the file holds no FAQ entries")]);
        }

        return entries.Select(e => e.Entry).ToList();
    }

    internal static string Decode(ReadOnlySpan<byte> content)
    {
        try
        {
            var text = StrictUtf8.GetString(content);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            var line = 1 + content[..Math.Min(e.Index, content.Length)].Count((byte)'\n');
            throw new FaqFileException([new FaqFileError(line, null,
                "the file is not valid UTF-8 (spreadsheet exports in GBK must be saved as \"CSV UTF-8\")")]);
        }
    }

    /// <summary>A stable id for a CSV row without one: the same question imported again replaces its entry.</summary>
    internal static string DerivedId(string question)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(question.Trim()));
        return "faq-" + Convert.ToHexStringLower(hash)[..12];
    }

    internal static void Validate(int line, string? id, IReadOnlyList<string> questions, string? answer, List<FaqFileError> errors, string idField, string questionsField)
    {
        if (string.IsNullOrWhiteSpace(id)) errors.Add(new FaqFileError(line, idField, "must be a non-empty string"));
        else if (id.Length > 200) errors.Add(new FaqFileError(line, idField, "must be at most 200 characters"));
        if (questions.Count == 0) errors.Add(new FaqFileError(line, questionsField, "must hold at least one non-empty question"));
        else if (questions.Count > MaxQuestionsPerEntry) errors.Add(new FaqFileError(line, questionsField, $"must hold at most {MaxQuestionsPerEntry} questions"));
        if (string.IsNullOrWhiteSpace(answer)) errors.Add(new FaqFileError(line, "answer", "must be a non-empty string"));
    }

    private static void CheckDuplicateIds(List<(int Line, FaqEntry Entry)> entries, List<FaqFileError> errors)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, entry) in entries)
        {
            if (!seen.TryAdd(entry.Id, line))
            {
                errors.Add(new FaqFileError(line, "id", $"'{entry.Id}' is also on line {seen[entry.Id]}"));
            }
        }
    }
}
