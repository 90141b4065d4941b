using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

public class BinarizationTests
{
    [Fact]
    public void Every_pixel_darker_than_the_threshold_is_ink_and_the_bits_are_laid_out_as_Tesseract_reads_them()
    {
        // 1001 pixels a row: the last byte of each row is partly padding.
        using var bitmap = SyntheticScan.Render(["Москва, 1945 год.", SyntheticScan.Pangram], width: 1001);
        var page = SyntheticScan.Grey(bitmap);

        var binary = Binarization.Binarize(page);
        var threshold = Binarization.InkThreshold(Binarization.Histogram(page, step: 1));

        Assert.Equal(126, binary.Stride);
        Assert.InRange(threshold, 60, 200);
        for (var y = 0; y < page.Height; y++)
        {
            for (var x = 0; x < page.Width; x++)
            {
                Assert.True(binary.IsInk(x, y) == page[x, y] < threshold, $"pixel ({x}, {y}) = {page[x, y]}");
            }
        }

        Assert.Equal(0x80, binary.Bits[0] & 0x80); // top-left corner is paper: a set bit, the most significant one
    }

    [Fact]
    public void Grey_text_on_grey_paper_keeps_its_strokes()
    {
        var page = Paper(width: 400, height: 200, tone: 200, noise: 3, seed: 1);
        for (var y = 80; y < 120; y++)
        {
            for (var x = 50; x < 350; x++)
            {
                if (x % 20 < 6)
                {
                    page.Pixels[y * page.Width + x] = 110;
                }
            }
        }

        var binary = Binarization.Binarize(page);

        Assert.True(binary.IsInk(62, 100));
        Assert.False(binary.IsInk(57, 100));
        Assert.False(binary.IsInk(10, 10));
    }

    [Fact]
    public void Noisy_blank_paper_does_not_turn_into_speckle()
    {
        var page = Paper(width: 1200, height: 1600, tone: 205, noise: 12, seed: 7);
        var histogram = Binarization.Histogram(page, step: 1);

        var binary = Binarization.Binarize(page);

        double ink = 0;
        for (var y = 0; y < page.Height; y++)
        {
            for (var x = 0; x < page.Width; x++)
            {
                ink += binary.IsInk(x, y) ? 1 : 0;
            }
        }

        // Otsu alone cuts the noise in two: a third of the page or more would be "ink".
        var otsuInk = page.Pixels.Count(p => p < Binarization.OtsuThreshold(histogram)) / (double)page.Pixels.Length;
        Assert.True(otsuInk > 0.3, $"Otsu alone: {otsuInk:P1}");
        Assert.True(ink / page.Pixels.Length < 0.0005, $"{ink} ink pixels");
    }

    private static readonly string[] Lines = [.. Enumerable.Range(1, 14).Select(i => $"Строка {i}: " + SyntheticScan.Pangram)];

    [Fact]
    public void An_evenly_lit_page_and_one_with_a_large_picture_are_left_as_they_are()
    {
        using var bitmap = SyntheticScan.Render(Lines, width: 1800, height: 1400, sizePx: 40);
        var page = Grained(SyntheticScan.Grey(bitmap), seed: 3);
        var withPicture = new GreyImage(page.Width, page.Height, (byte[])page.Pixels.Clone(), page.Dpi);
        for (var y = 300; y < 1100; y++)
        {
            for (var x = 200; x < 1300; x++)
            {
                withPicture.Pixels[y * page.Width + x] = (byte)(120 + 90 * Math.Sin(x / 31.0) * Math.Cos(y / 23.0));
            }
        }

        Assert.Same(page, Binarization.EvenLighting(page));
        Assert.Same(withPicture, Binarization.EvenLighting(withPicture));
    }

    [Fact]
    public void Text_in_a_gutter_shadow_is_still_text_and_its_paper_still_paper()
    {
        using var bitmap = SyntheticScan.Render(Lines, width: 1800, height: 1400, sizePx: 40);
        var lit = Grained(SyntheticScan.Grey(bitmap), seed: 5);
        // Light falling off over the left 40 % of the page to under half its strength, as beside a book's spine.
        var shaded = new byte[lit.Pixels.Length];
        for (var i = 0; i < shaded.Length; i++)
        {
            var x = i % lit.Width;
            shaded[i] = (byte)(lit.Pixels[i] * (1 - 0.55 * Math.Pow(Math.Max(0, 1 - x / (0.4 * lit.Width)), 2)));
        }

        var page = new GreyImage(lit.Width, lit.Height, shaded, lit.Dpi);
        var expected = Binarization.Binarize(lit);

        var binary = Binarization.Binarize(page);
        var plainOtsu = Binarization.OtsuThreshold(Binarization.Histogram(page, step: 1));

        int differ = 0, differPlain = 0;
        for (var y = 0; y < page.Height; y++)
        {
            for (var x = 0; x < page.Width; x++)
            {
                differ += binary.IsInk(x, y) != expected.IsInk(x, y) ? 1 : 0;
                differPlain += page[x, y] < plainOtsu != expected.IsInk(x, y) ? 1 : 0;
            }
        }

        Assert.True(differPlain > page.Pixels.Length / 20, $"one global threshold differs on {differPlain} pixels: the shadow is not hard enough to test");
        Assert.True(differ < page.Pixels.Length / 500, $"{differ} pixels differ from the evenly lit page's");
        using var engine = Typeset.Interop.Tesseract.TesseractEngine.Open("rus");
        var text = string.Join(' ', engine.RecognizeBinary(binary.Bits, binary.Width, binary.Height, binary.Stride, binary.Dpi)
            .Blocks.SelectMany(b => b.Lines).SelectMany(l => l.Words).Select(w => w.Text));
        Assert.Contains("Строка 14: Съешь же ещё этих мягких французских булок, да выпей чаю.", text);
    }

    /// <summary>A rendered page on slightly grey, grainy paper, as a scanner gives it.</summary>
    private static GreyImage Grained(GreyImage page, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[page.Pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            pixels[i] = (byte)Math.Clamp(Math.Round(page.Pixels[i] * 0.9 + 4 * gaussian), 0, 255);
        }

        return new GreyImage(page.Width, page.Height, pixels, page.Dpi);
    }

    /// <summary>Paper of one tone with Gaussian grain.</summary>
    private static GreyImage Paper(int width, int height, int tone, double noise, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            pixels[i] = (byte)Math.Clamp(Math.Round(tone + noise * gaussian), 0, 255);
        }

        return new GreyImage(width, height, pixels, 300);
    }
}
