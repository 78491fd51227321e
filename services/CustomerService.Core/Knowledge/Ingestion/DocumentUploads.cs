using CustomerService.Abstractions.Knowledge;

namespace CustomerService.Core.Knowledge.Ingestion;

/// <summary>
/// Accepts an upload: the file is read (extracted) while the uploader waits, so bad content is refused
/// with a 4xx at once; chunking, embedding and indexing then run in the background.
/// </summary>
public sealed class DocumentUploads(IDocumentStore store, IngestionPipeline pipeline, IngestionQueue queue)
{
    public async Task<IngestionJob> StartAsync(string? documentId, string fileName, DocumentMetadata metadata, byte[] content,
        CancellationToken cancellationToken)
    {
        var document = await store.BeginVersionAsync(documentId, fileName, metadata, cancellationToken);
        var context = new IngestionContext(Guid.CreateVersion7().ToString("N"), document, fileName, metadata, content);
        var job = await pipeline.QueueAsync(context, cancellationToken);
        job = await pipeline.RunAsync(job, context, "extract", cancellationToken, lastStep: "extract");
        if (job.State != IngestionState.Failed)
        {
            await queue.EnqueueAsync(job, context, cancellationToken);
        }

        return job;
    }
}
