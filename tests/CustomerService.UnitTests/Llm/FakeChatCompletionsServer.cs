using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CustomerService.UnitTests.Llm;

/// <summary>
/// A minimal OpenAI-compatible server on 127.0.0.1: <c>POST /v1/chat/completions</c> answers with the next
/// canned completion (a tool call, then a text …) and records every request's Authorization header and body.
/// </summary>
internal sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    private LoopbackServer _server = null!;
    private readonly ConcurrentQueue<JsonObject> _responses = new();

    public sealed record Request(string? Authorization, JsonObject Body);

    public ConcurrentQueue<Request> Requests { get; } = new();

    public Uri Endpoint => _server.Endpoint;

    public static async Task<FakeChatCompletionsServer> StartAsync()
    {
        var server = new FakeChatCompletionsServer();
        server._server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", server.HandleAsync));
        return server;
    }

    public FakeChatCompletionsServer ThenToolCall(string callId, string name, string argumentsJson) => Enqueue(
        new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = callId,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = argumentsJson },
            }),
        }, "tool_calls");

    public FakeChatCompletionsServer ThenText(string text) => Enqueue(new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop");

    private FakeChatCompletionsServer Enqueue(JsonObject message, string finishReason)
    {
        _responses.Enqueue(new JsonObject
        {
            ["id"] = $"chatcmpl-{_responses.Count + Requests.Count + 1}",
            ["object"] = "chat.completion",
            ["created"] = 1_763_625_600,
            ["model"] = "fake-model",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 20, ["completion_tokens"] = 5, ["total_tokens"] = 25 },
        });
        return this;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        Requests.Enqueue(new Request(request.Headers.Authorization.ToString(), body));
        return _responses.TryDequeue(out var response)
            ? Results.Content(response.ToJsonString(), "application/json")
            : Results.Json(new { error = new { message = "no more canned responses", type = "server_error" } }, statusCode: 500);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
