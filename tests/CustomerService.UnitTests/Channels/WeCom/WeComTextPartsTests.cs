using System.Text;
using CustomerService.Channels.WeCom;

namespace CustomerService.UnitTests.Channels.WeCom;

/// <summary>A reply cut to WeCom's 2048-byte text limit: whole characters, at line or sentence ends, at most four parts.</summary>
public sealed class WeComTextPartsTests
{
    [Fact]
    public void A_short_reply_is_one_part_trimmed_and_an_empty_one_none()
    {
        Assert.Equal(["您好！"], WeComTextParts.Of("  您好！\n"));
        Assert.Empty(WeComTextParts.Of(" \n "));
    }

    [Fact]
    public void A_reply_of_exactly_the_limit_is_one_part()
    {
        var text = new string('a', 2045) + "退"; // 2048 bytes

        Assert.Equal([text], WeComTextParts.Of(text));
    }

    [Fact]
    public void A_long_reply_is_cut_after_a_sentence_and_loses_nothing()
    {
        var sentences = Enumerable.Range(0, 40).Select(i => new string('退', 20) + "。").ToArray(); // 61 bytes each, no line breaks

        var parts = WeComTextParts.Of(string.Concat(sentences));

        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= WeComTextParts.MaxBytes));
        Assert.All(parts, p => Assert.EndsWith("。", p, StringComparison.Ordinal));
        Assert.Equal(string.Concat(sentences), string.Concat(parts));
    }

    [Fact]
    public void Emoji_are_never_cut_in_half()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 700)); // 4 UTF-8 bytes, 2 UTF-16 chars each

        var parts = WeComTextParts.Of(text);

        Assert.Equal([512 * 2, 188 * 2], parts.Select(p => p.Length));
        Assert.All(parts, p => Assert.Equal(p, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(p)))); // no lone surrogate
    }

    [Fact]
    public void What_does_not_fit_in_four_parts_is_cut_with_an_ellipsis()
    {
        var text = new string('退', 5000); // 15 000 bytes

        var parts = WeComTextParts.Of(text);

        Assert.Equal(WeComTextParts.MaxParts, parts.Count);
        Assert.EndsWith("…", parts[^1], StringComparison.Ordinal);
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= WeComTextParts.MaxBytes));
        Assert.StartsWith(string.Concat(parts)[..^1], text, StringComparison.Ordinal);
    }
}
