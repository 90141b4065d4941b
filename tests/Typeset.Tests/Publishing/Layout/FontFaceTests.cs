using Typeset.Publishing.Layout;

namespace Typeset.Tests.Publishing.Layout;

public sealed class FontFaceTests : IDisposable
{
    private readonly FontFace face = new(FontResolver.System.Resolve("PT Serif", FontVariant.Regular));

    public void Dispose() => face.Dispose();

    [Theory]
    [InlineData("Маньчжурия", true)]
    [InlineData("1945", true)]
    [InlineData("office", false)] // the fi ligature: one glyph for two letters
    [InlineData("fl", false)]
    public void MapsByCmap_OnlyWhenEachGlyphIsTheFontsOwnForOneCharacter(string text, bool expected)
    {
        Assert.Equal(expected, face.Shape(text).MapsByCmap);
    }

    [Fact]
    public void MapsByCmap_IsFalse_ForAGlyphTwoCharactersShare()
    {
        // PT Serif draws the micro sign and the Greek mu with one glyph: a reader would give back only one of them.
        Assert.False(face.Shape("5 µm").MapsByCmap);
        Assert.False(face.Shape("μ").MapsByCmap);
    }
}
