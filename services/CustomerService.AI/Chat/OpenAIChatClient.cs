using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using CustomerService.Core.Agent.Llm;
using Microsoft.Extensions.AI;
using OpenAI;
using SdkChatClient = OpenAI.Chat.ChatClient;

namespace CustomerService.AI.Chat;

/// <summary>
/// An <see cref="IChatClient"/> over the OpenAI SDK's chat client, for any OpenAI-compatible
/// <c>/chat/completions</c> endpoint (OpenAI, Azure OpenAI's v1 API, DashScope/Qwen, DeepSeek, vLLM, Ollama).
/// One request per call: tools are declared, never invoked here (<see cref="FunctionInvocationLoop"/> does that).
/// </summary>
internal sealed class OpenAIChatClient : IChatClient
{
    // Local servers (Ollama, vLLM) take no key, but the SDK insists on one; they ignore what is sent.
    private const string NoKey = "no-key";

    private readonly SdkChatClient _client;
    private readonly ChatClientMetadata _metadata;

    public OpenAIChatClient(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model);
        var endpoint = options.Endpoint ?? throw new ArgumentException("Llm:Endpoint is required.", nameof(options));
        var sdkOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            // The turn's own timeout bounds the wait; one retry covers a dropped connection without eating the budget.
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
        };
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? NoKey : options.ApiKey;
        _client = new SdkChatClient(options.Model, new ApiKeyCredential(key), sdkOptions);
        _metadata = new ChatClientMetadata("openai", endpoint, options.Model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = OpenAIChatMapping.ToSdkMessages(messages, options);
        var completion = await _client.CompleteChatAsync(request, OpenAIChatMapping.ToSdkOptions(options), cancellationToken);
        return OpenAIChatMapping.ToChatResponse(completion.Value);
    }

    // Non-streaming underneath: the agent sends whole replies to chat channels, so one response split into
    // updates (text, tool calls, usage, finish reason) is all a streaming caller needs.
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(SdkChatClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }
}
