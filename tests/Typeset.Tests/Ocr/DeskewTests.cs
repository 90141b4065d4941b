using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

public class DeskewTests
{
    private static readonly string[] Lines = Enumerable.Range(0, 14).Select(i => $"Строка {i + 1}: " + SyntheticScan.Pangram).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    [InlineData(-3)]
    [InlineData(4.5)]
    public void The_skew_of_a_text_page_is_measured_within_a_fifth_of_a_degree(double degrees)
    {
        using var bitmap = SyntheticScan.Render(Lines, width: 2000, height: 1600, sizePx: 40, rotateDegrees: (float)degrees);

        var angle = Deskew.EstimateAngle(SyntheticScan.Grey(bitmap));

        Assert.InRange(angle, degrees - 0.2, degrees + 0.2);
    }

    [Fact]
    public void Straightening_leaves_a_nearly_level_page_alone_and_levels_a_skewed_one()
    {
        using var level = SyntheticScan.Render(Lines, width: 2000, height: 1600, sizePx: 40, rotateDegrees: 0.5f);
        using var skewed = SyntheticScan.Render(Lines, width: 2000, height: 1600, sizePx: 40, rotateDegrees: 2.5f);

        var (same, none) = Deskew.Straighten(SyntheticScan.Grey(level));
        var (straightened, angle) = Deskew.Straighten(SyntheticScan.Grey(skewed));

        Assert.Equal(0, none);
        Assert.Equal(SyntheticScan.Grey(level).Pixels, same.Pixels);
        Assert.InRange(angle, 2.3, 2.7);
        Assert.InRange(Deskew.EstimateAngle(straightened), -0.15, 0.15);
    }
}
