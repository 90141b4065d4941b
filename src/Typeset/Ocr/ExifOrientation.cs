using SkiaSharp;

namespace Typeset.Ocr;

/// <summary>
/// The EXIF orientation a camera or scanner writes instead of turning the pixels: how the stored image must be turned or
/// mirrored to be seen upright. Skia's pixel decoding ignores it (browsers apply it), so decoding applies it here.
/// </summary>
public static class ExifOrientation
{
    /// <summary>The stored pixels (<paramref name="width"/> × <paramref name="height"/>) as seen upright, and that size.</summary>
    public static (T[] Pixels, int Width, int Height) Upright<T>(ReadOnlySpan<T> stored, int width, int height, SKEncodedOrigin origin)
        where T : unmanaged
    {
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = swaps ? (height, width) : (width, height);
        var upright = new T[stored.Length];
        for (var y = 0; y < uprightHeight; y++)
        {
            for (var x = 0; x < uprightWidth; x++)
            {
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (width - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (width - 1 - x, height - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, height - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, height - 1 - x),
                    SKEncodedOrigin.RightBottom => (width - 1 - y, height - 1 - x),
                    SKEncodedOrigin.LeftBottom => (width - 1 - y, x),
                    _ => (x, y),
                };
                upright[y * uprightWidth + x] = stored[sy * width + sx];
            }
        }

        return (upright, uprightWidth, uprightHeight);
    }

    public static GreyImage Upright(GreyImage stored, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return stored;
        }

        var (pixels, width, height) = Upright<byte>(stored.Pixels, stored.Width, stored.Height, origin);
        return new GreyImage(width, height, pixels, stored.Dpi);
    }

    /// <summary>The same for a 32-bit colour bitmap; returns <paramref name="stored"/> itself when it is upright already.</summary>
    public static SKBitmap Upright(SKBitmap stored, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft || stored.BytesPerPixel != 4)
        {
            return stored;
        }

        var (pixels, width, height) = Upright(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(stored.GetPixelSpan()), stored.Width, stored.Height, origin);
        var upright = new SKBitmap(new SKImageInfo(width, height, stored.ColorType, stored.AlphaType));
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels.AsSpan()).CopyTo(upright.GetPixelSpan());
        return upright;
    }
}
