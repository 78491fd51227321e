using CustomerService.Core.Knowledge.Import;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>
/// Where a FAQ sheet keeps each field, found by header name: English (any case, spaces or underscores) or the
/// Chinese headers knowledge managers use. Question and answer are required; the others are optional.
/// </summary>
internal sealed record FaqColumns(int Question, int Answer, int Similar, int Category, int Id)
{
    private static readonly char[] QuestionSeparators = ['|', '｜', '\n'];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["question"] = "question", ["问题"] = "question", ["标准问题"] = "question",
        ["answer"] = "answer", ["答案"] = "answer", ["回答"] = "answer",
        ["similar_questions"] = "similar", ["similar_question"] = "similar", ["similar"] = "similar", ["相似问题"] = "similar", ["相似问法"] = "similar",
        ["category"] = "category", ["分类"] = "category", ["类别"] = "category",
        ["id"] = "id", ["编号"] = "id",
    };

    public static FaqColumns Find(IReadOnlyList<string> header)
    {
        var fields = header.Select(h => Aliases.GetValueOrDefault(h.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_'))).ToList();
        return new FaqColumns(fields.IndexOf("question"), fields.IndexOf("answer"), fields.IndexOf("similar"), fields.IndexOf("category"), fields.IndexOf("id"));
    }

    /// <summary>The required columns the header lacks, named as a knowledge manager would write them.</summary>
    public IReadOnlyList<string> Missing =>
        [.. new[] { (Question, "question (问题)"), (Answer, "answer (答案)") }.Where(c => c.Item1 < 0).Select(c => c.Item2)];

    /// <summary>One row as a FAQ entry, or what is wrong with it; null and no problem for a row with nothing in the FAQ's columns.</summary>
    public ExtractedFaq? Read(IReadOnlyList<string> cells, out string? problem)
    {
        string Cell(int column) => column >= 0 && column < cells.Count ? cells[column].Trim() : "";
        var (question, answer) = (Cell(Question), Cell(Answer));
        problem = null;
        if (question.Length == 0 && answer.Length == 0)
        {
            return null;
        }

        if (question.Length == 0 || answer.Length == 0)
        {
            problem = question.Length == 0 ? "the question is empty" : "the answer is empty";
            return null;
        }

        var similar = Cell(Similar).Split(QuestionSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(q => !q.Equals(question, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var id = Cell(Id) is { Length: > 0 } given ? given : FaqFileParser.DerivedId(question);
        return new ExtractedFaq(id, question, similar, answer, Cell(Category) is { Length: > 0 } category ? category : null);
    }
}
