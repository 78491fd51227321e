using System.Text;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Chunking;
using CustomerService.Core.Knowledge.Extraction;
using CustomerService.Core.Knowledge.Retrieval;

namespace CustomerService.Core.Knowledge.Ingestion;

/// <summary>Reads the file's text and structure (throws <see cref="DocumentFormatException"/> on bad content).</summary>
internal sealed class ExtractStep(DocumentExtractors extractors) : IIngestionStep
{
    public string Name => "extract";

    public async Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(context.Content, writable: false);
        context.Extracted = await extractors.ExtractAsync(stream, context.FileName, cancellationToken);
        if (context.Extracted.Sections.All(s => string.IsNullOrWhiteSpace(s.Text)) && context.Extracted.Faqs.Count == 0)
        {
            throw new DocumentFormatException($"'{context.FileName}' holds no text to index.");
        }
    }
}

/// <summary>Folds what would only add noise (control characters, runs of blank lines) and fills in what the upload left open.</summary>
internal sealed class NormaliseStep : IIngestionStep
{
    public string Name => "normalise";

    public Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var extracted = context.Extracted!;
        if (string.IsNullOrWhiteSpace(context.Metadata.Title))
        {
            context.Metadata = context.Metadata with { Title = extracted.Title ?? Path.GetFileNameWithoutExtension(context.FileName) };
        }

        if (context.Metadata.Language is null)
        {
            // The document's script decides when the uploader did not say.
            var sample = string.Concat(extracted.Sections.Select(s => s.Text).Concat(extracted.Faqs.Select(f => f.Question))).AsSpan();
            var cjk = 0;
            var letters = 0;
            foreach (var c in sample[..Math.Min(sample.Length, 4000)])
            {
                if (Matching.TextAnalyzer.IsCjk(c)) cjk++;
                else if (char.IsLetter(c)) letters++;
            }

            context.Metadata = context.Metadata with { Language = cjk * 3 >= letters ? "zh" : "en" };
        }

        context.Extracted = extracted with { Sections = [.. extracted.Sections.Select(s => s with { Text = Clean(s.Text) })] };
        return Task.CompletedTask;
    }

    // Same length as the input, so the sections' offsets stay true.
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) && c is not ('\n' or '\t') ? ' ' : c);
        }

        return builder.ToString();
    }
}

internal sealed class ChunkStep(DocumentChunker chunker) : IIngestionStep
{
    public string Name => "chunk";

    public Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        context.Drafts = chunker.Chunk(context.Extracted!);
        if (context.Drafts.Count == 0)
        {
            throw new DocumentFormatException($"'{context.FileName}' holds no text to index.");
        }

        var document = context.Document;
        context.Chunks = [.. context.Drafts.Select((d, i) => new KnowledgeChunk(
            $"{document.Id}:{document.Version}:{i}", document.Id, i, d.Text, d.HeadingPath, d.Start, d.End, d.Questions, d.Answer))];
        return Task.CompletedTask;
    }
}

internal sealed class EmbedStep(KnowledgeVectors vectors) : IIngestionStep
{
    public string Name => "embed";

    public async Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken) =>
        context.Points = await vectors.EmbedAsync(context.Chunks, context.Metadata, cancellationToken);
}

/// <summary>Commits the version (chunks replace the old ones in one transaction), then swaps its vectors in.</summary>
internal sealed class IndexStep(IDocumentStore store, KnowledgeVectors vectors, KnowledgeIndex index) : IIngestionStep
{
    public string Name => "index";

    public async Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var document = context.Document;
        if (!await store.CommitVersionAsync(document.Id, document.Version, context.FileName, context.Metadata, context.Chunks, cancellationToken))
        {
            throw new IngestionSupersededException($"version {document.Version} of '{document.Id}' was overtaken by a newer upload or a delete.");
        }

        await vectors.ReplaceDocumentAsync(document.Id, context.Points, cancellationToken);
        index.RequestRebuild();
    }
}

/// <summary>A newer upload or a delete won: this version is dropped on purpose.</summary>
public sealed class IngestionSupersededException(string message) : Exception(message);
