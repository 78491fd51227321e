using System.Text;
using CustomerService.Core.Knowledge.Chunking;
using CustomerService.Core.Knowledge.Extraction;
using CustomerService.UnitTests.Knowledge.Extraction;
using Microsoft.Extensions.Options;

namespace CustomerService.UnitTests.Knowledge.Chunking;

public sealed class DocumentChunkerTests
{
    private static readonly string[] ChineseSentences =
    [
        "收到商品后七天内可以在订单页申请退货。", "请保持商品及包装完好，并附上发票！", "退货运费由谁承担？",
        "质量问题由我们承担运费；非质量问题由您承担。", "退款会在我们收到退货后三个工作日内原路退回……",
        "如果您使用优惠券下单，退款金额会扣除优惠部分。", "定制商品、生鲜食品和已拆封的个人护理用品不支持七天无理由退货。",
    ];

    private static DocumentChunker Chunker(int maxChars, int overlapChars) =>
        new(Options.Create(new ChunkingOptions { MaxChars = maxChars, OverlapChars = overlapChars }));

    /// <summary>Sentences cycled to the given length, split into paragraphs of <paramref name="perParagraph"/> sentences.</summary>
    private static string Chinese(int sentences, int perParagraph)
    {
        var text = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0) text.Append(i % perParagraph == 0 ? "\n\n" : "");
            text.Append(ChineseSentences[i % ChineseSentences.Length]);
        }

        return text.ToString();
    }

    private static ExtractedDocument Document(params (string[] Path, string Text)[] sections)
    {
        List<ExtractedSection> list = [];
        var start = 0;
        foreach (var (path, text) in sections)
        {
            list.Add(new ExtractedSection(path, text, start));
            start += text.Length + 2;
        }

        return new ExtractedDocument(null, list, []);
    }

    [Fact]
    public async Task Chunks_keep_their_sections_heading_path_and_never_span_two_sections()
    {
        var markdown = $"# 退换货政策\n\n{Chinese(20, 3)}\n\n## 退款\n\n{Chinese(9, 9)}\n\n# Shipping\n\nOrders ship in two days.";
        var document = await TestDocuments.ExtractAsync(new MarkdownExtractor(), markdown, "policy.md");

        var chunks = Chunker(150, 30).Chunk(document);

        Assert.True(chunks.Count > 5);
        foreach (var chunk in chunks)
        {
            var section = Assert.Single(document.Sections, s => chunk.Start >= s.Start && chunk.End <= s.Start + s.Text.Length);
            Assert.Equal(section.HeadingPath, chunk.HeadingPath);
            Assert.InRange(chunk.Text.Length, 1, 150);
        }

        Assert.Equal([["退换货政策"], ["退换货政策", "退款"], ["Shipping"]], chunks.Select(c => c.HeadingPath.ToArray()).Distinct(new PathComparer()));
    }

    [Fact]
    public void Chinese_chunks_end_at_sentence_ends()
    {
        var document = Document(([], Chinese(40, 40)));

        var chunks = Chunker(120, 30).Chunk(document);

        Assert.True(chunks.Count > 5);
        foreach (var chunk in chunks)
        {
            Assert.InRange(chunk.Text.Length, 1, 120);
            Assert.Contains(chunk.Text[^1], "。！？；…");
            // It starts at a sentence's start too: the overlap is whole sentences.
            Assert.True(chunk.Start == 0 || "。！？；…".Contains(document.Sections[0].Text[chunk.Start - 1], StringComparison.Ordinal), chunk.Text);
        }
    }

    [Fact]
    public void Consecutive_chunks_of_a_section_overlap_by_about_the_overlap()
    {
        var document = Document(([], Chinese(40, 2)));

        var chunks = Chunker(200, 40).Chunk(document);

        for (var i = 1; i < chunks.Count; i++)
        {
            var overlap = chunks[i - 1].End - chunks[i].Start;
            Assert.InRange(overlap, 1, 60); // whole sentences; a single last sentence may run over by half
            Assert.EndsWith(chunks[i].Text[..overlap], chunks[i - 1].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Offsets_point_at_the_chunk_text_in_the_documents_plain_text()
    {
        var document = Document((["A"], Chinese(30, 4)), (["A", "B"], "Orders ship in 2.5 days on average. Express costs more! Need it sooner?\n\nCall us."), (["C"], Chinese(12, 12)));
        var text = document.PlainText();

        var withOverlap = Chunker(100, 30).Chunk(document);
        var withoutOverlap = Chunker(100, 0).Chunk(document);

        Assert.All(withOverlap, c => Assert.Equal(c.Text, text[c.Start..c.End]));
        Assert.All(withoutOverlap, c => Assert.Equal(c.Text, text[c.Start..c.End]));
        for (var i = 1; i < withoutOverlap.Count; i++)
        {
            Assert.True(withoutOverlap[i].Start >= withoutOverlap[i - 1].End);
            Assert.True(text[withoutOverlap[i - 1].End..withoutOverlap[i].Start].All(char.IsWhiteSpace));
        }
    }

    [Fact]
    public void Paragraphs_that_fit_are_never_cut_and_english_decimals_do_not_end_sentences()
    {
        var first = "Orders ship in 2.5 days on average. Express shipping costs more, e.g. ten yuan.";
        var second = "Remote areas take longer. Call us at 400-800-1234 when a parcel is late.";

        var chunks = Chunker(100, 0).Chunk(Document(([], first + "\n\n" + second)));

        Assert.Equal([first, second], chunks.Select(c => c.Text));
    }

    [Fact]
    public void A_sentence_longer_than_max_chars_is_cut_hard()
    {
        var sentence = string.Concat(Enumerable.Repeat("这是一句没有任何标点的很长很长的句子", 20)) + "。";

        var chunks = Chunker(100, 0).Chunk(Document(([], sentence)));

        Assert.Equal(4, chunks.Count); // 361 characters
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, 100));
        Assert.Equal(sentence, string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public async Task Each_faq_entry_is_one_chunk_with_its_questions_answer_and_category()
    {
        const string Csv = "question,answer,similar_questions,category\n怎么退货,在订单页申请退货。,如何退货|退货流程,售后\n发票怎么开,下单时选择电子发票。,,\n";
        var document = await TestDocuments.ExtractAsync(new CsvFaqExtractor(), Csv, "faq.csv");

        var chunks = Chunker(100, 20).Chunk(document);

        Assert.Equal(2, chunks.Count);
        Assert.Equal(("在订单页申请退货。", "在订单页申请退货。", "售后"), (chunks[0].Text, chunks[0].Answer, chunks[0].Category));
        Assert.Equal(["怎么退货", "如何退货", "退货流程"], chunks[0].Questions);
        Assert.Equal(["售后"], chunks[0].HeadingPath);
        Assert.Empty(chunks[1].HeadingPath);
        Assert.Equal(["发票怎么开"], chunks[1].Questions);
    }

    private sealed class PathComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(string[] obj) => string.Join('>', obj).GetHashCode(StringComparison.Ordinal);
    }
}
