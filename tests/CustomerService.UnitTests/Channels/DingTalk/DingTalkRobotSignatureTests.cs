using CustomerService.Channels.DingTalk;
using static CustomerService.Channels.DingTalk.DingTalkRobotSignature;

namespace CustomerService.UnitTests.Channels.DingTalk;

/// <summary>The robot callback's <c>timestamp</c> + <c>sign</c> headers (spec §2.1) and the custom robot's sign (§4).</summary>
public sealed class DingTalkRobotSignatureTests
{
    private const string Timestamp = "1577262236757";
    private const string Secret = "this is a secret";
    private const string VectorSign = "DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=";
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1577262236757);

    [Fact]
    public void The_spec_vector_signs_as_published() => Assert.Equal(VectorSign, Sign(Timestamp, Secret));

    [Fact]
    public void The_custom_robot_vector_is_the_same_sign_url_encoded() =>
        Assert.Equal("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA%3D", Uri.EscapeDataString(Sign(Timestamp, Secret)));

    [Fact]
    public void The_spec_vector_verifies_at_its_own_time_and_up_to_an_hour_either_side()
    {
        Assert.Equal(Outcome.Valid, Verify(Timestamp, VectorSign, Secret, At));
        Assert.Equal(Outcome.Valid, Verify(Timestamp, VectorSign, Secret, At.AddHours(1)));
        Assert.Equal(Outcome.Valid, Verify(Timestamp, VectorSign, Secret, At.AddHours(-1)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void A_timestamp_more_than_an_hour_away_is_stale(int direction) =>
        Assert.Equal(Outcome.Stale, Verify(Timestamp, VectorSign, Secret, At.AddHours(direction).AddMilliseconds(direction)));

    [Theory]
    [InlineData("this is a secreT", VectorSign)] // another secret
    [InlineData(Secret, "DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CB=")] // decodes to the same bytes, but is not the signature DingTalk sends
    [InlineData(Secret, "EJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=")] // one character off
    [InlineData(Secret, "DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA")] // padding dropped
    [InlineData(Secret, "not base64 at all!")]
    [InlineData(Secret, "DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CADJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=")] // too long
    [InlineData(Secret, "DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAk")] // a prefix
    public void Any_other_sign_is_a_mismatch(string secret, string sign) =>
        Assert.Equal(Outcome.Mismatch, Verify(Timestamp, sign, secret, At));

    [Fact]
    public void The_sign_binds_the_timestamp() =>
        Assert.Equal(Outcome.Mismatch, Verify("1577262236758", VectorSign, Secret, At));

    [Theory]
    [InlineData(null, VectorSign)]
    [InlineData("", VectorSign)]
    [InlineData(Timestamp, null)]
    [InlineData(Timestamp, "")]
    public void Missing_headers_are_missing(string? timestamp, string? sign) =>
        Assert.Equal(Outcome.Missing, Verify(timestamp, sign, Secret, At));

    [Theory]
    [InlineData("1577262236757.0")]
    [InlineData("-1577262236757")]
    [InlineData(" 1577262236757")]
    [InlineData("99999999999999999999")]
    [InlineData("1577262236")] // seconds, not milliseconds: fifty years ago
    public void A_timestamp_that_is_not_milliseconds_near_now_is_stale(string timestamp) =>
        Assert.Equal(Outcome.Stale, Verify(timestamp, Sign(timestamp, Secret), Secret, At));
}
