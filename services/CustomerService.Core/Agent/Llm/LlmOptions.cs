namespace CustomerService.Core.Agent.Llm;

/// <summary>
/// The LLM agent's settings (section <c>Llm</c>). The agent answers with a model only when an endpoint and
/// a model are both set; otherwise it stays extractive and needs nothing here.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Base URL of an OpenAI-compatible API, e.g. <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>Secret: never logged, never part of a validation message.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one turn may wait for the model, tool rounds included, before the extractive answer is sent.</summary>
    public double TimeoutSeconds { get; set; } = 15;

    /// <summary>Model calls that may return tool calls before the turn settles for what it has.</summary>
    public int MaxToolRounds { get; set; } = 4;

    /// <summary>Earlier messages of the conversation sent with the question (masked), oldest first.</summary>
    public int HistoryMessages { get; set; } = 6;

    /// <summary>The tool whose call means "hand this conversation to a person".</summary>
    public string HandoffTool { get; set; } = "request_human"; // the hand-off plugin's tool

    /// <summary>Where prompt files are read when they are not embedded; default: the <c>prompts</c> folder above the app.</summary>
    public string? PromptsDirectory { get; set; }

    public bool Enabled => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);
}
