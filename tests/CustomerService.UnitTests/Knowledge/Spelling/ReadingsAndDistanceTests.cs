using CustomerService.Core.Knowledge.Matching.Spelling;

namespace CustomerService.UnitTests.Knowledge.Spelling;

public sealed class ReadingsAndDistanceTests
{
    [Theory]
    [InlineData('伙', '货', true)]
    [InlineData('漂', '票', true)]   // piāo and piào: tones are dropped
    [InlineData('卷', '券', false)]  // juan and quan
    [InlineData('卡', '费', false)]
    public void Characters_share_a_syllable_when_some_modern_reading_is_the_same(char a, char b, bool expected)
    {
        Assert.Equal(expected, MandarinReadings.SameSyllable(a, b));
    }

    [Fact]
    public void Readings_come_from_the_embedded_unihan_table_and_rhymes_drop_the_initial()
    {
        Assert.Contains("huo", MandarinReadings.Of('货'));
        Assert.Empty(MandarinReadings.Of('A'));
        Assert.True(MandarinReadings.SameRhyme('卷', '券'));
        Assert.Equal(("uang", "uan", "i"), (MandarinReadings.Rhyme("zhuang"), MandarinReadings.Rhyme("quan"), MandarinReadings.Rhyme("yi")));
    }

    [Theory]
    [InlineData("return", "return", 0)]
    [InlineData("retrun", "return", 1)]   // a transposition counts once
    [InlineData("shiping", "shipping", 1)]
    [InlineData("pasword", "password", 1)]
    [InlineData("recieve", "receive", 1)]
    [InlineData("abc", "xyz", 3)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_transpositions(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Within(a, b, limit: 3));
    }

    [Fact]
    public void Edit_distance_stops_at_its_limit()
    {
        Assert.Equal(2, EditDistance.Within("password", "passport", limit: 1));
        Assert.Equal(2, EditDistance.Within("a", "abcd", limit: 1));
    }
}
