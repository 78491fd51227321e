using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// The <c>timestamp</c> and <c>sign</c> headers of a robot's HTTP callback:
/// <c>sign = Base64(HMAC-SHA256(appSecret, timestamp + "\n" + appSecret))</c>, timestamp in ms within one hour of now.
/// </summary>
public static class DingTalkRobotSignature
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromHours(1);

    public enum Outcome { Valid, Missing, Stale, Mismatch }

    public static string Sign(string timestamp, string appSecret) =>
        Convert.ToBase64String(Hash(timestamp, appSecret));

    public static Outcome Verify(string? timestamp, string? sign, string appSecret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(sign))
        {
            return Outcome.Missing;
        }

        if (!IsFresh(timestamp, now))
        {
            return Outcome.Stale;
        }

        // Compared as text: Base64 of 32 bytes has two spare bits, so decoding would accept 4 spellings of one signature.
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(timestamp, appSecret)), Encoding.UTF8.GetBytes(sign))
            ? Outcome.Valid
            : Outcome.Mismatch;
    }

    /// <summary>A millisecond Unix timestamp within <see cref="MaxClockSkew"/> of <paramref name="now"/>; anything unparseable is not fresh.</summary>
    public static bool IsFresh(string timestamp, DateTimeOffset now) =>
        timestamp.Length <= 15 && timestamp.All(char.IsAsciiDigit)
        && long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
        && Math.Abs(now.ToUnixTimeMilliseconds() - ms) <= (long)MaxClockSkew.TotalMilliseconds;

    private static byte[] Hash(string timestamp, string appSecret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(timestamp + "\n" + appSecret));
}
