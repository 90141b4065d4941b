using Typeset.Publishing.Hyphenation;

namespace Typeset.Tests.Publishing.Hyphenation;

public class LiangHyphenatorTests
{
    private static readonly LiangHyphenator Russian = LiangHyphenator.LoadRussian();

    [Theory]
    [InlineData("государственный", "го-су-дар-ствен-ный")]
    [InlineData("наступательная", "на-сту-па-тель-ная")]
    [InlineData("Квантунской", "Кван-тун-ской")]
    [InlineData("операция", "опе-ра-ция")]
    [InlineData("ёлка", "ёл-ка")]
    public void Russian_words_break_at_syllables(string word, string expected) =>
        Assert.Equal(expected, Russian.Hyphenate(word));

    [Fact]
    public void The_KOI8_R_file_is_read_with_all_its_patterns_and_exceptions()
    {
        Assert.True(Russian.PatternCount > 4000, $"{Russian.PatternCount} patterns");
        // An exception-list word, hyphenated as listed.
        Assert.Equal("биз-нес-мен", Russian.Hyphenate("бизнесмен"));
    }

    [Theory]
    [InlineData("армия")]
    [InlineData("оружие")]
    [InlineData("японского")]
    [InlineData("государственный")]
    [InlineData("ёлка")]
    public void At_least_two_letters_stay_on_each_side(string word)
    {
        foreach (var point in Russian.Points(word))
        {
            Assert.InRange(point, 2, word.Length - 2);
        }
    }

    [Fact]
    public void Short_words_and_words_without_points_are_left_alone()
    {
        Assert.Empty(Russian.Points("и"));
        Assert.Empty(Russian.Points("под"));
        Assert.Empty(Russian.Points("тот"));
    }

    [Fact]
    public void Patterns_follow_liang_odd_digits_allow_even_forbid()
    {
        var hyphenator = new LiangHyphenator(["1ba", "b2c", "a1b"], leftMin: 1, rightMin: 1);

        // "abca": a1b allows a|b; b2c forbids b|c; 1ba does not match.
        Assert.Equal("a-bca", hyphenator.Hyphenate("abca"));
    }

    [Fact]
    public void Letters_are_lowered_as_dotnet_lowers_them()
    {
        for (var ch = '\0'; ch < '\u0530'; ch++)
        {
            Assert.Equal(char.ToLowerInvariant(ch), LiangHyphenator.Lower(ch));
        }

        Assert.Equal(LiangHyphenator.LoadRussian().Points("ответвление"), LiangHyphenator.LoadRussian().Points("ОТВЕТВЛЁНИЕ"));
        Assert.Equal(LiangHyphenator.LoadRussian().Points("КОМПЬЮТЕРНЫЙ"), LiangHyphenator.LoadRussian().Points("компьютерный"));
    }
}
