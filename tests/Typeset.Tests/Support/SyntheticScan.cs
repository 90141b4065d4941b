using SkiaSharp;

namespace Typeset.Tests.Support;

/// <summary>Small rendered pages of Russian text: fast to recognise, so tests of plumbing need not OCR whole book pages.</summary>
public static class SyntheticScan
{
    public const string Pangram = "Съешь же ещё этих мягких французских булок, да выпей чаю.";

    public static SKBitmap Render(IReadOnlyList<string> lines, int width = 1400, int height = 0, float sizePx = 50, float rotateDegrees = 0)
    {
        height = height > 0 ? height : (int)(lines.Count * sizePx * 1.5 + sizePx * 3);
        var bitmap = new SKBitmap(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        canvas.RotateDegrees(rotateDegrees, width / 2f, height / 2f);
        using var typeface = SKTypeface.FromFile("/usr/share/fonts/truetype/paratype/PTF55F.ttf") ?? SKTypeface.Default;
        using var font = new SKFont(typeface, sizePx);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (var i = 0; i < lines.Count; i++)
        {
            canvas.DrawText(lines[i], sizePx * 1.5f, sizePx * 2 + i * sizePx * 1.5f, SKTextAlign.Left, font, ink);
        }

        return bitmap;
    }

    public static byte[] Png(IReadOnlyList<string> lines, int width = 1400, int height = 0)
    {
        using var bitmap = Render(lines, width, height);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static Typeset.Ocr.GreyImage Grey(SKBitmap bitmap, int dpi = 300) => Typeset.Ocr.GreyImage.FromBitmap(bitmap, dpi);

    /// <summary>An uncompressed 8-bit grey TIFF with one page per image (enough to test multi-page reading).</summary>
    public static byte[] Tiff(IReadOnlyList<SKBitmap> pages)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write((ushort)0x4949);
        writer.Write((ushort)42);
        var nextOffsetPosition = stream.Position;
        writer.Write(0u);
        foreach (var page in pages)
        {
            var pixels = page.GetPixelSpan().ToArray();
            var dataOffset = (uint)stream.Position;
            writer.Write(pixels);
            if (stream.Position % 2 == 1)
            {
                writer.Write((byte)0);
            }

            var ifd = (uint)stream.Position;
            stream.Position = nextOffsetPosition;
            writer.Write(ifd);
            stream.Position = ifd;
            var entries = new (ushort Tag, ushort Type, uint Value)[]
            {
                (256, 4, (uint)page.Width), (257, 4, (uint)page.Height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
                (273, 4, dataOffset), (277, 3, 1), (278, 4, (uint)page.Height), (279, 4, (uint)pixels.Length),
            };
            writer.Write((ushort)entries.Length);
            foreach (var (tag, type, value) in entries)
            {
                writer.Write(tag);
                writer.Write(type);
                writer.Write(1u);
                if (type == 3)
                {
                    writer.Write((ushort)value);
                    writer.Write((ushort)0);
                }
                else
                {
                    writer.Write(value);
                }
            }

            nextOffsetPosition = stream.Position;
            writer.Write(0u);
        }

        return stream.ToArray();
    }
    /// <summary>
    /// One grey page as an uncompressed TIFF of another kind scanners and prepress write: 16 bits a sample
    /// (<paramref name="cmyk"/> false) or CMYK at 8 bits (ink = 255 − grey in K, no colour).
    /// </summary>
    public static byte[] TiffOf(SKBitmap page, bool cmyk)
    {
        var grey = page.GetPixelSpan().ToArray();
        return cmyk
            ? Tiff(page.Width, page.Height, [8, 8, 8, 8], photometric: 5, grey.SelectMany(g => new byte[] { 0, 0, 0, (byte)(255 - g) }).ToArray())
            : Tiff(page.Width, page.Height, [16], photometric: 1, grey.SelectMany(g => BitConverter.GetBytes((ushort)(g * 257))).ToArray());
    }

    /// <summary>
    /// One uncompressed page, one strip: <paramref name="bits"/> per sample (one entry a sample), <paramref name="photometric"/>
    /// as TIFF numbers it (1 grey, 2 RGB, 5 CMYK), the samples interleaved in <paramref name="pixels"/>.
    /// </summary>
    public static byte[] Tiff(int width, int height, ushort[] bits, ushort photometric, byte[] pixels)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write((ushort)0x4949);
        writer.Write((ushort)42);
        writer.Write(8u);
        (ushort Tag, ushort Type, uint Count, uint Value)[] entries =
        [
            (256, 4, 1, (uint)width), (257, 4, 1, (uint)height), (258, 3, (uint)bits.Length, bits[0]), (259, 3, 1, 1), (262, 3, 1, photometric),
            (273, 4, 1, 0), (277, 3, 1, (uint)bits.Length), (278, 4, 1, (uint)height), (279, 4, 1, (uint)pixels.Length),
        ];
        // Bits per sample of several samples do not fit the entry: they stand after the directory, the pixels after them.
        var bitsOffset = (uint)(8 + 2 + entries.Length * 12 + 4);
        var dataOffset = bitsOffset + (uint)(bits.Length > 1 ? bits.Length * 2 : 0);
        writer.Write((ushort)entries.Length);
        foreach (var (tag, type, count, value) in entries)
        {
            writer.Write(tag);
            writer.Write(type);
            writer.Write(count);
            var v = tag == 273 ? dataOffset : tag == 258 && count > 1 ? bitsOffset : value;
            if (type == 3 && count == 1)
            {
                writer.Write((ushort)v);
                writer.Write((ushort)0);
            }
            else
            {
                writer.Write(v);
            }
        }

        writer.Write(0u);
        if (bits.Length > 1)
        {
            writer.Write(bits.SelectMany(BitConverter.GetBytes).ToArray());
        }

        writer.Write(pixels);
        return stream.ToArray();
    }
}
