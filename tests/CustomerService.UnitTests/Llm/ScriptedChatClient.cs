using Microsoft.Extensions.AI;

namespace CustomerService.UnitTests.Llm;

/// <summary>
/// A chat client that plays back a script: each call takes the next step (a canned response, or a function of
/// the request for slow or failing endpoints) and records a copy of the messages and options it was sent.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>>> _steps = new();

    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = [];

    public ScriptedChatClient Then(ChatResponse response)
    {
        _steps.Enqueue((_, _) => Task.FromResult(response));
        return this;
    }

    public ScriptedChatClient Then(Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>> step)
    {
        _steps.Enqueue(step);
        return this;
    }

    public ScriptedChatClient ThenText(string text) => Then(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));

    public ScriptedChatClient ThenCall(string name, Dictionary<string, object?>? arguments = null, string callId = "call-1") =>
        Then(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, name, arguments)])));

    /// <summary>Never answers: waits until the caller gives up.</summary>
    public ScriptedChatClient ThenHang() => Then(async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A copy: the loop keeps appending to the list it passed.
        IReadOnlyList<ChatMessage> sent = [.. messages];
        Requests.Add((sent, options));
        return _steps.Count > 0 ? _steps.Dequeue()(sent, cancellationToken) : throw new InvalidOperationException("The script has no more responses.");
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
