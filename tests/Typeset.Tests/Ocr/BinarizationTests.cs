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
