namespace CustomerService.Core.Knowledge.Chunking;

/// <summary>
/// A chunk before it has an id: a passage of one section, or one FAQ entry.
/// For a passage, <paramref name="Text"/> is the document's plain text between <paramref name="Start"/> and <paramref name="End"/>
/// (see <see cref="Extraction.ExtractedDocument.PlainText"/>); <paramref name="Questions"/> is empty and <paramref name="Answer"/> null.
/// For an FAQ entry, the text is the answer, the questions are matched, and Start = End = 0 (it has no place in the plain text).
/// </summary>
public sealed record ChunkDraft(
    string Text,
    IReadOnlyList<string> HeadingPath,
    int Start,
    int End,
    IReadOnlyList<string> Questions,
    string? Answer,
    string? Category);
