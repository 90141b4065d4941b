using SkiaSharp;
using Typeset.Interop.Tesseract;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

public class PagePreparationTests
{
    private static readonly string[] Lines = [.. Enumerable.Range(1, 16).Select(i => $"Строка {i}: " + SyntheticScan.Pangram)];

    /// <summary>A page of 11-point type as a scanner at <paramref name="dpi"/> gives it (PT Serif, set 1.5 apart), the header claiming <paramref name="header"/>.</summary>
    private static GreyImage Page(int dpi, int header)
    {
        var size = 11f / 72 * dpi;
        using var bitmap = SyntheticScan.Render(Lines, width: (int)(size * 36), sizePx: size);
        return SyntheticScan.Grey(bitmap, header);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(150)]
    [InlineData(100)]
    public void The_type_tells_the_resolution_within_a_fifth(int dpi)
    {
        var page = Page(dpi, 0);

        var measure = PageMeasure.Of(page, Binarization.InkThreshold(Binarization.Histogram(page, 1)));

        Assert.True(measure.HasText);
        Assert.InRange(measure.ImpliedDpi, dpi * 0.8, dpi * 1.25);
        Assert.InRange(measure.LinePitch, 11f / 72 * dpi * 1.4, 11f / 72 * dpi * 1.6);
        Assert.True(measure.Contrast > 150, $"contrast {measure.Contrast}");
    }

    [Fact]
    public void A_blank_page_has_no_text_to_measure()
    {
        var blank = new GreyImage(800, 1000, Enumerable.Repeat((byte)235, 800_000).ToArray(), 300);

        var measure = PageMeasure.Of(blank, 128);

        Assert.False(measure.HasText);
        Assert.Equal(0, measure.ImpliedDpi);
    }

    [Fact]
    public void A_header_is_believed_when_the_type_agrees_and_replaced_when_it_does_not()
    {
        var agreeing = PagePreparation.Prepare(Page(300, header: 300), forcedDpi: null, pixelLimit: 100_000_000);
        var viewer = PagePreparation.Prepare(Page(200, header: 96), forcedDpi: null, pixelLimit: 100_000_000);
        var none = PagePreparation.Prepare(Page(200, header: 0), forcedDpi: null, pixelLimit: 100_000_000);
        var forced = PagePreparation.Prepare(Page(200, header: 96), forcedDpi: 240, pixelLimit: 100_000_000);

        Assert.Equal((300, "header"), (agreeing.Page.Dpi, agreeing.DpiSource));
        Assert.Equal("type size", viewer.DpiSource);
        Assert.InRange(viewer.Page.Dpi, 160, 250);
        Assert.Equal(96, viewer.HeaderDpi);
        Assert.Equal("type size", none.DpiSource);
        Assert.Equal((240, "option"), (forced.Page.Dpi, forced.DpiSource));
    }

    [Fact]
    public void Small_type_is_enlarged_and_read_in_grey_while_clean_black_type_goes_in_black_and_white()
    {
        var small = PagePreparation.Prepare(Page(80, header: 0), forcedDpi: null, pixelLimit: 100_000_000);
        var large = PagePreparation.Prepare(Page(300, header: 300), forcedDpi: null, pixelLimit: 100_000_000);
        var capped = PagePreparation.Prepare(Page(80, header: 0), forcedDpi: null, pixelLimit: 2_000_000);

        Assert.True(small.Scale >= 2, $"scale {small.Scale}");
        Assert.InRange(small.Measure.XHeight * small.Scale, PagePreparation.TargetXHeight * 0.9, PagePreparation.TargetXHeight * 1.1);
        Assert.Equal(Handover.Grey, small.Handover);
        Assert.Equal(1, large.Scale);
        Assert.Equal(Handover.Binary, large.Handover);
        Assert.True(capped.Page.Width * capped.Page.Height * capped.Scale * capped.Scale <= 2_000_000 * 1.01, $"scale {capped.Scale}");
    }

    [Fact]
    public void Grey_ink_goes_to_Tesseract_in_grey()
    {
        var measure = new PageMeasure(XHeight: 22, LinePitch: 57, StrokeWidth: 4.6, Letters: 2000, PaperTone: 245, PaperNoise: 1.8, InkTone: 131);

        var (handover, reason) = PagePreparation.ChooseHandover(measure, scale: 1);

        Assert.Equal(Handover.Grey, handover);
        Assert.Contains("contrast 114", reason);
    }

    [Fact]
    public void Enlarging_keeps_the_picture_and_multiplies_the_resolution()
    {
        var page = new GreyImage(3, 2, [0, 100, 200, 50, 150, 250], 90);

        var twice = page.Enlarged(2);

        Assert.Equal((6, 4, 180), (twice.Width, twice.Height, twice.Dpi));
        Assert.Equal(0, twice[0, 0]);
        Assert.Equal(250, twice[5, 3]);
        Assert.InRange(twice[2, 0], 75, 125);
    }

    [Fact]
    public void Boxes_read_on_an_enlarged_or_cut_out_page_land_on_the_page_itself()
    {
        var word = new RecognizedWord("дом", 90, new Box(20, 40, 60, 20), false, false, 0, [new RecognizedSymbol("д", new Box(20, 40, 20, 20))]);
        var page = new RecognizedPage(400, 400, [new RecognizedBlock(BlockKind.FlowingText, new Box(20, 40, 60, 20), [new RecognizedLine(new Box(20, 40, 60, 20), 58, true, [word])])]);

        var placed = page.Shifted(10, 100).Shrunk(2, 200, 200);

        var line = placed.Blocks[0].Lines[0];
        Assert.Equal((200, 200), (placed.Width, placed.Height));
        Assert.Equal(new Box(15, 70, 30, 10), line.Words[0].Box);
        Assert.Equal(new Box(15, 70, 10, 10), line.Words[0].Symbols![0].Box);
        Assert.Equal(79, line.Baseline);
    }
}
