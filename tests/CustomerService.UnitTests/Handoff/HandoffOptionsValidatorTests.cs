using CustomerService.Core.Handoff;

namespace CustomerService.UnitTests.Handoff;

public sealed class HandoffOptionsValidatorTests
{
    private static HandoffOptions Valid() => new() { RequestedMessages = new() { ["zh"] = "转接中", ["en"] = "Connecting" } };

    [Fact]
    public void The_defaults_are_valid() => Assert.True(new HandoffOptionsValidator().Validate(null, Valid()).Succeeded);

    [Fact]
    public void Each_bad_setting_is_named_with_its_value()
    {
        var options = Valid();
        options.RepeatLimit = 1;
        options.RepeatSimilarity = 1.5;
        options.RepeatMinLength = 0;
        options.UnansweredLimit = 0;
        options.SentimentThreshold = 0.2;
        options.SentimentMessages["en"] = " ";
        options.NegativeWords["垃圾"] = 0.5;

        var failures = new HandoffOptionsValidator().Validate(null, options).Failures ?? [];

        Assert.Equal(
            [
                "Handoff:RepeatLimit must be between 2 and 10 (was 1).",
                "Handoff:RepeatSimilarity must be between 0.5 and 1 (was 1.5).",
                "Handoff:RepeatMinLength must be between 1 and 20 (was 0).",
                "Handoff:UnansweredLimit must be between 1 and 10 (was 0).",
                "Handoff:SentimentThreshold must be between -1 and 0, exclusive (was 0.2).",
                "Handoff:SentimentMessages:en must be set.",
                "Handoff:NegativeWords:垃圾 must be between -1 and 0 (was 0.5).",
            ],
            failures);
    }
}
