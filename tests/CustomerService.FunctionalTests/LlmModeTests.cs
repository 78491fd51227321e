using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerService.Abstractions.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

/// <summary>LLM mode through the real host, against a scripted OpenAI-compatible endpoint on 127.0.0.1.</summary>
public sealed class LlmModeTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<JsonNode> _requests = new();
    private readonly ConcurrentQueue<string> _script = new();
    private WebApplication _model = null!;
    private CustomerServiceApp _app = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _model = builder.Build();
        _model.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            _requests.Enqueue((await JsonNode.ParseAsync(request.Body))!);
            return Results.Text(_script.TryDequeue(out var next) ? next : Completion(text: "（脚本已用完）"), "application/json");
        });
        await _model.StartAsync();

        _app = new CustomerServiceApp(settings: new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = $"http://127.0.0.1:{port}/v1",
            ["Llm:Model"] = "scripted-model",
            ["Llm:ApiKey"] = "test-key",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task The_model_opens_a_ticket_for_the_turns_customer_then_answers_from_the_cited_passage()
    {
        _script.Enqueue(Completion(toolCall: ("call_1", "create_ticket",
            """{"question":"手机号13812345678的订单退货","category":"售后","urgency":"high","customer_id":"someone-else"}""")));
        _script.Enqueue(Completion(text: "您可以在订单页申请售后退货，审核通过后预约上门取件 [1]。"));
        using var client = _app.CreateClient();

        var reply = await client.AskAsync("c-llm", "我的手机号是13812345678，怎么退货？");

        Assert.Equal("您可以在订单页申请售后退货，审核通过后预约上门取件 [1]。", reply.Reply);
        Assert.False(reply.Handoff);
        Assert.NotEmpty(reply.Citations);
        var ticket = Assert.Single(await _app.Services.GetRequiredService<ITicketStore>().ListByCustomerAsync(await _app.OneIdAsync("c-llm")));
        Assert.Equal(reply.ConversationId, ticket.ConversationId); // identity from the turn, not from the model's "customer_id"
        Assert.Equal(("售后", TicketUrgency.High), (ticket.Category, ticket.Urgency));

        var first = _requests.First().ToJsonString();
        Assert.Contains("138****5678", first, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", first, StringComparison.Ordinal); // masked before it left the service
        Assert.Contains("create_ticket", first, StringComparison.Ordinal);
        Assert.Equal("scripted-model", _requests.First()["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task When_the_model_fails_the_customer_still_gets_the_extractive_answer()
    {
        _script.Enqueue("not json at all");
        using var client = _app.CreateClient();

        var reply = await client.AskAsync("c-llm-2", "怎么退货");

        Assert.Equal("return_how", reply.MatchedIntent);
        Assert.False(reply.Handoff);
    }

    private static string Completion(string? text = null, (string Id, string Name, string Arguments)? toolCall = null)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = text };
        if (toolCall is { } call)
        {
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = call.Id, ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
            });
        }

        return new JsonObject
        {
            ["id"] = "chatcmpl-test", ["object"] = "chat.completion", ["created"] = 0, ["model"] = "scripted-model",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = toolCall is null ? "stop" : "tool_calls" }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
        }.ToJsonString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
