using Typeset.Publishing.Epub;
using Typeset.Publishing.Hyphenation;

namespace Typeset.Tests.Publishing.Epub;

public sealed class SoftHyphenatorTests
{
    private static readonly LiangHyphenator Russian = LiangHyphenator.LoadRussian();

    [Fact]
    public void LongWords_GetSoftHyphensAtTheLiangPoints()
    {
        var text = "Маньчжурская операция, государственный переворот.";

        var hyphenated = new SoftHyphenator(Russian).Insert(text);

        var expected = $"{Soft("Маньчжурская")} {Soft("операция")}, {Soft("государственный")} {Soft("переворот")}.";
        Assert.Equal(expected, hyphenated);
        Assert.Contains('\u00AD', hyphenated);
        Assert.Equal(text, hyphenated.Replace("\u00AD", string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("В 1945 году армия вошла в город.")] // no word of seven letters
    [InlineData("адрес редакция@издательство.рф")]
    [InlineData("Operation August Storm, Manchuria")]
    [InlineData("уже пере\u00ADнесённое")]
    public void ShortWordsAddressesLatinAndAlreadyHyphenatedWords_AreLeftAlone(string text)
    {
        Assert.Equal(text, new SoftHyphenator(Russian).Insert(text));
    }

    [Fact]
    public void Urls_StayIntact_TheWordsAroundThemDoNot()
    {
        var hyphenated = new SoftHyphenator(Russian).Insert("См. https://ru.wikipedia.org/wiki/Маньчжурская_операция подробнее");

        Assert.Equal($"См. https://ru.wikipedia.org/wiki/Маньчжурская_операция {Soft("подробнее")}", hyphenated);
        Assert.NotEqual("подробнее", Soft("подробнее"));
    }

    [Fact]
    public void HyphenatedCompounds_AreHyphenatedPartByPart()
    {
        var hyphenated = new SoftHyphenator(Russian).Insert("советско-японская");

        Assert.Equal($"{Soft("советско")}-{Soft("японская")}", hyphenated);
    }

    private static string Soft(string word) => Russian.Hyphenate(word, "\u00AD");
}
