using CustomerService.Core.Knowledge.Retrieval;

namespace CustomerService.UnitTests.Knowledge.Retrieval;

public sealed class HybridFusionOptionsTests
{
    private static readonly FusionOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new FusionOptions();

        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.Equal("Knowledge:Retrieval", FusionOptions.SectionName);
        Assert.Equal((FusionMode.Weighted, 60, 0.6, 0.4), (options.Mode, options.RrfK, options.LexicalWeight, options.VectorWeight));
    }

    [Theory]
    [InlineData(0, 0.5, 0.5, "Knowledge:Retrieval:RrfK")]
    [InlineData(-5, 0.5, 0.5, "Knowledge:Retrieval:RrfK")]
    [InlineData(60, -0.1, 0.5, "Knowledge:Retrieval:LexicalWeight")]
    [InlineData(60, 0.5, double.NaN, "Knowledge:Retrieval:VectorWeight")]
    [InlineData(60, 0.5, double.PositiveInfinity, "Knowledge:Retrieval:VectorWeight")]
    public void Each_failure_names_its_key(int rrfK, double lexicalWeight, double vectorWeight, string key)
    {
        var result = Validator.Validate(null, new FusionOptions { RrfK = rrfK, LexicalWeight = lexicalWeight, VectorWeight = vectorWeight });

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_weights_zero_names_both_keys()
    {
        var result = Validator.Validate(null, new FusionOptions { LexicalWeight = 0, VectorWeight = 0 });

        Assert.True(result.Failed);
        Assert.Contains("Knowledge:Retrieval:LexicalWeight", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Knowledge:Retrieval:VectorWeight", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void One_weight_zero_is_allowed_to_switch_a_ranking_off() =>
        Assert.True(Validator.Validate(null, new FusionOptions { LexicalWeight = 0, VectorWeight = 1 }).Succeeded);

    [Fact]
    public void An_undefined_mode_names_the_choices()
    {
        var result = Validator.Validate(null, new FusionOptions { Mode = (FusionMode)7 });

        Assert.Contains("Knowledge:Retrieval:Mode must be ReciprocalRank or Weighted", result.FailureMessage, StringComparison.Ordinal);
    }
}
