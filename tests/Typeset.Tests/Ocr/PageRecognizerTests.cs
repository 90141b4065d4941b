using Typeset.Interop.Tesseract;
using Typeset.Ocr;

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
}
