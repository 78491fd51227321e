using System.ComponentModel;
using CustomerService.Core.Agent.Llm;
using Microsoft.Extensions.AI;

namespace CustomerService.UnitTests.Llm;

public sealed class FunctionInvocationLoopTests
{
    private static readonly AIFunction OrderStatus = AIFunctionFactory.Create(
        ([Description("The order number")] string orderId) => $"order {orderId}: shipped", "order_status", "Looks up an order's status");

    private static readonly AIFunction Broken = AIFunctionFactory.Create(
        string () => throw new InvalidOperationException("ticket system is down"), "create_ticket", "Creates a ticket");

    private static List<ChatMessage> Question() => [new(ChatRole.System, "system"), new(ChatRole.User, "where is order 42?")];

    [Fact]
    public async Task A_tool_call_is_run_and_its_result_reaches_the_model_before_the_final_answer()
    {
        var client = new ScriptedChatClient().ThenCall("order_status", new() { ["orderId"] = "42" }).ThenText("Order 42 has shipped [1].");

        var result = await FunctionInvocationLoop.RunAsync(client, Question(), [OrderStatus], 4, CancellationToken.None);

        Assert.Equal("Order 42 has shipped [1].", result.Text);
        Assert.True(result.Completed);
        Assert.Equal(2, result.Rounds);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal(("order_status", "order 42: shipped"), (call.Name, call.Result));
        Assert.NotNull(client.Requests[0].Options?.Tools);
        var second = client.Requests[1].Messages;
        Assert.Equal(4, second.Count);
        Assert.IsType<FunctionCallContent>(Assert.Single(second[2].Contents));
        var result0 = Assert.IsType<FunctionResultContent>(Assert.Single(second[3].Contents));
        Assert.Equal(ChatRole.Tool, second[3].Role);
        Assert.Equal(("call-1", "order 42: shipped"), (result0.CallId, result0.Result as string));
    }

    [Fact]
    public async Task A_tool_that_throws_gives_the_model_its_error_and_the_loop_goes_on()
    {
        var client = new ScriptedChatClient().ThenCall("create_ticket").ThenText("Sorry, I could not create a ticket.");

        var result = await FunctionInvocationLoop.RunAsync(client, Question(), [Broken], 4, CancellationToken.None);

        Assert.Equal("Sorry, I could not create a ticket.", result.Text);
        var sent = Assert.IsType<FunctionResultContent>(client.Requests[1].Messages[^1].Contents[0]);
        Assert.Contains("ticket system is down", sent.Result as string, StringComparison.Ordinal);
        Assert.StartsWith("Error:", Assert.Single(result.ToolCalls).Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_tool_is_reported_to_the_model_with_the_available_names()
    {
        var client = new ScriptedChatClient().ThenCall("delete_everything").ThenText("done");

        var result = await FunctionInvocationLoop.RunAsync(client, Question(), [OrderStatus], 4, CancellationToken.None);

        var sent = Assert.IsType<FunctionResultContent>(client.Requests[1].Messages[^1].Contents[0]).Result as string;
        Assert.Contains("no tool named 'delete_everything'", sent, StringComparison.Ordinal);
        Assert.Contains("order_status", sent, StringComparison.Ordinal);
        Assert.Equal("done", result.Text);
    }

    [Fact]
    public async Task Arguments_that_were_not_json_are_reported_instead_of_invoking_the_tool()
    {
        var bad = new FunctionCallContent("c", "order_status") { Exception = new System.Text.Json.JsonException("bad") };
        var client = new ScriptedChatClient().Then(new ChatResponse(new ChatMessage(ChatRole.Assistant, [bad]))).ThenText("ok");

        var result = await FunctionInvocationLoop.RunAsync(client, Question(), [OrderStatus], 4, CancellationToken.None);

        Assert.Contains("not valid JSON", Assert.Single(result.ToolCalls).Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_rounds_run_out_the_loop_stops_and_says_so()
    {
        var client = new ScriptedChatClient().ThenCall("order_status", new() { ["orderId"] = "1" }).ThenCall("order_status", new() { ["orderId"] = "2" })
            .ThenText("never asked");

        var result = await FunctionInvocationLoop.RunAsync(client, Question(), [OrderStatus], 2, CancellationToken.None);

        Assert.False(result.Completed);
        Assert.Equal("", result.Text);
        Assert.Equal(2, result.Rounds);
        Assert.Equal(2, result.ToolCalls.Count);
        Assert.Equal(2, client.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_propagates()
    {
        var client = new ScriptedChatClient().ThenHang();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FunctionInvocationLoop.RunAsync(client, Question(), [], 4, cts.Token));
        Assert.Null(client.Requests[0].Options?.Tools);
    }
}
