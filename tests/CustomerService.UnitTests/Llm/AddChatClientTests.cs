using CustomerService.AI.Chat;
using CustomerService.Core.Agent.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerService.UnitTests.Llm;

public sealed class AddChatClientTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddChatClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Fact]
    public void Without_an_endpoint_and_model_no_chat_client_is_registered()
    {
        using var services = Build([]);

        Assert.Null(services.GetService<IChatClient>());
        Assert.False(services.GetRequiredService<IOptions<LlmOptions>>().Value.Enabled);
    }

    [Fact]
    public void With_an_endpoint_and_model_the_openai_client_is_registered_with_the_defaults()
    {
        using var services = Build(new() { ["Llm:Endpoint"] = "http://127.0.0.1:11434/v1", ["Llm:Model"] = "qwen2.5" });

        Assert.IsType<OpenAIChatClient>(services.GetRequiredService<IChatClient>());
        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        Assert.Equal((15d, 4), (options.TimeoutSeconds, options.MaxToolRounds));
    }

    [Fact]
    public void Bad_settings_fail_naming_their_keys_without_echoing_the_api_key()
    {
        using var services = Build(new()
        {
            ["Llm:Endpoint"] = "http://127.0.0.1:11434/v1",
            ["Llm:ApiKey"] = "sk-secret-value",
            ["Llm:TimeoutSeconds"] = "0",
            ["Llm:MaxToolRounds"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Llm:Model", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Llm:TimeoutSeconds", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Llm:MaxToolRounds", StringComparison.Ordinal));
        Assert.DoesNotContain("sk-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prompts_are_found_above_the_app_and_a_configured_directory_wins()
    {
        var found = new PromptFiles(Options.Create(new LlmOptions()));
        Assert.Contains("{{handoff_tool}}", found.Get("agent-system"), StringComparison.Ordinal);
        Assert.Equal(found.Get("agent-context"), found.Get("agent-context.md"));

        var dir = Directory.CreateTempSubdirectory("prompts");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "agent-system.md"), "custom");
            var configured = new PromptFiles(Options.Create(new LlmOptions { PromptsDirectory = dir.FullName }));
            Assert.Equal("custom", configured.Get("agent-system"));
            Assert.Throws<InvalidOperationException>(() => configured.Get("agent-context"));
            Assert.Throws<ArgumentException>(() => configured.Get("../secrets.md"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
