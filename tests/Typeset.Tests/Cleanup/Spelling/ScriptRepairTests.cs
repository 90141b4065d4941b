using Typeset.Cleanup.Spelling;

namespace Typeset.Tests.Cleanup.Spelling;

public class ScriptRepairTests
{
    [Theory]
    [InlineData("ХХ", "XX")]
    [InlineData("ХУП", "XVII")]
    [InlineData("ХIХ", "XIX")]
    [InlineData("ХХХХ", null)]
    [InlineData("МИР", null)]
    [InlineData("XX", null)]
    public void Cyrillic_readings_of_roman_numerals(string word, string? numeral) =>
        Assert.Equal(numeral, ScriptRepair.RomanNumeral(word));

    [Fact]
    public void Look_alike_letters_map_between_scripts()
    {
        Assert.Equal("Москва", ScriptRepair.ToCyrillic("Mocквa"));
        Assert.Equal("CAT", ScriptRepair.ToLatin("СAТ"));
        Assert.Null(ScriptRepair.ToCyrillic("Mосdва"));
        Assert.True(ScriptRepair.IsMixed("Mосква"));
        Assert.False(ScriptRepair.IsMixed("Москва"));
    }
}
