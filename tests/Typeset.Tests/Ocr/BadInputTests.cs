using System.Security.Cryptography;
using SkiaSharp;
using Typeset.Edits;
using Typeset.Model;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

/// <summary>Broken pages fail one by one, naming the file; the other pages are still recognised; input is never modified.</summary>
public class BadInputTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Each_bad_page_fails_with_its_file_named_and_the_good_pages_are_processed()
    {
        var scans = scratch.File("scans");
        Directory.CreateDirectory(scans);
        var good = SyntheticScan.Png(["Хорошая страница текста"]);
        File.WriteAllBytes(Path.Combine(scans, "page01.png"), good);
        File.WriteAllBytes(Path.Combine(scans, "page02.png"), []);
        File.WriteAllBytes(Path.Combine(scans, "page03.png"), good[..(good.Length / 3)]);
        using (var tiny = new SKBitmap(1, 1))
        using (var data = tiny.Encode(SKEncodedImageFormat.Png, 100))
        {
            File.WriteAllBytes(Path.Combine(scans, "page04.png"), data.ToArray());
        }

        File.WriteAllBytes(Path.Combine(scans, "page05.jpg"), "not a jpeg at all"u8.ToArray());
        File.WriteAllBytes(Path.Combine(scans, "page06.pdf"), TextOnlyPdf());
        var bmp = Path.Combine(scans, "page07.bmp");
        File.WriteAllBytes(bmp, [0x42, 0x4D, 1, 2, 3]);
        File.WriteAllBytes(Path.Combine(scans, "page08.png"), SyntheticScan.Png(["Слишком большая"], width: 3000, height: 1500));
        File.WriteAllBytes(Path.Combine(scans, "page09.png"), good);
        var before = Hashes(scans);

        var outcome = OcrBook.Recognize([scans, bmp], new OcrSettings(MaxPixels: 4_000_000), new OcrFolders(scratch.Path, scratch.File("images"), scratch.File("work")),
            BookMeta.Untitled, NoDecisions.Instance);

        var failures = outcome.Failures.ToDictionary(f => Path.GetFileName(f.File.Split(" (")[0]), f => f.Message);
        Assert.Contains("0 bytes", failures["page02.png"]);
        Assert.Contains("truncated", failures["page03.png"]);
        Assert.Contains("1×1", failures["page04.png"]);
        Assert.Contains("not a decodable image", failures["page05.jpg"]);
        Assert.Contains("no images", failures["page06.pdf"]);
        Assert.Contains("unsupported format", failures["page07.bmp"]);
        Assert.Contains("above the limit", failures["page08.png"]);
        Assert.Equal(7, outcome.Failures.Count);
        Assert.All(outcome.Failures, f => Assert.StartsWith(scans.Length > 0 ? scratch.Path : string.Empty, f.File));
        Assert.Equal(2, outcome.Pages);
        Assert.Equal([1, 8], outcome.Book.Blocks.OfType<PageMarker>().Select(m => m.Page));
        Assert.Equal(before, Hashes(scans));
    }

    [Fact]
    public void Pages_read_that_an_editor_should_check_get_a_warning_each_and_the_rest_is_processed()
    {
        var scans = scratch.File("scans");
        Directory.CreateDirectory(scans);
        var lines = Enumerable.Range(1, 8).Select(i => $"Строка {i}: " + SyntheticScan.Pangram).ToArray();
        using (var black = new SKBitmap(800, 1000, SKColorType.Gray8, SKAlphaType.Opaque))
        {
            black.Erase(new SKColor(3, 3, 3));
            File.WriteAllBytes(Path.Combine(scans, "p1-black.jpg"), ExifOrientationTests.Jpeg(black.Copy()));
        }

        File.WriteAllBytes(Path.Combine(scans, "p2-strip.png"), SyntheticScan.Png([SyntheticScan.Pangram + " " + SyntheticScan.Pangram], width: 3400, height: 300));
        // Upright text whose EXIF orientation says to turn it a quarter: the text wins, with a warning.
        File.WriteAllBytes(Path.Combine(scans, "p3-exif.jpg"), ExifOrientationTests.WithOrientation(ExifOrientationTests.Jpeg(SyntheticScan.Render(lines, width: 1800, height: 1400, sizePx: 40)), 6));
        File.WriteAllBytes(Path.Combine(scans, "p4-good.png"), SyntheticScan.Png(["Хорошая страница текста"], height: 1000));
        var before = Hashes(scans);

        var outcome = RecognizeInto(scans);

        Assert.Empty(outcome.Failures);
        Assert.Equal(4, outcome.Pages);
        var warnings = WarningsByFile(outcome);
        Assert.Contains("nearly all black", warnings["p1-black.jpg"]);
        Assert.Contains("3400×300 pixels", warnings["p2-strip.png"]);
        Assert.Contains("EXIF orientation", warnings["p3-exif.jpg"]);
        Assert.False(warnings.ContainsKey("p4-good.png"));
        Assert.Contains("мягких французских", string.Join(' ', outcome.Book.Blocks.OfType<Paragraph>().Select(p => Inlines.PlainText(p.Content))));
        Assert.Equal(before, Hashes(scans));
        Assert.Equal(Hashes(scans).Keys.Order(), Directory.EnumerateFiles(scans).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_page_of_only_a_photograph_becomes_a_figure_with_a_warning_and_no_text()
    {
        var scans = scratch.File("scans");
        Directory.CreateDirectory(scans);
        File.WriteAllBytes(Path.Combine(scans, "p1-photo.jpg"), ExifOrientationTests.Jpeg(Landscape(1400, 1000)));
        File.WriteAllBytes(Path.Combine(scans, "p2-text.png"), SyntheticScan.Png(["Хорошая страница текста"], height: 1000));
        var before = Hashes(scans);

        var outcome = RecognizeInto(scans);

        Assert.Empty(outcome.Failures);
        Assert.Equal(2, outcome.Pages);
        var warnings = WarningsByFile(outcome);
        Assert.Contains("no text on the page: kept as a picture", warnings["p1-photo.jpg"]);
        Assert.False(warnings.ContainsKey("p2-text.png"));
        var firstPage = outcome.Book.Blocks.SkipWhile(b => b is not PageMarker { Page: 1 }).Skip(1).TakeWhile(b => b is not PageMarker).ToList();
        var figure = Assert.Single(firstPage.OfType<Figure>());
        Assert.Empty(firstPage.OfType<Paragraph>());
        Assert.True(File.Exists(Path.Combine(scratch.File("out"), figure.ImagePath)), figure.ImagePath);
        Assert.Contains("Хорошая страница", string.Join(' ', outcome.Book.Blocks.OfType<Paragraph>().Select(p => Inlines.PlainText(p.Content))));
        Assert.Equal(before, Hashes(scans));
    }

    [Fact]
    public void A_photographed_blank_page_is_no_picture()
    {
        var scans = scratch.File("scans");
        Directory.CreateDirectory(scans);
        var random = new Random(11);
        using (var paper = new SKBitmap(1200, 1600, SKColorType.Gray8, SKAlphaType.Opaque))
        {
            // Uneven light across the sheet and sensor grain: what a phone makes of an empty page.
            var pixels = paper.GetPixelSpan().ToArray();
            for (var i = 0; i < pixels.Length; i++)
            {
                var (x, y) = (i % 1200, i / 1200);
                pixels[i] = (byte)Math.Clamp(205 - 35.0 * x / 1200 - 25.0 * y / 1600 + random.Next(-6, 7), 0, 255);
            }

            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, paper.GetPixels(), pixels.Length);
            File.WriteAllBytes(Path.Combine(scans, "blank.jpg"), ExifOrientationTests.Jpeg(paper.Copy()));
        }

        var outcome = RecognizeInto(scans);

        Assert.Empty(outcome.Failures);
        Assert.Empty(outcome.Book.Blocks.OfType<Figure>());
        Assert.Contains("no text found", Assert.Single(outcome.Warnings).Message);
    }

    private OcrOutcome RecognizeInto(string scans) =>
        OcrBook.Recognize([scans], new OcrSettings(), new OcrFolders(scratch.File("out"), scratch.File("out/images"), scratch.File("out/work")),
            BookMeta.Untitled, NoDecisions.Instance);

    private static Dictionary<string, string> WarningsByFile(OcrOutcome outcome) =>
        outcome.Warnings.ToDictionary(w => Path.GetFileName(w.File), w => w.Message);

    /// <summary>A photograph with no lettering: a sky gradient over hills of grainy, shaded texture.</summary>
    private static SKBitmap Landscape(int width, int height)
    {
        var bitmap = new SKBitmap(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        var random = new Random(7);
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint();
        for (var y = 0; y < height; y += 4)
        {
            for (var x = 0; x < width; x += 4)
            {
                var ridge = height * 0.45 + 90 * Math.Sin(x / 170.0) + 40 * Math.Sin(x / 53.0);
                var tone = y < ridge ? 200 - 60.0 * y / height : 110 + 50 * Math.Sin(x / 31.0) * Math.Cos(y / 23.0) - 50.0 * (y - ridge) / height;
                var grey = (byte)Math.Clamp(tone + random.Next(-18, 18), 0, 255);
                paint.Color = new SKColor(grey, grey, grey);
                canvas.DrawRect(x, y, 4, 4, paint);
            }
        }

        return bitmap;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_16_bit_or_CMYK_TIFF_is_read_like_any_scan(bool cmyk)
    {
        var scans = scratch.File("scans");
        Directory.CreateDirectory(scans);
        File.WriteAllBytes(Path.Combine(scans, "page.tif"), SyntheticScan.TiffOf(SyntheticScan.Render(["Страница из типографии"], width: 1400, height: 900), cmyk));

        var outcome = RecognizeInto(scans);

        Assert.Empty(outcome.Failures);
        Assert.Contains("Страница из типографии", string.Join(' ', outcome.Book.Blocks.OfType<Paragraph>().Select(p => Inlines.PlainText(p.Content))));
    }

    [Fact]
    public void A_missing_input_is_a_usage_error()
    {
        Assert.Throws<Typeset.Pipeline.UsageException>(() => ScanInputs.Expand([scratch.File("nowhere")]));
    }

    private static byte[] TextOnlyPdf()
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            var canvas = document.BeginPage(300, 400);
            using var font = new SKFont(SKTypeface.Default, 12);
            using var paint = new SKPaint { Color = SKColors.Black };
            canvas.DrawText("text, no scan", 20, 40, SKTextAlign.Left, font, paint);
            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
