using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerService.AI.Chat;
using CustomerService.Core.Agent.Llm;
using Microsoft.Extensions.AI;

namespace CustomerService.UnitTests.Llm;

public sealed class OpenAIChatClientTests
{
    private static readonly AIFunction OrderStatus = AIFunctionFactory.Create(
        ([Description("The order number")] string orderId) => $"order {orderId}: shipped", "order_status", "Looks up an order's status");

    private static OpenAIChatClient Client(Uri endpoint) =>
        new(new LlmOptions { Endpoint = endpoint, Model = "qwen-test", ApiKey = "sk-test", TimeoutSeconds = 10 });

    [Fact]
    public async Task A_tool_call_is_parsed_with_its_id_arguments_finish_reason_and_usage()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ThenToolCall("call_abc", "order_status", """{"orderId":"42"}""");
        using var client = Client(server.Endpoint);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "where is 42?")], new ChatOptions { Tools = [OrderStatus] });

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages.SelectMany(m => m.Contents)));
        Assert.Equal(("call_abc", "order_status"), (call.CallId, call.Name));
        Assert.Equal("42", Assert.IsType<JsonElement>(call.Arguments!["orderId"]).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal((20L, 5L, 25L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        Assert.Equal("fake-model", response.ModelId);
    }

    [Fact]
    public async Task The_loop_over_the_real_client_sends_model_messages_tools_and_the_tool_result()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ThenToolCall("call_abc", "order_status", """{"orderId":"42"}""").ThenText("Order 42 has shipped [1].");
        using var client = Client(server.Endpoint);
        List<ChatMessage> messages = [new(ChatRole.System, "Answer from the passages."), new(ChatRole.User, "where is order 42?")];

        var result = await FunctionInvocationLoop.RunAsync(client, messages, [OrderStatus], 4, CancellationToken.None);

        Assert.Equal("Order 42 has shipped [1].", result.Text);
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal("Bearer sk-test", r.Authorization));

        var first = requests[0].Body;
        Assert.Equal("qwen-test", (string?)first["model"]);
        Assert.Equal(["system", "user"], first["messages"]!.AsArray().Select(m => (string?)m!["role"]));
        Assert.Equal("where is order 42?", (string?)first["messages"]![1]!["content"]);
        var tool = first["tools"]![0]!;
        Assert.Equal("function", (string?)tool["type"]);
        Assert.Equal("order_status", (string?)tool["function"]!["name"]);
        Assert.Equal("Looks up an order's status", (string?)tool["function"]!["description"]);
        var parameters = tool["function"]!["parameters"]!;
        Assert.Equal("object", (string?)parameters["type"]);
        Assert.Equal("string", (string?)parameters["properties"]!["orderId"]!["type"]);
        Assert.Equal("The order number", (string?)parameters["properties"]!["orderId"]!["description"]);
        Assert.Contains("orderId", parameters["required"]!.AsArray().Select(r => (string?)r));

        var sent = requests[1].Body["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "tool"], sent.Select(m => (string?)m!["role"]));
        var toolCall = sent[2]!["tool_calls"]![0]!;
        Assert.Equal(("call_abc", "order_status"), ((string?)toolCall["id"], (string?)toolCall["function"]!["name"]));
        Assert.Equal("42", (string?)JsonNode.Parse((string)toolCall["function"]!["arguments"]!)!["orderId"]);
        Assert.Equal(("call_abc", "order 42: shipped"), ((string?)sent[3]!["tool_call_id"], (string?)sent[3]!["content"]));
    }

    [Fact]
    public async Task Streaming_yields_the_same_text_and_finish_reason()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ThenText("你好 [1]");
        using var client = Client(server.Endpoint);

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("你好 [1]", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.False(server.Requests.Single().Body.ContainsKey("tools"));
    }

    [Fact]
    public async Task A_server_error_surfaces_as_an_exception_for_the_responder_to_fall_back_on()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync(); // nothing canned: 500
        using var client = Client(server.Endpoint);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.DoesNotContain("sk-test", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_names_the_provider_endpoint_and_model()
    {
        using var client = Client(new Uri("http://127.0.0.1:9/v1"));

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal(("openai", "qwen-test"), (metadata!.ProviderName, metadata.DefaultModelId));
        Assert.Equal(new Uri("http://127.0.0.1:9/v1"), metadata.ProviderUri);
    }
}
