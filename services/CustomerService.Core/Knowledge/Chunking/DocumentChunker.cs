using CustomerService.Core.Knowledge.Extraction;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Knowledge.Chunking;

/// <summary>
/// Cuts an extracted document into retrieval units: passages that never cross a heading (a chunk answers under
/// one heading path) and end at paragraph or sentence ends, and one unit per FAQ entry (an answer is never cut).
/// </summary>
public sealed class DocumentChunker(IOptions<ChunkingOptions> options)
{
    public IReadOnlyList<ChunkDraft> Chunk(ExtractedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var settings = options.Value;
        var splitter = new SectionSplitter(settings.MaxChars, settings.OverlapChars);
        List<ChunkDraft> drafts = [];
        foreach (var section in document.Sections)
        {
            foreach (var (start, end) in splitter.Split(section.Text))
            {
                drafts.Add(new ChunkDraft(section.Text[start..end], section.HeadingPath, section.Start + start, section.Start + end, [], null, null));
            }
        }

        foreach (var faq in document.Faqs)
        {
            var category = string.IsNullOrWhiteSpace(faq.Category) ? null : faq.Category.Trim();
            drafts.Add(new ChunkDraft(faq.Answer, category is null ? [] : [category], 0, 0, [faq.Question, .. faq.SimilarQuestions], faq.Answer, category));
        }

        return drafts;
    }
}
