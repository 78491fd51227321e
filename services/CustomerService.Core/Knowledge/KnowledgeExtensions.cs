using CustomerService.Core.Knowledge;
using CustomerService.Core.Knowledge.Chunking;
using CustomerService.Core.Knowledge.Extraction;
using CustomerService.Core.Knowledge.Ingestion;
using CustomerService.Core.Knowledge.Retrieval;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class KnowledgeExtensions
{
    /// <summary>FAQs and documents: import, ingestion, hybrid retrieval. Needs an embedding generator (see AddEmbeddings).</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>();
        services.AddSingleton<FaqCatalog>();
        services.AddSingleton<FaqImporter>();
        services.AddHostedService<FaqSeeder>();
        services.AddHealthChecks().AddCheck<KnowledgeHealthCheck>("knowledge", tags: ["ready"]);

        // Extraction: one extractor per format family.
        services.AddSingleton<IDocumentExtractor, MarkdownExtractor>();
        services.AddSingleton<IDocumentExtractor, PlainTextExtractor>();
        services.AddSingleton<IDocumentExtractor, HtmlExtractor>();
        services.AddSingleton<IDocumentExtractor, DocxExtractor>();
        services.AddSingleton<IDocumentExtractor, XlsxFaqExtractor>();
        services.AddSingleton<IDocumentExtractor, CsvFaqExtractor>();
        services.AddSingleton<IDocumentExtractor, JsonLinesFaqExtractor>();
        services.AddSingleton<IDocumentExtractor, PdfExtractor>();
        services.AddSingleton<DocumentExtractors>();

        services.AddOptions<ChunkingOptions>().BindConfiguration(ChunkingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChunkingOptions>, ChunkingOptionsValidator>();
        services.AddSingleton<DocumentChunker>();

        // The ingestion steps, in the order they run.
        services.AddSingleton<IIngestionStep, ExtractStep>();
        services.AddSingleton<IIngestionStep, NormaliseStep>();
        services.AddSingleton<IIngestionStep, ChunkStep>();
        services.AddSingleton<IIngestionStep, EmbedStep>();
        services.AddSingleton<IIngestionStep, IndexStep>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<IngestionQueue>();
        services.AddSingleton<DocumentUploads>();
        services.AddHostedService<IngestionWorker>();

        services.AddOptions<FusionOptions>().BindConfiguration(FusionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FusionOptions>, FusionOptionsValidator>();
        services.AddSingleton<KnowledgeVectors>();
        services.AddSingleton<KnowledgeIndex>();
        services.AddSingleton<KnowledgeSearch>();
        return services;
    }
}
