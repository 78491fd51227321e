using CustomerService.Conformance;
using CustomerService.Host.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerService.UnitTests.Logging;

public sealed class SensitiveDataMaskerTests
{
    [Theory]
    [InlineData("客户手机13812345678已登记", "客户手机138****5678已登记")]
    [InlineData("call +86 138 1234 5678 now", "call +86 138****5678 now")]
    [InlineData("phone:8613812345678", "phone:86138****5678")]
    [InlineData("tel 159-0000-1111.", "tel 159****1111.")]
    [InlineData("身份证110101199003074518", "身份证110***********4518")]
    [InlineData("id 11010119900307451X end", "id 110***********451X end")]
    [InlineData("old id 110101900307451", "old id 110********7451")]
    public void Phone_and_id_numbers_are_masked(string text, string expected) =>
        Assert.Equal(expected, SensitiveDataMasker.Mask(text));

    [Theory]
    [InlineData("order 20261120 total ¥1999")]
    [InlineData("hotline 400-820-1234")]
    [InlineData("12345678901")] // 11 digits but not a mobile prefix
    [InlineData("no digits at all")]
    public void Other_numbers_are_left_alone(string text) => Assert.Equal(text, SensitiveDataMasker.Mask(text));

    [Fact]
    public void The_log_formatter_masks_message_properties_and_exceptions()
    {
        var formatter = new MaskedJsonConsoleFormatter(new FakeTimeProvider());
        var state = new List<KeyValuePair<string, object?>> { new("Phone", "13812345678"), new("{OriginalFormat}", "Customer {Phone}") };
        var entry = new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(LogLevel.Warning, "test", new EventId(7), state,
            new InvalidOperationException("lookup failed for 110101199003074518"), (_, _) => "Customer 13812345678");
        using var output = new StringWriter();

        formatter.Write(entry, null, output);

        var line = output.ToString();
        Assert.DoesNotContain("13812345678", line, StringComparison.Ordinal);
        Assert.DoesNotContain("110101199003074518", line, StringComparison.Ordinal);
        Assert.Contains("\"message\":\"Customer 138****5678\"", line, StringComparison.Ordinal);
        Assert.Contains("\"Phone\":\"138****5678\"", line, StringComparison.Ordinal);
        Assert.Contains("110***********4518", line, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"Warning\"", line, StringComparison.Ordinal);
    }
}
