namespace CustomerService.Core.Agent.Llm;

/// <summary>A prompt's text by file name (<c>agent-system</c> or <c>agent-system.md</c>); prompts are files under <c>prompts/</c>, never literals.</summary>
public interface IPromptProvider
{
    string Get(string name);
}
