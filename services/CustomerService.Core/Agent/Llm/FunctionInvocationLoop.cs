using System.Text.Json;
using Microsoft.Extensions.AI;

namespace CustomerService.Core.Agent.Llm;

/// <summary>
/// Our function-invocation loop (Microsoft.Extensions.AI's middleware is not available here): ask the model,
/// run the tools it calls, give it their results, ask again — until it answers in text or the rounds run out.
/// A failing or unknown tool never throws out of the loop: its error goes back to the model as the result,
/// so the model can recover (apologise, try another tool, hand off).
/// </summary>
public static class FunctionInvocationLoop
{
    public static async Task<FunctionLoopResult> RunAsync(IChatClient client, IList<ChatMessage> messages, IReadOnlyList<AIFunction> tools,
        int maxRounds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRounds, 1);

        var byName = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var options = new ChatOptions { Tools = tools.Count > 0 ? [.. tools] : null };
        List<ToolInvocation> invocations = [];

        for (var round = 1; round <= maxRounds; round++)
        {
            var response = await client.GetResponseAsync(messages, options, cancellationToken);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                return new FunctionLoopResult(response.Text, invocations, round, Completed: true);
            }

            // The assistant's tool-call message must precede the tool results, as every chat API requires.
            foreach (var message in response.Messages)
            {
                messages.Add(message);
            }

            List<AIContent> results = [];
            foreach (var call in calls)
            {
                var result = await InvokeAsync(byName, call, cancellationToken);
                invocations.Add(new ToolInvocation(call.Name, call.Arguments is null ? null : new Dictionary<string, object?>(call.Arguments), result));
                results.Add(new FunctionResultContent(call.CallId, result));
            }

            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }

        // Rounds exhausted while the model still wanted tools: the caller decides what to send instead.
        return new FunctionLoopResult("", invocations, maxRounds, Completed: false);
    }

    private static async Task<string> InvokeAsync(Dictionary<string, AIFunction> tools, FunctionCallContent call, CancellationToken cancellationToken)
    {
        if (!tools.TryGetValue(call.Name, out var tool))
        {
            return $"Error: there is no tool named '{call.Name}'. Available tools: {string.Join(", ", tools.Keys)}.";
        }

        if (call.Exception is not null)
        {
            return $"Error: the arguments for {call.Name} were not valid JSON ({call.Exception.Message}); call it again with a JSON object.";
        }

        try
        {
            var value = await tool.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
            return value switch
            {
                null => "",
                string text => text,
                JsonElement json => json.ValueKind == JsonValueKind.String ? json.GetString() ?? "" : json.GetRawText(),
                _ => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
            };
        }
        // Any tool failure is the model's to handle: it gets the message and the turn goes on. Only the
        // turn's own cancellation ends the loop.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"Error: {call.Name} failed: {e.Message}";
        }
    }
}

/// <param name="Text">The model's final answer; empty when the rounds ran out first.</param>
/// <param name="Rounds">Model calls made.</param>
/// <param name="Completed">False when the model was still calling tools after the last round.</param>
public sealed record FunctionLoopResult(string Text, IReadOnlyList<ToolInvocation> ToolCalls, int Rounds, bool Completed);

/// <param name="Result">What the model was given back: the tool's result or the error text.</param>
public sealed record ToolInvocation(string Name, IReadOnlyDictionary<string, object?>? Arguments, string Result);
