namespace CustomerService.Plugins;

/// <summary>Texts every plugin returns to the model in the same situation.</summary>
internal static class PluginReplies
{
    // Tools are only offered inside a turn; reaching this means the pipeline forgot to Begin a context.
    // Said as text rather than thrown so the model can carry on answering instead of aborting the turn.
    public const string NoConversation =
        "Error: this tool is not available outside a customer conversation. Do not retry; answer the customer without it.";
}
