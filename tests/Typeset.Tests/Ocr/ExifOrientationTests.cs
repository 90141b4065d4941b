using SkiaSharp;
using Typeset.Ocr;

namespace Typeset.Tests.Ocr;

public class ExifOrientationTests
{
    /// <summary>EXIF orientation value, and the clockwise quarter turns that make the stored image from the upright one.</summary>
    [Theory]
    [InlineData(3, 2)]
    [InlineData(6, 3)]
    [InlineData(8, 1)]
    public void A_JPEG_whose_EXIF_says_to_turn_it_is_decoded_upright(int orientation, int storedTurns)
    {
        var upright = MarkedPage(300, 200);
        var stored = PageOrientation.Turn(upright, storedTurns);
        var jpeg = WithOrientation(Jpeg(stored.ToBitmap()), orientation);

        var decoded = ScanDecoder.DecodeWithSkia(jpeg, long.MaxValue, 300);

        Assert.Equal((300, 200), (decoded.Width, decoded.Height));
        Assert.True(decoded[25, 25] < 60, "the mark stands at the top left");
        Assert.True(decoded[275, 175] > 200 && decoded[275, 25] > 200 && decoded[25, 175] > 200);
        Assert.Null(ScanDecoder.BrowsersShowAsDecoded(jpeg));
    }

    [Fact]
    public void A_colour_JPEG_turned_by_EXIF_gives_its_figures_upright_too()
    {
        using var stored = new SKBitmap(new SKImageInfo(200, 300, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(stored))
        {
            canvas.Clear(SKColors.White);
            using var red = new SKPaint { Color = SKColors.Red };
            // Stored turned a quarter anticlockwise (EXIF 6 turns it back): the upright top left is the stored bottom left.
            canvas.DrawRect(SKRect.Create(0, 250, 50, 50), red);
        }

        using var colour = ScanDecoder.DecodeColour(WithOrientation(Jpeg(stored), 6));

        Assert.NotNull(colour);
        Assert.Equal((300, 200), (colour.Width, colour.Height));
        Assert.True(colour.GetPixel(25, 25).Red > 200 && colour.GetPixel(25, 25).Green < 60);
        Assert.True(colour.GetPixel(275, 175).Green > 200);
    }

    [Fact]
    public void Mirrored_orientations_map_every_pixel_back()
    {
        int[] stored = [1, 2, 3, 4, 5, 6];

        Assert.Equal([3, 2, 1, 6, 5, 4], ExifOrientation.Upright<int>(stored, 3, 2, SKEncodedOrigin.TopRight).Pixels);
        Assert.Equal([4, 5, 6, 1, 2, 3], ExifOrientation.Upright<int>(stored, 3, 2, SKEncodedOrigin.BottomLeft).Pixels);
        Assert.Equal([1, 4, 2, 5, 3, 6], ExifOrientation.Upright<int>(stored, 3, 2, SKEncodedOrigin.LeftTop).Pixels);
        Assert.Equal([6, 3, 5, 2, 4, 1], ExifOrientation.Upright<int>(stored, 3, 2, SKEncodedOrigin.RightBottom).Pixels);
    }

    private static GreyImage MarkedPage(int width, int height)
    {
        var pixels = Enumerable.Repeat((byte)240, width * height).ToArray();
        for (var y = 0; y < 50; y++)
        {
            for (var x = 0; x < 50; x++)
            {
                pixels[y * width + x] = 0;
            }
        }

        return new GreyImage(width, height, pixels, 300);
    }

    internal static byte[] Jpeg(SKBitmap bitmap)
    {
        using (bitmap)
        {
            using var image = SKImage.FromBitmap(bitmap);
            return image.Encode(SKEncodedImageFormat.Jpeg, 95).ToArray();
        }
    }

    /// <summary>The JPEG with an APP1 EXIF segment holding only the orientation tag (0x0112), right after its start marker.</summary>
    internal static byte[] WithOrientation(byte[] jpeg, int orientation)
    {
        byte[] tiff =
        [
            (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, // little-endian TIFF header, first IFD at 8
            1, 0, // one entry
            0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, // orientation, SHORT, 1 value
            0, 0, 0, 0, // no next IFD
        ];
        byte[] exif = [.. "Exif\0\0"u8, .. tiff];
        var length = exif.Length + 2;
        return [jpeg[0], jpeg[1], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif, .. jpeg[2..]];
    }
}
