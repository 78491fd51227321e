using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Knowledge.Retrieval;
using CustomerService.Core.Privacy;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using ChatRole = Microsoft.Extensions.AI.ChatRole;

namespace CustomerService.Core.Agent.Llm;

/// <summary>
/// Lays out one turn for the model from the prompt files: the system prompt, the earlier messages, then the
/// numbered passages and the question. The customer's words are masked here, the one place they leave for the model.
/// </summary>
internal static partial class AgentPrompt
{
    public const string SystemPrompt = "agent-system";
    public const string ContextPrompt = "agent-context";
    public const string RewritePrompt = "rewrite-follow-up";

    public static List<AIChatMessage> Build(IPromptProvider prompts, LlmOptions settings, IReadOnlyList<KnowledgeHit> hits, string question,
        IEnumerable<ChatMessage> history)
    {
        var system = Render(prompts.Get(SystemPrompt), new() { ["handoff_tool"] = settings.HandoffTool });
        List<AIChatMessage> messages = [new(ChatRole.System, system)];
        foreach (var earlier in history)
        {
            if (earlier.Role is MessageRole.Customer or MessageRole.Bot or MessageRole.Agent)
            {
                messages.Add(new(earlier.Role == MessageRole.Customer ? ChatRole.User : ChatRole.Assistant, PersonalDataMasker.Mask(earlier.Text)));
            }
        }

        var user = Render(prompts.Get(ContextPrompt), new()
        {
            ["context"] = Passages(hits),
            ["question"] = PersonalDataMasker.Mask(question),
        });
        messages.Add(new(ChatRole.User, user));
        return messages;
    }

    /// <summary>The hits an answer cites with [n] markers, in order of first citation, once each.</summary>
    public static IReadOnlyList<KnowledgeHit> Cited(string answer, IReadOnlyList<KnowledgeHit> hits) =>
        [.. CitationMarker().Matches(answer)
            .SelectMany(m => m.Groups[1].Value.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0)
            .Where(i => i >= 1 && i <= hits.Count)
            .Distinct()
            .Select(i => hits[i - 1])];

    // Same shape as the extractive responder's citation: "Title › heading › heading", the title not repeated.
    public static string CitationTitle(KnowledgeUnit unit) =>
        string.Join(" › ", unit.HeadingPath.Count > 0 && unit.HeadingPath[0] == unit.Title ? unit.HeadingPath : [unit.Title, .. unit.HeadingPath]);

    private static string Passages(IReadOnlyList<KnowledgeHit> hits)
    {
        if (hits.Count == 0)
        {
            return "(no passages)";
        }

        var text = new StringBuilder();
        for (var i = 0; i < hits.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{i + 1}] {CitationTitle(hits[i].Unit)}").Append('\n').Append(hits[i].Text.Trim()).Append("\n\n");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The request that turns a follow-up ("那积分呢") into a standalone question for retrieval.</summary>
    public static List<AIChatMessage> RewriteFollowUp(IPromptProvider prompts, string topicQuestion, string followUp) =>
        [new(ChatRole.User, Render(prompts.Get(RewritePrompt), new()
        {
            ["topic"] = PersonalDataMasker.Mask(topicQuestion),
            ["question"] = PersonalDataMasker.Mask(followUp),
        }))];

    private static string Render(string template, Dictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}")]
    private static partial Regex Placeholder();

    // [1], [2,3], [1][2], ［1］ (full-width brackets, which Chinese output often uses).
    [GeneratedRegex(@"[\[［]\s*([0-9][0-9,， ]*)\s*[\]］]")]
    private static partial Regex CitationMarker();
}
