using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Agent.FollowUps;
using CustomerService.Core.Conversations;
using CustomerService.Core.Knowledge.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoredMessage = CustomerService.Abstractions.Conversations.ChatMessage;

namespace CustomerService.Core.Agent.Llm;

/// <summary>
/// Answers with a model grounded in retrieved knowledge: the top passages are numbered in the prompt, the
/// model must cite them ([1]) and calls the hand-off tool when they do not answer. The extractive responder
/// runs first: its confidence and candidates describe the turn, and its reply is what the customer gets when
/// the model is slow, fails, answers nothing, or answers without citing a passage.
/// </summary>
internal sealed partial class LlmResponder(
    ExtractiveResponder extractive,
    KnowledgeSearch search,
    IChatClient client,
    IEnumerable<AIFunction> tools,
    IPromptProvider prompts,
    IConversationStore conversations,
    FollowUpDetector followUps,
    IOptionsMonitor<LlmOptions> options,
    IOptionsMonitor<AgentOptions> agentOptions,
    TimeProvider time,
    ILogger<LlmResponder> logger) : IResponder
{
    private const int ContextPassages = 5;
    private const int MaxRewrittenLength = 500; // a question, not an essay: anything longer is the model answering instead
    public const string HandoffReason = "model_handoff";
    private readonly AIFunction[] _tools = [.. tools];

    public async Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var settings = options.CurrentValue;
        var agent = agentOptions.CurrentValue;
        var fallback = await extractive.RespondAsync(turn, cancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        FunctionLoopResult result;
        IReadOnlyList<KnowledgeHit> hits;
        try
        {
            var question = await StandaloneQuestionAsync(turn, linked.Token);
            hits = await search.SearchAsync(question, new SearchRequest(ContextPassages, agent.Retrieval), cancellationToken);
            var history = await HistoryAsync(turn, settings.HistoryMessages, cancellationToken);
            var messages = AgentPrompt.Build(prompts, settings, hits, question, history);
            result = await FunctionInvocationLoop.RunAsync(client, messages, _tools, settings.MaxToolRounds, linked.Token);
        }
        // A slow or failing endpoint must not leave the customer without a reply; only the caller's own
        // cancellation (the customer went away, shutdown) propagates.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (timeout.IsCancellationRequested)
            {
                LogTimedOut(logger, turn.Conversation.Id, settings.TimeoutSeconds);
            }
            else
            {
                LogFailed(logger, turn.Conversation.Id, e.GetType().Name);
            }

            return fallback;
        }

        var text = result.Text.Trim();
        if (result.ToolCalls.Any(c => string.Equals(c.Name, settings.HandoffTool, StringComparison.Ordinal)))
        {
            return new AgentReply(text.Length > 0 ? text : ReplyLanguage.Pick(agent.FallbackMessages, turn.Text), fallback.Confidence,
                MatchedIntent: null, Handoff: true, HandoffReason)
            {
                Candidates = fallback.Candidates,
            };
        }

        var cited = AgentPrompt.Cited(text, hits);
        if (!result.Completed || text.Length == 0 || cited.Count == 0)
        {
            // Uncited text is not grounded in the knowledge base: the extractive reply (or its hand-off) is safer.
            LogNotUsed(logger, turn.Conversation.Id, result.Completed ? (text.Length == 0 ? "empty" : "uncited") : "rounds_exhausted", result.Rounds);
            return fallback;
        }

        return new AgentReply(text, fallback.Confidence, cited[0].Unit.Intent, Handoff: false)
        {
            Citations = [.. cited.Select(h => new Citation(h.Unit.SourceId, AgentPrompt.CitationTitle(h.Unit))).DistinctBy(c => c.Id)],
            Candidates = fallback.Candidates,
        };
    }

    // A follow-up ("那积分呢") retrieves nothing useful on its own: the model rewrites it with the topic first. The same
    // deadline covers both calls, and a failure here fails the turn over to the extractive reply like any other.
    private async Task<string> StandaloneQuestionAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        if (await followUps.DetectAsync(turn, cancellationToken) is not { } followUp) return turn.Text;
        var response = await client.GetResponseAsync(AgentPrompt.RewriteFollowUp(prompts, followUp.TopicQuestion, turn.Text), cancellationToken: cancellationToken);
        var rewritten = response.Text.Trim();
        return rewritten.Length is > 0 and <= MaxRewrittenLength ? rewritten : turn.Text;
    }

    // Earlier messages, oldest first, without the turn itself (the pipeline stores it before the responder runs).
    private async Task<IReadOnlyList<StoredMessage>> HistoryAsync(ConversationTurn turn, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        var stored = await conversations.ListMessagesAsync(turn.Conversation.Id, count + 1, cancellationToken);
        var isTurn = stored is [.., { Role: MessageRole.Customer } last] && last.Text == turn.Text;
        var earlier = isTurn ? stored.Take(stored.Count - 1) : stored;
        return [.. earlier.TakeLast(count)];
    }

    // Ids, durations and exception types only: customer text and model output never go to the logs.
    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM timed out after {Seconds} s in {ConversationId}; the extractive reply was sent")]
    private static partial void LogTimedOut(ILogger logger, string conversationId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM call failed ({Error}) in {ConversationId}; the extractive reply was sent")]
    private static partial void LogFailed(ILogger logger, string conversationId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM answer not used ({Reason}, {Rounds} rounds) in {ConversationId}; the extractive reply was sent")]
    private static partial void LogNotUsed(ILogger logger, string conversationId, string reason, int rounds);
}
