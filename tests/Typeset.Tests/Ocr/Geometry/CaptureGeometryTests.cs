using SkiaSharp;
using Typeset.Interop.Tesseract;
using Typeset.Ocr;
using Typeset.Ocr.Geometry;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr.Geometry;

public class CaptureGeometryTests
{
    private static readonly string[] Left = [.. Enumerable.Range(1, 14).Select(i => $"Левая {i}: " + SyntheticScan.Pangram[..30])];
    private static readonly string[] Right = [.. Enumerable.Range(1, 14).Select(i => $"Правая {i}: " + SyntheticScan.Pangram[20..])];

    /// <summary>A page of text (portrait), as a scanner gives it.</summary>
    private static SKBitmap Page(IReadOnlyList<string> lines) => SyntheticScan.Render(lines, width: 1000, height: 1400, sizePx: 28);

    /// <summary>
    /// Two pages side by side as an open book lies: the paper darkening towards the spine (a shadow
    /// <paramref name="shadow"/> grey levels deep at the fold, fading over a tenth of each page).
    /// </summary>
    private static SKBitmap Spread(SKBitmap left, SKBitmap right, int shadow)
    {
        var spread = new SKBitmap(left.Width + right.Width, left.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        var pixels = new byte[spread.Width * spread.Height];
        for (var y = 0; y < spread.Height; y++)
        {
            left.GetPixelSpan().Slice(y * left.Width, left.Width).CopyTo(pixels.AsSpan(y * spread.Width));
            right.GetPixelSpan().Slice(y * right.Width, right.Width).CopyTo(pixels.AsSpan(y * spread.Width + left.Width));
        }

        var fade = left.Width / 10.0;
        for (var y = 0; y < spread.Height; y++)
        {
            for (var x = 0; x < spread.Width; x++)
            {
                var distance = Math.Abs(x - left.Width + 0.5);
                if (distance < fade)
                {
                    var i = y * spread.Width + x;
                    pixels[i] = (byte)Math.Max(0, pixels[i] - shadow * (1 - distance / fade));
                }
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, spread.GetPixels(), pixels.Length);
        return spread;
    }

    /// <summary>The picture laid on a dark, slightly textured table with <paramref name="margin"/> pixels of it showing on each side.</summary>
    private static GreyImage OnTable(SKBitmap picture, int left, int top, int right, int bottom)
    {
        var width = picture.Width + left + right;
        var height = picture.Height + top + bottom;
        var pixels = new byte[width * height];
        var random = new Random(7);
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(45 + random.Next(30));
        }

        var source = picture.GetPixelSpan();
        for (var y = 0; y < picture.Height; y++)
        {
            source.Slice(y * picture.Width, picture.Width).CopyTo(pixels.AsSpan((y + top) * width + left, picture.Width));
        }

        return new GreyImage(width, height, pixels, 200);
    }

    private static Box InkBox(GreyImage image)
    {
        int x0 = image.Width, y0 = image.Height, x1 = -1, y1 = -1;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                if (image[x, y] < 100)
                {
                    (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                }
            }
        }

        return new Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    private static bool Holds(Box outer, Box inner) =>
        inner.X >= outer.X && inner.Y >= outer.Y && inner.Right <= outer.Right && inner.Bottom <= outer.Bottom;

    [Fact]
    public void A_page_on_a_dark_table_is_cut_out_without_losing_any_text()
    {
        using var page = Page(Left);
        var text = InkBox(SyntheticScan.Grey(page));
        var capture = OnTable(page, left: 120, top: 60, right: 40, bottom: 150);

        var pages = CaptureGeometry.Pages(capture);

        var found = Assert.Single(pages);
        Assert.InRange(found.Region.X, 100, 121);
        Assert.InRange(found.Region.Y, 40, 61);
        Assert.InRange(capture.Width - found.Region.Right, 20, 41);
        Assert.InRange(capture.Height - found.Region.Bottom, 130, 151);
        Assert.True(Holds(found.Region, text with { X = text.X + 120, Y = text.Y + 60 }), $"text {text} cut by {found.Region}");
        Assert.Equal("border-crop", Assert.Single(found.Steps).Step);
        Assert.Equal((found.Region.Width, found.Region.Height), (found.Image.Width, found.Image.Height));
    }

    [Fact]
    public void The_table_showing_around_a_page_askew_is_painted_over_and_not_a_letter_with_it()
    {
        using var page = Page(Left);
        var width = page.Width + 200;
        var height = page.Height + 200;
        using var photo = new SKBitmap(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        var random = new Random(3);
        var table = new byte[width * height];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = (byte)(60 + random.Next(40));
        }

        System.Runtime.InteropServices.Marshal.Copy(table, 0, photo.GetPixels(), table.Length);
        using (var canvas = new SKCanvas(photo))
        {
            // The sheet lies turned by 4° and fills the frame but for wedges of table at the edges.
            canvas.Translate(width / 2f, height / 2f);
            canvas.RotateDegrees(4);
            canvas.Scale(1.12f);
            using var image = SKImage.FromBitmap(page);
            canvas.DrawImage(image, -page.Width / 2f, -page.Height / 2f, new SKSamplingOptions(SKFilterMode.Linear));
        }

        var capture = SyntheticScan.Grey(photo);
        int Ink(GreyImage g) => g.Pixels.Count(p => p < 40);

        var found = Assert.Single(CaptureGeometry.Pages(capture));

        Assert.Contains(found.Steps, s => s.Step == "background-painted");
        Assert.True(Ink(capture) > 10_000);
        Assert.Equal(Ink(capture), Ink(found.Image));
        Assert.True(found.Image.Pixels.Count(p => p is >= 60 and < 100) < capture.Pixels.Count(p => p is >= 60 and < 100) / 3, "the table is mostly gone");
    }

    [Fact]
    public void A_clean_scan_is_left_as_it_is()
    {
        using var page = Page(Left);
        var grey = SyntheticScan.Grey(page);

        var found = Assert.Single(CaptureGeometry.Pages(grey));

        Assert.Same(grey, found.Image);
        Assert.Empty(found.Steps);
        Assert.Null(found.Side);
    }

    [Fact]
    public void Text_running_to_the_edge_of_a_photo_is_never_cut()
    {
        // A photo taken too close: the lines run off the left and right edges, the page fills the frame.
        string[] lines = [.. Enumerable.Range(1, 30).Select(i => "ещё " + SyntheticScan.Pangram + " " + SyntheticScan.Pangram)];
        using var tight = SyntheticScan.Render(lines, width: 1200, height: 1300, sizePx: 40);
        var grey = SyntheticScan.Grey(tight);

        var found = Assert.Single(CaptureGeometry.Pages(grey));

        Assert.Equal(new Box(0, 0, grey.Width, grey.Height), found.Region);
    }

    [Theory]
    [InlineData(70)]
    [InlineData(0)]
    public void A_spread_is_split_at_its_gutter_into_its_two_pages_left_first(int shadow)
    {
        using var left = Page(Left);
        using var right = Page(Right);
        using var spread = Spread(left, right, shadow);
        var capture = OnTable(spread, 50, 50, 50, 50);

        var pages = CaptureGeometry.Pages(capture);

        Assert.Equal(["left", "right"], pages.Select(p => p.Side));
        var gutter = 50 + left.Width;
        Assert.Equal(pages[0].Region.Right, pages[1].Region.X);
        if (shadow > 0)
        {
            // The spine's shadow tells where the pages meet.
            Assert.InRange(pages[1].Region.X, gutter - 3, gutter + 3);
        }

        Assert.Contains(pages[0].Steps, s => s.Step == "spread-split");
        var leftText = InkBox(SyntheticScan.Grey(left));
        var rightText = InkBox(SyntheticScan.Grey(right));
        Assert.True(Holds(pages[0].Region, leftText with { X = leftText.X + 50, Y = leftText.Y + 50 }));
        Assert.True(Holds(pages[1].Region, rightText with { X = rightText.X + gutter, Y = rightText.Y + 50 }));
    }

    [Fact]
    public void A_landscape_page_of_long_lines_is_no_spread()
    {
        string[] lines = [.. Enumerable.Range(1, 16).Select(i => $"{i}. " + SyntheticScan.Pangram + " " + SyntheticScan.Pangram)];
        using var landscape = SyntheticScan.Render(lines, width: 2000, height: 1300, sizePx: 30);

        var found = Assert.Single(CaptureGeometry.Pages(SyntheticScan.Grey(landscape)));

        Assert.Null(found.Side);
    }

    [Fact]
    public void Text_on_one_side_only_is_no_spread()
    {
        using var left = Page(Left);
        using var blank = new SKBitmap(1000, 1400, SKColorType.Gray8, SKAlphaType.Opaque);
        blank.Erase(SKColors.White);
        using var spread = Spread(left, blank, 70);

        var found = Assert.Single(CaptureGeometry.Pages(SyntheticScan.Grey(spread)));

        Assert.Null(found.Side);
    }

    [Fact]
    public void A_spread_on_a_table_is_read_as_two_pages_in_order_with_the_steps_in_their_sidecars()
    {
        using var scratch = new ScratchFolder();
        using var left = Page(Left);
        using var right = Page(Right);
        using var spread = Spread(left, right, 60);
        var capture = OnTable(spread, 60, 40, 30, 80);
        var scans = Path.Combine(scratch.Path, "scans");
        Directory.CreateDirectory(scans);
        File.WriteAllBytes(Path.Combine(scans, "p1.png"), capture.EncodePng());
        using var single = Page(["Последняя страница: " + SyntheticScan.Pangram]);
        File.WriteAllBytes(Path.Combine(scans, "p2.png"), SyntheticScan.Grey(single).EncodePng());
        var review = Path.Combine(scratch.Path, "review", "scans");
        var folders = new OcrFolders(scratch.Path, Path.Combine(scratch.Path, "images"), Path.Combine(scratch.Path, "work"), review);

        var first = PageRecognizer.Recognize([scans], new OcrSettings(), folders);
        var again = PageRecognizer.Recognize([scans], new OcrSettings(), folders);

        foreach (var result in new[] { first, again })
        {
            Assert.Equal([1, 2, 3], result.Pages.Select(p => p.Number));
            string Text(OcrPage p) => string.Join(" ", p.Recognized.Blocks.SelectMany(b => b.Lines).SelectMany(l => l.Words).Select(w => w.Text));
            Assert.Contains("Левая", Text(result.Pages[0]));
            Assert.DoesNotContain("Правая", Text(result.Pages[0]));
            Assert.Contains("Правая", Text(result.Pages[1]));
            Assert.Contains("Последняя", Text(result.Pages[2]));
            Assert.EndsWith("(left page)", result.Pages[0].File);
            Assert.Contains(result.Pages[1].Steps!, s => s.Step == "spread-split");
            Assert.Contains(result.Pages[0].Steps!, s => s.Step == "border-crop");
        }

        Assert.Equal(2, again.FromCache);
        Assert.Equal(3, Directory.GetFiles(review).Length);
    }
}
