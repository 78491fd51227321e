using System.Text;
using CustomerService.Abstractions.Knowledge;

namespace CustomerService.Core.Knowledge.Import;

/// <summary>
/// RFC 4180 CSV with the header <c>question,answer,similar_questions</c> (any order; optional <c>id</c>
/// and <c>intent</c>; other columns are ignored). Similar questions are separated by <c>|</c> or line breaks.
/// </summary>
internal static class CsvFaqReader
{
    private static readonly string[] Required = ["question", "answer", "similar_questions"];

    public static List<(int Line, FaqEntry Entry)> Read(string text, List<FaqFileError> errors)
    {
        List<(int, FaqEntry)> entries = [];
        var records = Records(text, errors);
        if (records.Count == 0)
        {
            errors.Add(new FaqFileError(1, null, "the CSV file is empty; it needs the header question,answer,similar_questions"));
            return entries;
        }

        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new FaqFileError(records[0].Line, null,
                $"the CSV header must name the columns question, answer, similar_questions; missing: {string.Join(", ", missing)}"));
            return entries;
        }

        int Column(string name) => header.IndexOf(name);
        var (question, answer, similar, id, intent) = (Column("question"), Column("answer"), Column("similar_questions"), Column("id"), Column("intent"));
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0])) continue;
            if (fields.Count != header.Count)
            {
                errors.Add(new FaqFileError(line, null, $"has {fields.Count} fields but the header has {header.Count}"));
                continue;
            }

            var canonical = fields[question].Trim();
            List<string> questions = canonical.Length > 0 ? [canonical] : [];
            questions.AddRange(fields[similar].Split(['|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(q => q.Length > 0 && !q.Equals(canonical, StringComparison.Ordinal)));
            if (canonical.Length == 0)
            {
                errors.Add(new FaqFileError(line, "question", "must not be empty"));
                continue;
            }

            var entryId = id >= 0 && fields[id].Trim().Length > 0 ? fields[id].Trim() : FaqFileParser.DerivedId(canonical);
            var before = errors.Count;
            FaqFileParser.Validate(line, entryId, questions, fields[answer], errors, "id", "similar_questions");
            if (errors.Count == before)
            {
                var entryIntent = intent >= 0 && fields[intent].Trim().Length > 0 ? fields[intent].Trim() : entryId;
                entries.Add((line, new FaqEntry(entryId, entryIntent, questions, fields[answer].Trim())));
            }
        }

        return entries;
    }

    /// <summary>Splits into records; a quoted field may hold commas, doubled quotes and line breaks.</summary>
    internal static List<(int Line, List<string> Fields)> Records(string text, List<FaqFileError> errors)
    {
        List<(int, List<string>)> records = [];
        var field = new StringBuilder();
        List<string> fields = [];
        int line = 1, recordLine = 1, i = 0;
        var quoted = false;
        var any = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (c == '"') { quoted = false; i++; continue; }
                if (c == '\n') line++;
                if (c != '\r') field.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; any = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString());
                    records.Add((recordLine, fields));
                    (fields, any) = ([], false);
                    field.Clear();
                    recordLine = ++line;
                    break;
                default: field.Append(c); any = true; break;
            }

            i++;
        }

        if (quoted)
        {
            errors.Add(new FaqFileError(recordLine, null, "a quoted field is never closed (a missing \")"));
            return records;
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }

        return records;
    }
}
