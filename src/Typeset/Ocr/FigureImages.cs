using System.Runtime.InteropServices;
using SkiaSharp;
using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>
/// A figure found on a page, as an image file at scan resolution. Pages are recognised in grey, but a picture printed in
/// colour stays in colour: its region is taken from the scan's own pixels through the same turn and rotation that stood
/// the page upright and straightened it, so it covers exactly the box Tesseract gave. A colour region from a JPEG scan or a PDF of scans is written as JPEG,
/// from a PNG or TIFF scan as PNG (a lossless scan stays lossless); a grey region (also on a colour scan of a
/// black-and-white book) as grey PNG.
/// </summary>
/// <param name="region">The page's part of the capture (a border cut off, one page of a spread) in the decoded capture's pixels, and that capture's size; null when the page is the whole capture.</param>
/// <param name="resampled">The page's pixels were moved (dewarped): the scan's own no longer lie under its boxes, so figures are cut from the grey page.</param>
public sealed class FigureImages(ScanSource source, int quarterTurns, double angle, int fallbackDpi, int pageWidth, int pageHeight,
    (Box Box, int CaptureWidth, int CaptureHeight)? region = null, bool resampled = false) : IDisposable
{
    public const int JpegQuality = 92;

    // A region is in colour when more than this share of its points have a chroma (max − min channel) above the limit:
    // scanner noise and paper tint stay below it, a colour photograph does not.
    private const int ChromaLimit = 32;
    private const double ColourShare = 0.03;

    private SKBitmap? colourScan;
    private bool decoded;

    /// <param name="greyCrop">The region cut from the straightened grey page (what Tesseract saw).</param>
    /// <param name="box">The region in the straightened page's pixels.</param>
    public (byte[] Bytes, string Extension) Encode(GreyImage greyCrop, Box box)
    {
        if (ColourScan() is { } scan && ColourRegion(scan, box, angle) is { } colour)
        {
            using (colour)
            {
                // Scans that were JPEG (a PDF of scans mostly holds JPEGs) give JPEG; lossless ones stay lossless.
                var jpeg = source.Format is ScanFormat.Jpeg or ScanFormat.Pdf;
                using var data = colour.Encode(jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, jpeg ? JpegQuality : 100);
                return (data.ToArray(), jpeg ? "jpg" : "png");
            }
        }

        return (greyCrop.EncodePng(), "png");
    }

    public void Dispose() => colourScan?.Dispose();

    /// <summary>The scan in colour, decoded once on the page's first figure; null when grey or not the grey page's size.</summary>
    private SKBitmap? ColourScan()
    {
        if (!decoded && !resampled)
        {
            decoded = true;
            colourScan = ScanDecoder.DecodeColour(source, fallbackDpi);
            if (colourScan is not null && region is { } part)
            {
                colourScan = CropToPage(colourScan, part.Box, part.CaptureWidth, part.CaptureHeight);
            }

            if (colourScan is not null && PageOrientation.Turn(colourScan, quarterTurns) is var turned && !ReferenceEquals(turned, colourScan))
            {
                colourScan.Dispose();
                colourScan = turned;
            }

            if (colourScan is not null && (colourScan.Width, colourScan.Height) != (pageWidth, pageHeight))
            {
                colourScan.Dispose();
                colourScan = null;
            }
        }

        return colourScan;
    }

    /// <summary>The page's part of the colour capture; null when the colour capture is not the grey one's size (then grey is used).</summary>
    private static SKBitmap? CropToPage(SKBitmap capture, Box box, int captureWidth, int captureHeight)
    {
        using (capture)
        {
            if ((capture.Width, capture.Height) != (captureWidth, captureHeight))
            {
                return null;
            }

            using var subset = new SKBitmap();
            return capture.ExtractSubset(subset, new SKRectI(box.X, box.Y, box.Right, box.Bottom)) ? subset.Copy() : null;
        }
    }

    /// <summary>
    /// The box of the straightened page cut in colour from <paramref name="scan"/> (bilinear sampling through the
    /// straightening rotation), or null when the region has no colour to keep.
    /// </summary>
    internal static SKBitmap? ColourRegion(SKBitmap scan, Box box, double angle)
    {
        var pixels = MemoryMarshal.Cast<byte, uint>(scan.GetPixelSpan());
        var (width, height) = (scan.Width, scan.Height);
        // Straightening turned the page by −angle; each straightened pixel comes from this point of the scan.
        var rotation = new PageRotation(-angle, width, height);
        (double X, double Y) From(double x, double y) => rotation.SourceOf(x, y);

        if (!HasColour(pixels, width, height, box, From))
        {
            return null;
        }

        var crop = new SKBitmap(new SKImageInfo(Math.Max(1, box.Width), Math.Max(1, box.Height), SKColorType.Rgba8888, SKAlphaType.Opaque));
        var target = MemoryMarshal.Cast<byte, uint>(crop.GetPixelSpan());
        for (var y = 0; y < crop.Height; y++)
        {
            for (var x = 0; x < crop.Width; x++)
            {
                var (sx, sy) = From(box.X + x, box.Y + y);
                target[y * crop.Width + x] = Sample(pixels, width, height, sx, sy);
            }
        }

        return crop;
    }

    private static bool HasColour(ReadOnlySpan<uint> pixels, int width, int height, Box box, Func<double, double, (double X, double Y)> from)
    {
        var stepX = Math.Max(1, box.Width / 200);
        var stepY = Math.Max(1, box.Height / 200);
        int coloured = 0, samples = 0;
        for (var y = box.Y; y < box.Bottom; y += stepY)
        {
            for (var x = box.X; x < box.Right; x += stepX)
            {
                var (sx, sy) = from(x, y);
                var (ix, iy) = ((int)sx, (int)sy);
                if (ix < 0 || iy < 0 || ix >= width || iy >= height)
                {
                    continue;
                }

                var p = pixels[iy * width + ix];
                var (r, g, b) = ((int)(p & 0xFF), (int)((p >> 8) & 0xFF), (int)((p >> 16) & 0xFF));
                coloured += Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) > ChromaLimit ? 1 : 0;
                samples++;
            }
        }

        return samples > 0 && coloured > samples * ColourShare;
    }

    /// <summary>Bilinear RGBA sample; outside the scan, white paper.</summary>
    private static uint Sample(ReadOnlySpan<uint> pixels, int width, int height, double x, double y)
    {
        var (x0, y0) = ((int)Math.Floor(x), (int)Math.Floor(y));
        if (x0 < 0 || y0 < 0 || x0 >= width - 1 || y0 >= height - 1)
        {
            return 0xFFFFFFFF;
        }

        var (fx, fy) = (x - x0, y - y0);
        var (p00, p10) = (pixels[y0 * width + x0], pixels[y0 * width + x0 + 1]);
        var (p01, p11) = (pixels[(y0 + 1) * width + x0], pixels[(y0 + 1) * width + x0 + 1]);
        uint result = 0xFF000000;
        for (var shift = 0; shift < 24; shift += 8)
        {
            double Channel(uint p) => (p >> shift) & 0xFF;
            var top = Channel(p00) + (Channel(p10) - Channel(p00)) * fx;
            var bottom = Channel(p01) + (Channel(p11) - Channel(p01)) * fx;
            result |= (uint)(top + (bottom - top) * fy + 0.5) << shift;
        }

        return result;
    }
}
