using SkiaSharp;
using Typeset.Interop.Tesseract;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

public class PageOrientationTests
{
    private static readonly string[] Lines = [.. Enumerable.Range(1, 14).Select(i => $"Строка {i}: " + SyntheticScan.Pangram)];

    [Fact]
    public void Turning_moves_every_pixel_a_quarter_turn_clockwise_and_four_turns_give_the_page_back()
    {
        var page = new GreyImage(3, 2, [1, 2, 3, 4, 5, 6], 300);

        var once = PageOrientation.Turn(page, 1);

        Assert.Equal((2, 3), (once.Width, once.Height));
        Assert.Equal(new byte[] { 4, 1, 5, 2, 6, 3 }, once.Pixels);
        Assert.Equal(new byte[] { 6, 5, 4, 3, 2, 1 }, PageOrientation.Turn(page, 2).Pixels);
        Assert.Equal(new byte[] { 3, 6, 2, 5, 1, 4 }, PageOrientation.Turn(page, 3).Pixels);
        Assert.Equal(page.Pixels, PageOrientation.Turn(PageOrientation.Turn(once, 1), 2).Pixels);
    }

    [Fact]
    public void A_colour_scan_turns_exactly_as_the_grey_page()
    {
        using var scan = new SKBitmap(new SKImageInfo(5, 3, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var grey = new byte[15];
        for (var i = 0; i < 15; i++)
        {
            grey[i] = (byte)(i * 10);
            scan.SetPixel(i % 5, i / 5, new SKColor(grey[i], 0, 0));
        }

        foreach (var turns in new[] { 1, 2, 3 })
        {
            using var turned = PageOrientation.Turn(scan, turns);
            var expected = PageOrientation.Turn(new GreyImage(5, 3, grey, 300), turns);
            Assert.Equal((expected.Width, expected.Height), (turned.Width, turned.Height));
            for (var y = 0; y < turned.Height; y++)
            {
                for (var x = 0; x < turned.Width; x++)
                {
                    Assert.Equal(expected[x, y], turned.GetPixel(x, y).Red);
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Orientation_detection_tells_how_to_stand_a_turned_page_upright(int turnedBy)
    {
        using var bitmap = SyntheticScan.Render(Lines, width: 1800, height: 1400, sizePx: 40);
        var turned = PageOrientation.Turn(SyntheticScan.Grey(bitmap), turnedBy);
        var binary = Binarization.Binarize(turned);
        using var detector = TesseractEngine.OpenOrientationDetector();

        var found = detector.DetectOrientation(binary.Bits, binary.Width, binary.Height, binary.Stride, binary.Dpi);

        Assert.NotNull(found);
        Assert.True(found.Confidence >= PageOrientation.SureOrientation, $"confidence {found.Confidence}");
        Assert.Equal(4 - turnedBy, PageOrientation.QuarterTurnsToUpright(found));
    }

    [Fact]
    public void Pages_scanned_upside_down_or_sideways_are_read_upright_and_an_upright_page_is_left_alone()
    {
        using var scratch = new ScratchFolder();
        using var bitmap = SyntheticScan.Render(Lines, width: 1800, height: 1400, sizePx: 40);
        var upright = SyntheticScan.Grey(bitmap);
        var scans = Path.Combine(scratch.Path, "scans");
        Directory.CreateDirectory(scans);
        foreach (var (name, turns) in new[] { ("p1", 0), ("p2", 2), ("p3", 1) })
        {
            using var page = PageOrientation.Turn(upright, turns).ToBitmap();
            File.WriteAllBytes(Path.Combine(scans, name + ".png"), SKImage.FromBitmap(page).Encode(SKEncodedImageFormat.Png, 100).ToArray());
        }

        var folders = new OcrFolders(scratch.Path, Path.Combine(scratch.Path, "images"), Path.Combine(scratch.Path, "work"));
        var result = PageRecognizer.Recognize([scans], new OcrSettings(), folders);

        Assert.Equal([0, 180, 270], result.Pages.Select(p => p.Orientation));
        foreach (var page in result.Pages)
        {
            Assert.Equal((1800, 1400), (page.Recognized.Width, page.Recognized.Height));
            var text = string.Join(' ', page.Recognized.Blocks.SelectMany(b => b.Lines).SelectMany(l => l.Words).Select(w => w.Text));
            Assert.Contains("Строка 7: Съешь же ещё этих мягких французских булок", text);
        }
    }
}
