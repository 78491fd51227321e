using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerService.Benchmarks;

/// <summary>The body of <c>POST /api/webchat/messages</c>.</summary>
internal sealed record ChatRequest(string CustomerId, string Text);

/// <summary>The host's reply; fields are nullable so a malformed reply is counted as a failure, not thrown.</summary>
internal sealed record ChatReply(string? ConversationId, string? Reply, double Confidence, string? MatchedIntent, bool Handoff);

/// <summary>One line of the JSON Lines FAQ upload.</summary>
internal sealed record FaqLine(string Id, string Intent, IReadOnlyList<string> Questions, string Answer);

/// <summary>The reply of <c>POST /api/knowledge/faq</c>.</summary>
internal sealed record FaqImportReply(int Imported, int Added, int Replaced, int Total);

// Source-generated so neither the harness nor its timing pays for reflection-based serialization.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatReply))]
[JsonSerializable(typeof(FaqLine))]
[JsonSerializable(typeof(FaqImportReply))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class WireJson : JsonSerializerContext;
