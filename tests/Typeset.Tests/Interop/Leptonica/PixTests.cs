using Typeset.Interop.Leptonica;

namespace Typeset.Tests.Interop.Leptonica;

/// <summary>The PIX wrapper against the real leptonica: pixels survive the trip in and out, whatever the row padding.</summary>
public class PixTests
{
    [Theory]
    [InlineData(37, 5)]
    [InlineData(64, 3)]
    public void A_grey_image_comes_back_pixel_for_pixel_with_its_resolution(int width, int height)
    {
        var pixels = new byte[width * height];
        new Random(7).NextBytes(pixels);

        using var pix = Pix.FromGrey(pixels, width, height, 213);
        var (back, w, h) = pix.ToGrey();

        Assert.Equal((width, height, 8, 213), (pix.Width, pix.Height, pix.Depth, pix.Dpi));
        Assert.Equal((width, height), (w, h));
        Assert.Equal(pixels, back);
    }

    [Fact]
    public void Black_and_white_bits_with_white_set_become_black_ink_on_white()
    {
        // 11 pixels a row (2 bytes, the last 5 bits padding): ink at x = 0, 3 and 10 on row 0, none on row 1.
        byte[] bits = [0b0110_1111, 0b1101_1111, 0xFF, 0xFF];

        using var pix = Pix.FromWhiteBits(bits, 11, 2, 2, 300);
        var (grey, _, _) = pix.ToGrey();

        Assert.Equal(1, pix.Depth);
        var ink = Enumerable.Range(0, 22).Where(i => grey[i] < 128).ToList();
        Assert.Equal([0, 3, 10], ink);
    }

    [Fact]
    public void Buffers_too_small_for_the_size_given_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Pix.FromGrey(new byte[10], 4, 4, 300));
        Assert.Throws<ArgumentException>(() => Pix.FromWhiteBits(new byte[3], 20, 2, 2, 300));
    }

    [Fact]
    public void A_file_that_is_no_TIFF_gives_null()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "not a tiff");

            Assert.Null(Pix.ReadTiff(file, 0));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
