using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CustomerService.UnitTests.AI;

/// <summary>
/// A minimal OpenAI-compatible server on 127.0.0.1: <c>POST /v1/embeddings</c> answers every input with
/// a vector from <see cref="Embed"/>, in the encoding the client asked for, and records each request.
/// </summary>
internal sealed class FakeOpenAIServer : IAsyncDisposable
{
    private LoopbackServer _server = null!;

    public sealed record Request(string? Authorization, JsonObject Body);

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>The vector returned for an input (default: 4 dimensions derived from its length).</summary>
    public Func<string, int?, float[]> Embed { get; set; } = (input, _) => [input.Length, 1, 0, -1];

    /// <summary>Answer with JSON float arrays even when base64 was asked for, as some compatible servers do.</summary>
    public bool IgnoreEncodingFormat { get; set; }

    public Uri Endpoint => _server.Endpoint;

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var server = new FakeOpenAIServer();
        server._server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", server.HandleAsync));
        return server;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        Requests.Enqueue(new Request(request.Headers.Authorization.ToString(), body));
        var inputs = body["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
        var dimensions = body["dimensions"]?.GetValue<int>();
        var base64 = !IgnoreEncodingFormat && body["encoding_format"]?.GetValue<string>() == "base64";
        // Out of order on purpose: clients must order by index.
        var data = inputs.Select((input, index) => new
        {
            @object = "embedding",
            index,
            embedding = base64 ? (object)Convert.ToBase64String(MemoryMarshal.AsBytes(Embed(input, dimensions).AsSpan())) : Embed(input, dimensions),
        }).Reverse();
        return Results.Json(new
        {
            @object = "list",
            data,
            model = body["model"]!.GetValue<string>(),
            usage = new { prompt_tokens = inputs.Count * 3, total_tokens = inputs.Count * 3 },
        }, JsonSerializerOptions.Web);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
