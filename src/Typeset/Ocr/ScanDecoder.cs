using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SkiaSharp;
using Typeset.Interop.Leptonica;

namespace Typeset.Ocr;

/// <summary>A page could not be decoded; the message says why (the caller adds the file name).</summary>
public sealed class ScanDecodeException(string message) : Exception(message);

/// <summary>Decodes one page to 8-bit grey: PNG and JPEG with SkiaSharp, TIFF with leptonica, PDF pages with pdftoppm.</summary>
public static class ScanDecoder
{
    /// <summary>Smaller than this is no page of text: a 1×1 image, an icon.</summary>
    public const int MinimumSide = 64;

    /// <summary>The page in grey; its resolution is the file's own when plausible, else <paramref name="fallbackDpi"/> (0: unknown).</summary>
    public static GreyImage Decode(ScanSource source, long pixelLimit, int fallbackDpi) => Decode(source, pixelLimit, fallbackDpi, out _);

    /// <param name="exifTurned">Whether the file's EXIF orientation turned or mirrored the page on decoding.</param>
    public static GreyImage Decode(ScanSource source, long pixelLimit, int fallbackDpi, out bool exifTurned)
    {
        exifTurned = false;
        return source.Format switch
        {
            ScanFormat.Png or ScanFormat.Jpeg => DecodeWithSkia(File.ReadAllBytes(source.File), pixelLimit, fallbackDpi, out exifTurned),
            ScanFormat.Tiff => DecodeTiff(source, pixelLimit, fallbackDpi),
            ScanFormat.Pdf => DecodePdfPage(source, pixelLimit, fallbackDpi),
            _ => throw new ScanDecodeException($"unsupported format {source.Format}"),
        };
    }

    internal static GreyImage DecodeWithSkia(byte[] bytes, long pixelLimit, int fallbackDpi) => DecodeWithSkia(bytes, pixelLimit, fallbackDpi, out _);

