using CustomerService.AI.Chat;
using CustomerService.AI.Embeddings;
using CustomerService.Core.Agent.Llm;
using CustomerService.Core.Knowledge.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class AIExtensions
{
    /// <summary>
    /// The one <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, chosen by <c>Embeddings:Provider</c>:
    /// <c>Local</c> (default, no network) or <c>OpenAI</c> (needs Endpoint, Model and ApiKey). A bad setting
    /// fails start-up with a message naming its key.
    /// </summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection(EmbeddingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>());
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value; // validated: Local or OpenAI
            return options.IsOpenAI ? new OpenAIEmbeddingGenerator(options) : new LocalEmbeddingGenerator(options.Dimensions);
        });
        return services;
    }

    /// <summary>
    /// The <see cref="IChatClient"/> of LLM mode, over any OpenAI-compatible endpoint, registered only when
    /// <c>Llm:Endpoint</c> and <c>Llm:Model</c> are both set; otherwise nothing is registered and the agent stays
    /// extractive. The <c>Llm</c> section is validated at start-up either way (bad keys are named; the api key never appears).
    /// </summary>
    public static IServiceCollection AddChatClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LlmOptions.SectionName);
        services.AddOptions<LlmOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
        if (section.Get<LlmOptions>() is not { Enabled: true })
        {
            return services;
        }

        services.TryAddSingleton<IChatClient>(sp => new OpenAIChatClient(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        return services;
    }
}
