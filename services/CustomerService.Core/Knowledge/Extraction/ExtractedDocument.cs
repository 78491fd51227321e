using System.Text;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>
/// What an extractor read from a file: passages under their headings, and FAQ entries (from a FAQ sheet).
/// The document's extracted plain text is its sections' texts in order, each at its <see cref="ExtractedSection.Start"/>,
/// separated by a blank line; headings are not part of it, they travel as each section's heading path.
/// </summary>
public sealed record ExtractedDocument(string? Title, IReadOnlyList<ExtractedSection> Sections, IReadOnlyList<ExtractedFaq> Faqs)
{
    /// <summary>Rebuilds the plain text that sections' and chunks' offsets point into (allocates on every call).</summary>
    public string PlainText()
    {
        var text = new StringBuilder();
        foreach (var section in Sections)
        {
            // Extractors leave a blank line between sections; a gap of any other size is filled the same way.
            while (text.Length < section.Start)
            {
                text.Append('\n');
            }

            text.Append(section.Text);
        }

        return text.ToString();
    }
}

/// <summary>Text under one heading path; <paramref name="Start"/> is the offset of this section's text in the document's extracted plain text.</summary>
public sealed record ExtractedSection(IReadOnlyList<string> HeadingPath, string Text, int Start);

/// <param name="SimilarQuestions">Other wordings of <paramref name="Question"/>, matched the same way.</param>
public sealed record ExtractedFaq(string? Id, string Question, IReadOnlyList<string> SimilarQuestions, string Answer, string? Category);
