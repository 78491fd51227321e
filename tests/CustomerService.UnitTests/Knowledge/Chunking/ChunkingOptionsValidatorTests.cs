using CustomerService.Core.Knowledge.Chunking;

namespace CustomerService.UnitTests.Knowledge.Chunking;

/// <summary>A bad chunking setting stops start-up with a message that names its key.</summary>
public sealed class ChunkingOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new ChunkingOptionsValidator().Validate(null, new ChunkingOptions()).Succeeded);

    [Theory]
    [InlineData(99, 0, "Knowledge:Chunking:MaxChars must be between 100 and 10000 (was 99).")]
    [InlineData(10_001, 0, "Knowledge:Chunking:MaxChars must be between 100 and 10000 (was 10001).")]
    [InlineData(600, 400, "Knowledge:Chunking:OverlapChars must be between 0 and half of MaxChars (was 400).")]
    [InlineData(600, -1, "Knowledge:Chunking:OverlapChars must be between 0 and half of MaxChars (was -1).")]
    public void A_value_out_of_range_is_named(int maxChars, int overlapChars, string message)
    {
        var result = new ChunkingOptionsValidator().Validate(null, new ChunkingOptions { MaxChars = maxChars, OverlapChars = overlapChars });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }
}