    private static GreyImage DecodeWithSkia(byte[] bytes, long pixelLimit, int fallbackDpi, out bool exifTurned)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new ScanDecodeException("not a decodable image (corrupt, truncated or not the format its name says)");
        CheckSize(codec.Info.Width, codec.Info.Height, pixelLimit);
        // Grey scans decode straight to grey; Skia refuses that conversion for colour images, which go through RGBA.
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.InvalidConversion)
        {
            bitmap.Dispose();
            info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            bitmap = new SKBitmap(info);
            result = codec.GetPixels(info, bitmap.GetPixels());
        }

        using var decoded = bitmap;
        if (result != SKCodecResult.Success)
        {
            throw new ScanDecodeException(result == SKCodecResult.IncompleteInput ? "truncated image (the file ends before the picture does)" : $"cannot decode image: {result}");
        }

        var dpi = codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? JpegDpi(bytes) : codec.EncodedFormat == SKEncodedImageFormat.Png ? PngDpi(bytes) : 0;
        exifTurned = codec.EncodedOrigin != SKEncodedOrigin.TopLeft;
        return ExifOrientation.Upright(GreyImage.FromBitmap(decoded, Plausible(dpi) ? dpi : fallbackDpi), codec.EncodedOrigin);
    }

    /// <summary>
    /// The JPEG's bytes when a browser shows exactly the pixels <see cref="DecodeWithSkia"/> reads (no EXIF orientation,
    /// which browsers may or may not apply to an image in a page), so review can show it in place of a re-encoded copy; else null.
    /// </summary>
    public static byte[]? BrowsersShowAsDecoded(byte[] jpeg)
    {
        using var data = SKData.CreateCopy(jpeg);
        using var codec = SKCodec.Create(data);
        return codec is { EncodedFormat: SKEncodedImageFormat.Jpeg, EncodedOrigin: SKEncodedOrigin.TopLeft } ? jpeg : null;
    }

    private static void CheckSize(int width, int height, long pixelLimit)
    {
        if (width < MinimumSide || height < MinimumSide)
        {
            throw new ScanDecodeException($"image is {width}×{height} pixels: too small to be a scanned page");
        }

        if ((long)width * height > pixelLimit)
        {
            throw new ScanDecodeException($"image is {width}×{height} pixels, above the limit of {pixelLimit:N0} (the ocr stage's maxPixels)");
        }
    }

    private static bool Plausible(int dpi) => dpi is >= 70 and <= 2400;

    private static GreyImage DecodeTiff(ScanSource source, long pixelLimit, int fallbackDpi)
    {
        using var pix = Pix.ReadTiff(source.File, source.Index) ?? throw new ScanDecodeException("cannot decode TIFF page (corrupt, truncated or an unsupported compression)");
        CheckSize(pix.Width, pix.Height, pixelLimit);
        var dpi = pix.Dpi;
        var (pixels, width, height) = pix.ToGrey();
        return new GreyImage(width, height, pixels, Plausible(dpi) ? dpi : fallbackDpi);
    }

    private static GreyImage DecodePdfPage(ScanSource source, long pixelLimit, int fallbackDpi)
    {
        // The page is rendered at a resolution of our choosing, so the rendered image's resolution is known exactly.
        var dpi = PdfPageDpi(source, fallbackDpi > 0 ? fallbackDpi : OcrSettings.FallbackDpi);
        return DecodeWithSkia(RasterisePdfPage(source, dpi, grey: true), pixelLimit, dpi).WithDpi(dpi);
    }

    private static int PdfPageDpi(ScanSource source, int fallbackDpi) => Plausible(source.NativeDpi) ? source.NativeDpi : fallbackDpi;

    /// <summary>One page of a PDF of scans as PNG bytes, rendered by poppler's pdftoppm.</summary>
    private static byte[] RasterisePdfPage(ScanSource source, int dpi, bool grey)
    {
        var folder = Directory.CreateTempSubdirectory("typeset-ocr-");
        try
        {
            var page = (source.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var prefix = Path.Combine(folder.FullName, "page");
            string[] colour = grey ? ["-gray"] : [];
            var (code, _, error) = ScanInputs.RunTool("pdftoppm", ["-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), .. colour, "-png", "-f", page, "-l", page, "-singlefile", source.File, prefix]);
            if (code != 0 || !File.Exists(prefix + ".png"))
            {
                throw new ScanDecodeException($"pdftoppm could not rasterise the page: {error.Trim()}");
            }

            return File.ReadAllBytes(prefix + ".png");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The page in colour (RGBA, the same pixels <see cref="Decode"/> gives in grey), or null when the scan is grey or
    /// cannot be read again. Only pages with figures need it, to cut their pictures in colour.
    /// </summary>
    public static SKBitmap? DecodeColour(ScanSource source, int fallbackDpi)
    {
        try
        {
            return source.Format switch
            {
                ScanFormat.Png or ScanFormat.Jpeg => DecodeColour(File.ReadAllBytes(source.File)),
                ScanFormat.Pdf => DecodeColour(RasterisePdfPage(source, PdfPageDpi(source, fallbackDpi), grey: false)),
                ScanFormat.Tiff => DecodeColourTiff(source),
                _ => null,
            };
        }
        catch (Exception e) when (e is IOException or ScanDecodeException)
        {
            return null;
        }
    }

    internal static SKBitmap? DecodeColour(byte[] scan)
    {
        using var data = SKData.CreateCopy(scan);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.ColorType == SKColorType.Gray8)
        {
            return null;
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return null;
        }

        var upright = ExifOrientation.Upright(bitmap, codec.EncodedOrigin);
        if (!ReferenceEquals(upright, bitmap))
        {
            bitmap.Dispose();
        }

        return upright;
    }

    /// <summary>A 32-bit TIFF page as RGBA; null for grey or 1-bit pages.</summary>
    private static SKBitmap? DecodeColourTiff(ScanSource source)
    {
        using var pix = Pix.ReadTiff(source.File, source.Index);
        if (pix?.ToRgba() is not { } rgba)
        {
            return null;
        }

        var bitmap = new SKBitmap(new SKImageInfo(pix.Width, pix.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        rgba.CopyTo(bitmap.GetPixelSpan());
        return bitmap;
    }

    /// <summary>The JFIF APP0 density, when given in dots per inch or per centimetre.</summary>
    internal static int JpegDpi(byte[] bytes)
    {
        for (var i = 2; i + 18 < bytes.Length && bytes[i] == 0xFF; )
        {
            var marker = bytes[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i + 2));
            if (marker == 0xE0 && bytes.AsSpan(i + 4, 5).SequenceEqual("JFIF\0"u8))
            {
                var units = bytes[i + 11];
                var density = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i + 12));
                return units == 1 ? density : units == 2 ? (int)Math.Round(density * 2.54) : 0;
            }

            if (marker is 0xDA or 0xD9)
            {
                break;
            }

            i += 2 + length;
        }

        return 0;
    }

    /// <summary>The PNG pHYs resolution (pixels per metre) in dpi.</summary>
    internal static int PngDpi(byte[] bytes)
    {
        for (var i = 8; i + 12 <= bytes.Length; )
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i));
            if (bytes.AsSpan(i + 4, 4).SequenceEqual("pHYs"u8) && i + 17 <= bytes.Length)
            {
                var perMetre = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i + 8));
                return bytes[i + 16] == 1 ? (int)Math.Round(perMetre * 0.0254) : 0;
            }

            if (bytes.AsSpan(i + 4, 4).SequenceEqual("IDAT"u8) || length < 0)
            {
                break;
            }

            i += 12 + length;
        }

        return 0;
    }
}
