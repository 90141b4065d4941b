using System.Buffers.Binary;
using SkiaSharp;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// What an image file holds that print must know before Skia decodes it: CMYK (Skia converts it to RGB), more than 8
/// bits a channel (embedded with 8), an alpha channel (kept as a soft mask). Read from the file's header only.
/// </summary>
internal static class ImageInspection
{
    /// <summary>Notes for the editor about <paramref name="path"/> (<paramref name="decoded"/> as Skia read it), each ending a sentence that starts with the image's name.</summary>
    public static IEnumerable<string> PrintNotes(string path, SKImage decoded)
    {
        // Headers only, but a JPEG's frame header may follow an embedded ICC profile of a few hundred kilobytes.
        byte[] bytes;
        try
        {
            using var stream = File.OpenRead(path);
            bytes = new byte[(int)Math.Min(stream.Length, 4 << 20)];
            stream.ReadExactly(bytes);
        }
        catch (IOException)
        {
            yield break;
        }

        if (JpegComponents(bytes) == 4)
        {
            yield return "is CMYK: Skia converts it to RGB (embedded as ICC-based sRGB), so its separations are the output intent's conversion, not the original's";
        }

        if (Png(bytes) is var (depth, colourType, transparency))
        {
            if (depth == 16)
            {
                yield return "has 16 bits a channel: embedded with 8";
            }

            // The header allows alpha; only pixels that use it make a soft mask (Skia drops an alpha channel that is all opaque).
            if ((colourType is 4 or 6 || transparency) && HasTransparentPixels(decoded))
            {
                yield return "has an alpha channel: kept as a soft mask (PDF/X-4 allows transparency; the page blends in CMYK)";
            }
        }
    }

    private static bool HasTransparentPixels(SKImage image)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Alpha8, SKAlphaType.Premul);
        var alpha = new byte[info.BytesSize];
        unsafe
        {
            fixed (byte* pixels = alpha)
            {
                if (!image.ReadPixels(info, (IntPtr)pixels, info.RowBytes, 0, 0))
                {
                    return false;
                }
            }
        }

        return Array.Exists(alpha, value => value != 255);
    }

    /// <summary>The component count of a JPEG's frame header (3 YCbCr, 4 CMYK/YCCK), or 0.</summary>
    private static int JpegComponents(byte[] bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8)
        {
            return 0;
        }

        var i = 2;
        while (i + 4 <= bytes.Length && bytes[i] == 0xFF)
        {
            var marker = bytes[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i + 2));
            // Start-of-frame markers (baseline, progressive, …), not DHT (C4), JPG (C8) or DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return i + 9 < bytes.Length ? bytes[i + 9] : 0;
            }

            i += 2 + length;
        }

        return 0;
    }

    private static (int Depth, int ColourType, bool Transparency)? Png(byte[] bytes)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(signature))
        {
            return null;
        }

        var transparency = false;
        for (var i = 8; i + 8 <= bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i));
            var type = bytes.AsSpan(i + 4, 4);
            if (type.SequenceEqual("tRNS"u8))
            {
                transparency = true;
            }

            if (type.SequenceEqual("IDAT"u8) || length < 0)
            {
                break;
            }

            i += 12 + length;
        }

        return (bytes[24], bytes[25], transparency);
    }
}
