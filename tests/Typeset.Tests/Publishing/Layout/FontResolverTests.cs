using Typeset.Publishing.Layout;

namespace Typeset.Tests.Publishing.Layout;

public class FontResolverTests
{
    [Theory]
    [InlineData("PT Serif", FontVariant.Regular, "PTF55F.ttf")]
    [InlineData("PT Serif", FontVariant.Italic, "PTF56F.ttf")]
    [InlineData("PT Serif", FontVariant.Bold, "PTF75F.ttf")]
    [InlineData("PT Serif", FontVariant.BoldItalic, "PTF76F.ttf")]
    [InlineData("pt sans", FontVariant.Bold, "PTS75F.ttf")]
    public void Resolves_family_and_variant_to_the_matching_file(string family, FontVariant variant, string expectedFile)
    {
        var path = FontResolver.System.Resolve(family, variant);

        Assert.Equal(expectedFile, Path.GetFileName(path));
    }

    [Fact]
    public void Unknown_family_fails_naming_the_family()
    {
        var error = Assert.Throws<FontNotFoundException>(() => FontResolver.System.Resolve("No Such Family", FontVariant.Regular));

        Assert.Contains("'No Such Family'", error.Message, StringComparison.Ordinal);
    }
}
