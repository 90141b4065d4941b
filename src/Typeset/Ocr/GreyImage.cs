using SkiaSharp;

namespace Typeset.Ocr;

/// <summary>An 8-bit grey page image (row-major, one byte a pixel) with its resolution.</summary>
public sealed class GreyImage(int width, int height, byte[] pixels, int dpi)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public byte[] Pixels { get; } = pixels;

    public int Dpi { get; } = dpi;

    public byte this[int x, int y] => Pixels[y * Width + x];

    public GreyImage WithDpi(int dpi) => new(Width, Height, Pixels, dpi);

    public static GreyImage FromBitmap(SKBitmap bitmap, int dpi)
    {
        if (bitmap.ColorType == SKColorType.Gray8)
        {
            return new GreyImage(bitmap.Width, bitmap.Height, bitmap.GetPixelSpan().ToArray(), dpi);
        }

        using var grey = new SKBitmap(bitmap.Width, bitmap.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(grey))
        {
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }

        return new GreyImage(grey.Width, grey.Height, grey.GetPixelSpan().ToArray(), dpi);
    }

    public SKBitmap ToBitmap()
    {
        var bitmap = new SKBitmap(Width, Height, SKColorType.Gray8, SKAlphaType.Opaque);
        System.Runtime.InteropServices.Marshal.Copy(Pixels, 0, bitmap.GetPixels(), Pixels.Length);
        return bitmap;
    }

    /// <summary>
    /// The image enlarged <paramref name="factor"/> times (bilinear, pixel centres aligned), its resolution with it. Letters
    /// a few pixels tall keep their shapes' grey edges, which is what Tesseract's recogniser reads.
    /// </summary>
    public GreyImage Enlarged(double factor)
    {
        var width = Math.Max(1, (int)Math.Round(Width * factor));
        var height = Math.Max(1, (int)Math.Round(Height * factor));
        var target = new byte[width * height];
        var sourceX0 = new int[width];
        var weightX = new float[width];
        for (var x = 0; x < width; x++)
        {
            var sx = Math.Clamp((x + 0.5) / factor - 0.5, 0, Width - 1);
            sourceX0[x] = Math.Min((int)sx, Width - 2 < 0 ? 0 : Width - 2);
            weightX[x] = (float)(sx - sourceX0[x]);
        }

        var step = Width > 1 ? 1 : 0;
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp((y + 0.5) / factor - 0.5, 0, Height - 1);
            var y0 = Math.Min((int)sy, Math.Max(0, Height - 2));
            var y1 = Math.Min(y0 + 1, Height - 1);
            var wy = (float)(sy - y0);
            var top = Pixels.AsSpan(y0 * Width, Width);
            var bottom = Pixels.AsSpan(y1 * Width, Width);
            var row = target.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var x0 = sourceX0[x];
                var wx = weightX[x];
                var upper = top[x0] + (top[x0 + step] - top[x0]) * wx;
                var lower = bottom[x0] + (bottom[x0 + step] - bottom[x0]) * wx;
                row[x] = (byte)(upper + (lower - upper) * wy + 0.5f);
            }
        }

        return new GreyImage(width, height, target, (int)Math.Round(Dpi * factor));
    }

    /// <summary>The part of the image inside the box (clamped to the image).</summary>
    public GreyImage Crop(int x, int y, int width, int height)
    {
        var left = Math.Clamp(x, 0, Width - 1);
        var top = Math.Clamp(y, 0, Height - 1);
        var right = Math.Clamp(x + width, left + 1, Width);
        var bottom = Math.Clamp(y + height, top + 1, Height);
        var cropWidth = right - left;
        var cropped = new byte[cropWidth * (bottom - top)];
        for (var row = top; row < bottom; row++)
        {
            Array.Copy(Pixels, row * Width + left, cropped, (row - top) * cropWidth, cropWidth);
        }

        return new GreyImage(cropWidth, bottom - top, cropped, Dpi);
    }

    /// <summary>A compact grey JPEG of the page, for showing the scan beside an edit in review.</summary>
    public byte[] EncodeJpeg(int quality = 60)
    {
        using var bitmap = ToBitmap();
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    public byte[] EncodePng()
    {
        using var bitmap = ToBitmap();
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
