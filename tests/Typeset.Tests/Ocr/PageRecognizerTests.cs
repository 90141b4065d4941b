using SkiaSharp;
using Typeset.Interop.Tesseract;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

public class PageRecognizerTests
{
    private static readonly RecognizedPage Page = new(1000, 1400, []);

    private static GreyImage Filled(int width, int height, Func<int, int, byte> pixel)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[y * width + x] = pixel(x, y);
            }
        }

        return new GreyImage(width, height, pixels, 300);
    }

    [Fact]
    public void A_dark_band_along_the_edge_is_a_scanner_border_not_a_figure()
    {
        var band = Filled(1000, 90, (x, y) => (byte)(20 + (x % 7)));

        Assert.True(PageRecognizer.IsScannerBorder(new Box(0, 1310, 1000, 90), band, Page));
    }

    [Fact]
    public void A_textured_picture_is_a_figure_wherever_it_stands()
    {
        var photo = Filled(600, 400, (x, y) => (byte)(128 + 100 * Math.Sin(x / 23.0) * Math.Cos(y / 17.0)));

        Assert.False(PageRecognizer.IsScannerBorder(new Box(200, 300, 600, 400), photo, Page));
        Assert.False(PageRecognizer.IsScannerBorder(new Box(0, 0, 600, 400), photo, Page));
    }

    [Fact]
    public void Review_gets_a_level_JPEG_as_it_is_and_a_skewed_page_straightened()
    {
        using var scratch = new ScratchFolder();
        string[] lines = [.. Enumerable.Range(1, 12).Select(i => $"Строка {i}: " + SyntheticScan.Pangram)];
        using var level = SyntheticScan.Render(lines, width: 1800, height: 1400, sizePx: 40);
        using var skewed = SyntheticScan.Render(lines, width: 1800, height: 1400, sizePx: 40, rotateDegrees: 2.5f);
        var scans = Path.Combine(scratch.Path, "scans");
        Directory.CreateDirectory(scans);
        var levelJpeg = SKImage.FromBitmap(level).Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        File.WriteAllBytes(Path.Combine(scans, "p1.jpg"), levelJpeg);
        File.WriteAllBytes(Path.Combine(scans, "p2.jpg"), SKImage.FromBitmap(skewed).Encode(SKEncodedImageFormat.Jpeg, 90).ToArray());
        var review = Path.Combine(scratch.Path, "review", "scans");
        var folders = new OcrFolders(scratch.Path, Path.Combine(scratch.Path, "images"), Path.Combine(scratch.Path, "work"), review);

        var result = PageRecognizer.Recognize([scans], new OcrSettings(), folders);

        Assert.Equal([0.0, 2.5], result.Pages.Select(p => Math.Round(p.DeskewAngle * 2) / 2));
        Assert.Equal(levelJpeg, File.ReadAllBytes(Path.Combine(review, "page-0001.jpg")));
        using var straightened = SKBitmap.Decode(Path.Combine(review, "page-0002.jpg"));
        Assert.Equal((1800, 1400), (straightened.Width, straightened.Height));
    }
}
