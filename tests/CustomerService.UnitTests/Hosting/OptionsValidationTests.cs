using CustomerService.Core.Agent;
using CustomerService.Core.Handoff;
using CustomerService.Embedded.Messaging;
using CustomerService.Embedded.Storage;
using CustomerService.Host.Hosting;

namespace CustomerService.UnitTests.Hosting;

/// <summary>A bad setting must stop start-up with a message that names its key.</summary>
public sealed class OptionsValidationTests
{
    private static readonly Dictionary<string, string> Messages = new() { ["zh"] = "转人工", ["en"] = "human" };

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void An_answer_threshold_outside_zero_to_one_is_refused(double threshold)
    {
        var result = new AgentOptionsValidator().Validate(null, new AgentOptions { AnswerThreshold = threshold, FallbackMessages = Messages });

        Assert.True(result.Failed);
        Assert.Contains("Agent:AnswerThreshold", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_fallback_language_is_named()
    {
        var result = new AgentOptionsValidator().Validate(null, new AgentOptions { FallbackMessages = new() { ["zh"] = "抱歉" } });

        Assert.Contains("Agent:FallbackMessages:en", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_agent_settings_pass() =>
        Assert.True(new AgentOptionsValidator().Validate(null, new AgentOptions { FallbackMessages = Messages }).Succeeded);

    [Fact]
    public void Empty_handoff_phrases_are_named() =>
        Assert.Contains("Handoff:RequestPhrases:1", new HandoffOptionsValidator().Validate(null,
            new HandoffOptions { RequestPhrases = ["转人工", " "], RequestedMessages = Messages }).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void Event_bus_limits_are_checked()
    {
        var result = new EventBusOptionsValidator().Validate(null, new EventBusOptions { MaxAttempts = 0, PollInterval = TimeSpan.Zero });

        Assert.Contains("EventBus:MaxAttempts", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("EventBus:PollInterval", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_directory_that_cannot_be_created_is_named()
    {
        var file = Path.GetTempFileName(); // a file where a folder is wanted
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { DataDirectory = Path.Combine(file, "data") });

        Assert.Contains("Storage:DataDirectory", result.FailureMessage, StringComparison.Ordinal);
        File.Delete(file);
    }

    [Theory]
    [InlineData("Distributed", "not part of this build")]
    [InlineData("Cloud", "must be 'Embedded' or 'Distributed'")]
    public void Only_the_embedded_mode_starts_today(string mode, string reason)
    {
        var result = new BuildingBlocksOptionsValidator().Validate(null, new BuildingBlocksOptions { Mode = mode });

        Assert.Contains("BuildingBlocks:Mode", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(reason, result.FailureMessage, StringComparison.Ordinal);
    }
}
