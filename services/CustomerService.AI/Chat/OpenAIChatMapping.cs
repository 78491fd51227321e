using System.Text.Json;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace CustomerService.AI.Chat;

/// <summary>Our chat messages, options and tools to the OpenAI SDK's types, and its completion back.</summary>
internal static class OpenAIChatMapping
{
    public static List<Sdk.ChatMessage> ToSdkMessages(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        // ChatOptions.Instructions is a system message the caller did not put in the list.
        List<Sdk.ChatMessage> mapped = options?.Instructions is { Length: > 0 } instructions ? [new Sdk.SystemChatMessage(instructions)] : [];
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                mapped.Add(new Sdk.SystemChatMessage(message.Text));
            }
            else if (message.Role == ChatRole.Tool)
            {
                // One of our tool messages may carry several results; the API wants one message per call id.
                mapped.AddRange(message.Contents.OfType<FunctionResultContent>().Select(r => new Sdk.ToolChatMessage(r.CallId, ResultText(r))));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                mapped.Add(ToAssistant(message));
            }
            else
            {
                mapped.Add(new Sdk.UserChatMessage(message.Text));
            }
        }

        return mapped;
    }

    public static Sdk.ChatCompletionOptions ToSdkOptions(ChatOptions? options)
    {
        var mapped = new Sdk.ChatCompletionOptions();
        if (options is null)
        {
            return mapped;
        }

        foreach (var function in options.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            mapped.Tools.Add(Sdk.ChatTool.CreateFunctionTool(function.Name, function.Description, BinaryData.FromString(function.JsonSchema.GetRawText())));
        }

        mapped.Temperature = options.Temperature;
        mapped.TopP = options.TopP;
        mapped.MaxOutputTokenCount = options.MaxOutputTokens;
        mapped.FrequencyPenalty = options.FrequencyPenalty;
        mapped.PresencePenalty = options.PresencePenalty;
        foreach (var stop in options.StopSequences ?? [])
        {
            mapped.StopSequences.Add(stop);
        }

        if (mapped.Tools.Count > 0)
        {
            mapped.AllowParallelToolCalls = options.AllowMultipleToolCalls;
            mapped.ToolChoice = options.ToolMode switch
            {
                NoneChatToolMode => Sdk.ChatToolChoice.CreateNoneChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => Sdk.ChatToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => Sdk.ChatToolChoice.CreateRequiredChoice(),
                AutoChatToolMode => Sdk.ChatToolChoice.CreateAutoChoice(),
                _ => null,
            };
        }

        return mapped;
    }

    public static ChatResponse ToChatResponse(Sdk.ChatCompletion completion)
    {
        List<AIContent> contents = [.. completion.Content.Where(p => p.Kind == Sdk.ChatMessageContentPartKind.Text).Select(p => new TextContent(p.Text))];
        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            contents.Add(new TextContent(completion.Refusal));
        }

        contents.AddRange(completion.ToolCalls.Select(ToFunctionCall));
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = completion.Id })
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = completion.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount }
                : null,
            RawRepresentation = completion,
        };
    }

    private static Sdk.AssistantChatMessage ToAssistant(ChatMessage message)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(c => Sdk.ChatToolCall.CreateFunctionToolCall(c.CallId, c.Name,
                BinaryData.FromString(JsonSerializer.Serialize(c.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions))))
            .ToList();
        if (calls.Count == 0)
        {
            return new Sdk.AssistantChatMessage(message.Text);
        }

        var assistant = new Sdk.AssistantChatMessage(calls);
        if (message.Text.Length > 0)
        {
            assistant.Content.Add(Sdk.ChatMessageContentPart.CreateTextPart(message.Text));
        }

        return assistant;
    }

    // Arguments the model wrote as invalid JSON are kept as the call's exception, so the loop can tell the model.
    private static FunctionCallContent ToFunctionCall(Sdk.ChatToolCall call)
    {
        var json = call.FunctionArguments.ToString();
        try
        {
            var arguments = string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, object?>>(json, AIJsonUtilities.DefaultOptions);
            return new FunctionCallContent(call.Id, call.FunctionName, arguments) { RawRepresentation = call };
        }
        catch (JsonException e)
        {
            return new FunctionCallContent(call.Id, call.FunctionName) { Exception = e, RawRepresentation = call };
        }
    }

    private static ChatFinishReason? ToFinishReason(Sdk.ChatFinishReason reason) => reason switch
    {
        Sdk.ChatFinishReason.Stop => ChatFinishReason.Stop,
        Sdk.ChatFinishReason.Length => ChatFinishReason.Length,
        Sdk.ChatFinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        Sdk.ChatFinishReason.ToolCalls or Sdk.ChatFinishReason.FunctionCall => ChatFinishReason.ToolCalls,
        _ => null,
    };

    private static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null => "",
        string text => text,
        JsonElement json => json.ValueKind == JsonValueKind.String ? json.GetString() ?? "" : json.GetRawText(),
        var value => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
    };
}
