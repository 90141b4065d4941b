using SkiaSharp;
using Typeset.Interop.Tesseract;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

public class FigureImagesTests
{
    private static readonly string[] Lines = [.. Enumerable.Range(1, 6).Select(i => $"Строка {i}: " + SyntheticScan.Pangram)];

    /// <summary>A colour page: text above and below a picture whose left half is red and right half blue, the whole turned by <paramref name="degrees"/>.</summary>
    private static SKBitmap Page(float degrees, bool colour)
    {
        var bitmap = new SKBitmap(1800, 2000, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        canvas.RotateDegrees(degrees, 900, 1000);
        using var typeface = SKTypeface.FromFile("/usr/share/fonts/truetype/paratype/PTF55F.ttf");
        using var font = new SKFont(typeface, 40);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (var i = 0; i < Lines.Length; i++)
        {
            canvas.DrawText(Lines[i], 80, 120 + i * 60, SKTextAlign.Left, font, ink);
            canvas.DrawText(Lines[i], 80, 1500 + i * 60, SKTextAlign.Left, font, ink);
        }

        var random = new Random(5);
        using var paint = new SKPaint();
        for (var y = 600; y < 1300; y += 10)
        {
            for (var x = 300; x < 1500; x += 10)
            {
                var shade = (byte)random.Next(40, 200);
                paint.Color = !colour ? new SKColor(shade, shade, shade) : x < 900 ? new SKColor(220, shade, 40) : new SKColor(40, shade, 220);
                canvas.DrawRect(x, y, 10, 10, paint);
            }
        }

        return bitmap;
    }

    private static (byte R, byte G, byte B) Mean(SKBitmap bitmap, int x0, int x1)
    {
        long r = 0, g = 0, b = 0, n = 0;
        for (var y = bitmap.Height / 4; y < bitmap.Height * 3 / 4; y += 3)
        {
            for (var x = x0; x < x1; x += 3)
            {
                var c = bitmap.GetPixel(x, y);
                (r, g, b, n) = (r + c.Red, g + c.Green, b + c.Blue, n + 1);
            }
        }

        return ((byte)(r / n), (byte)(g / n), (byte)(b / n));
    }

    [Fact]
    public void The_region_is_cut_in_colour_through_the_straightening_rotation()
    {
        using var skewed = Page(2.5f, colour: true);
        using var scan = ScanDecoder.DecodeColour(skewed.Encode(SKEncodedImageFormat.Png, 100).ToArray());

        // In the straightened page the picture stands at 300–1500 × 600–1300 again.
        using var region = FigureImages.ColourRegion(scan!, new Box(340, 640, 1120, 620), 2.5);

        Assert.NotNull(region);
        Assert.Equal((1120, 620), (region.Width, region.Height));
        var left = Mean(region, 20, 500);
        var right = Mean(region, 620, 1100);
        Assert.True(left.R > 180 && left.B < 80, $"left half {left}");
        Assert.True(right.B > 180 && right.R < 80, $"right half {right}");

        // The picture's top edge comes out level: paper just above it all along, colour just below it all along.
        using var edge = FigureImages.ColourRegion(scan!, new Box(340, 560, 1120, 90), 2.5)!;
        foreach (var x in new[] { 10, 560, 1100 })
        {
            Assert.True(edge.GetPixel(x, 25) is { Red: > 230, Green: > 230, Blue: > 230 }, $"paper at x={x}: {edge.GetPixel(x, 25)}");
            var colour = edge.GetPixel(x, 65);
            Assert.True(Math.Max(colour.Red, colour.Blue) - Math.Min(colour.Red, colour.Blue) > 100, $"picture at x={x}: {colour}");
        }
    }

    [Fact]
    public void A_grey_picture_on_a_colour_scan_stays_grey()
    {
        using var page = Page(0, colour: false);
        using var scan = ScanDecoder.DecodeColour(page.Encode(SKEncodedImageFormat.Png, 100).ToArray());

        Assert.NotNull(scan);
        Assert.Null(FigureImages.ColourRegion(scan, new Box(300, 600, 1200, 700), 0));
    }

    [Theory]
    [InlineData("p1.jpg")]
    [InlineData("p1.pdf")]
    public void Recognising_a_colour_page_crops_its_picture_as_colour_JPEG(string name)
    {
        using var scratch = new ScratchFolder();
        using var page = Page(2.5f, colour: true);
        var scans = Path.Combine(scratch.Path, "scans");
        Directory.CreateDirectory(scans);
        var jpeg = page.Encode(SKEncodedImageFormat.Jpeg, 92).ToArray();
        if (name.EndsWith(".pdf", StringComparison.Ordinal))
        {
            // A PDF of scans as a scanner writes it: the page's JPEG at 300 dpi.
            using var stream = File.Create(Path.Combine(scans, name));
            using var document = SKDocument.CreatePdf(stream);
            var canvas = document.BeginPage(page.Width * 72f / 300, page.Height * 72f / 300);
            using var image = SKImage.FromEncodedData(jpeg);
            canvas.DrawImage(image, SKRect.Create(0, 0, page.Width * 72f / 300, page.Height * 72f / 300), new SKSamplingOptions(SKFilterMode.Linear));
            document.EndPage();
            document.Close();
        }
        else
        {
            File.WriteAllBytes(Path.Combine(scans, name), jpeg);
        }

        var folders = new OcrFolders(scratch.Path, Path.Combine(scratch.Path, "images"), Path.Combine(scratch.Path, "work"));

        var result = PageRecognizer.Recognize([scans], new OcrSettings(), folders);

        var figure = Assert.Single(result.Pages.Single().Figures);
        Assert.EndsWith(".jpg", figure.ImagePath, StringComparison.Ordinal);
        using var cropped = SKBitmap.Decode(Path.Combine(scratch.Path, figure.ImagePath));
        Assert.Equal((figure.Box.Width, figure.Box.Height), (cropped.Width, cropped.Height));
        var left = Mean(cropped, cropped.Width / 10, cropped.Width * 4 / 10);
        var right = Mean(cropped, cropped.Width * 6 / 10, cropped.Width * 9 / 10);
        Assert.True(left.R > 160 && left.B < 100, $"left half {left}");
        Assert.True(right.B > 160 && right.R < 100, $"right half {right}");
    }

    [Fact]
    public void A_colour_TIFF_page_is_read_in_colour_with_the_size_of_its_grey_page()
    {
        using var scratch = new ScratchFolder();
        using var page = Page(0, colour: true);
        var file = Path.Combine(scratch.Path, "page.tif");
        File.WriteAllBytes(file, RgbTiff(page));
        var source = new ScanSource(file, 0, ScanFormat.Tiff);

        var grey = ScanDecoder.Decode(source, OcrSettings.DefaultMaxPixels, 300);
        using var colour = ScanDecoder.DecodeColour(source, 300);

        Assert.NotNull(colour);
        Assert.Equal((grey.Width, grey.Height), (colour.Width, colour.Height));
        Assert.Equal(page.GetPixel(400, 700), colour.GetPixel(400, 700));
        Assert.Equal(page.GetPixel(1200, 900), colour.GetPixel(1200, 900));
    }

    /// <summary>An uncompressed 8-bit RGB TIFF of one page.</summary>
    private static byte[] RgbTiff(SKBitmap page)
    {
        var rgb = new byte[page.Width * page.Height * 3];
        for (var y = 0; y < page.Height; y++)
        {
            for (var x = 0; x < page.Width; x++)
            {
                var c = page.GetPixel(x, y);
                var i = (y * page.Width + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = (c.Red, c.Green, c.Blue);
            }
        }

        return SyntheticScan.Tiff(page.Width, page.Height, [8, 8, 8], photometric: 2, rgb);
    }
}
