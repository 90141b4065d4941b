using System.Text;
using Typeset.Publishing.Pdf;

namespace Typeset.Tests.Publishing.Pdf;

public sealed class TextRunCompactorTests
{
    [Theory]
    [InlineData("6.457 0 Td <014b> Tj", 6.457, "0", "014b")]
    [InlineData("-.5 -12 Td <00AF01b2> Tj", -0.5, "-12", "00AF01b2")]
    public void ReadsGlyphLines(string line, double x, string y, string hex)
    {
        Assert.True(TextRunCompactor.TryGlyphLine(Encoding.Latin1.GetBytes(line), out var readX, out var readY, out var readHex));
        Assert.Equal(x, readX);
        Assert.Equal(y, Encoding.Latin1.GetString(readY));
        Assert.Equal(hex, Encoding.Latin1.GetString(readHex));
    }

    [Theory]
    [InlineData("6.457 0 Td <014g> Tj")]
    [InlineData("6.457 Td <014b> Tj")]
    [InlineData("6.4.57 0 Td <014b> Tj")]
    [InlineData("6. 0 Td <014b> Tj")]
    [InlineData("+6 0 Td <014b> Tj")]
    [InlineData("6 0 Td <> Tj")]
    [InlineData("6 0 Td (ab) Tj")]
    [InlineData("1 0 0 1 6 0 Tm")]
    [InlineData("6 0 0 Td <014b> Tj")]
    public void RefusesOtherLines(string line) =>
        Assert.False(TextRunCompactor.TryGlyphLine(Encoding.Latin1.GetBytes(line), out _, out _, out _));

    [Fact]
    public void JoinsARunOfGlyphsIntoOneArrayAndMovesTheNextPositionByWhatItSwallowed()
    {
        const string content = "BT\n/F1 10 Tf\n1 2 Td <0001> Tj\n5 0 Td <0002> Tj\n6 0 Td <0003> Tj\n0 -13 Td (x) Tj\nET";
        var compacted = TextRunCompactor.Compact(content, _ => _ => 500);

        // Advances of 500/1000 at 10 pt are 5 pt: the second glyph needs no adjustment, the third one of -100.
        Assert.Equal("BT\n/F1 10 Tf\n1 2 Td [<0001><0002>-100<0003>] TJ\n11 -13 Td (x) Tj\nET", compacted);
    }
}
