using System.Runtime.InteropServices;
using SkiaSharp;

namespace Typeset.Publishing.Epub;

/// <summary>
/// An image ready for the package, with the media type and file extension it is written as: its bytes, or for an image
/// kept as it is, the file they are copied from when the package is written (<see cref="SourceFile"/>).
/// </summary>
internal sealed record EncodedImage(byte[]? Content, string MediaType, string Extension, int Width, int Height)
{
    public string? SourceFile { get; init; }
}

/// <summary>
/// Makes images fit e-readers: at most <see cref="MaxLongSide"/> px on the long side. A JPEG, PNG or GIF already small enough
/// is kept byte for byte (recompressing only loses quality). Anything re-encoded becomes JPEG when it looks like a photo
/// (a JPEG source, or colours spread out and no transparency) and PNG when it is line art, a map or a diagram, where JPEG would
/// smear the edges. Skia's encoders are deterministic, so the same source gives the same bytes.
/// </summary>
internal static class EpubImageEncoder
{
    public const int MaxLongSide = 1600;
    public const int JpegQuality = 85;

    // In line art the 16 most frequent colours cover most of the picture; in a photograph they do not.
    private const int DominantColours = 16;
    private const double DominantShareOfLineArt = 0.75;

    // EPUB core media types Skia reads; GIF stays GIF so an animation survives. WebP is not core and is always re-encoded.
    private static readonly Dictionary<string, string> KeptAsIsTypes = new(StringComparer.Ordinal)
    {
        ["image/jpeg"] = "jpg",
        ["image/png"] = "png",
        ["image/gif"] = "gif",
    };

    /// <summary>
    /// The image kept as it is (no bytes, only its size and type) when <paramref name="head"/>, the start of a file, shows
    /// an image that fits and is a core media type; null when it does not, or when the header is not all in
    /// <paramref name="head"/> (the caller then reads the whole file).
    /// </summary>
    public static EncodedImage? KeptAsIs(byte[] head, string mediaType)
    {
        using var data = SKData.CreateCopy(head);
        using var codec = SKCodec.Create(data);
        return codec is null ? null : KeptAsIs(codec, mediaType);
    }

    private static EncodedImage? KeptAsIs(SKCodec codec, string mediaType) =>
        Math.Max(codec.Info.Width, codec.Info.Height) <= MaxLongSide && KeptAsIsTypes.TryGetValue(mediaType, out var extension)
            ? new EncodedImage(null, mediaType, extension, codec.Info.Width, codec.Info.Height)
            : null;

    /// <summary>
    /// The image as stored in the EPUB, or null when Skia cannot read it (broken file).
    /// <paramref name="mediaType"/> is what the file's signature says it is.
    /// </summary>
    public static EncodedImage? Encode(byte[] source, string mediaType, EpubImageCache? cache = null)
    {
        using var data = SKData.CreateCopy(source);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        if (KeptAsIs(codec, mediaType) is { } kept)
        {
            return kept with { Content = source };
        }

        var fits = Math.Max(codec.Info.Width, codec.Info.Height) <= MaxLongSide;

        var key = cache is null ? null : EpubImageCache.KeyOf(source);
        if (key is not null && cache!.TryGet(key) is { } cached)
        {
            return cached;
        }

        var result = Reencode(codec, fits, mediaType);
        if (key is not null && result is not null)
        {
            cache!.Put(key, result);
        }

        return result;
    }

    private static EncodedImage? Reencode(SKCodec codec, bool fits, string mediaType)
    {
        using var decoded = fits ? SKBitmap.Decode(codec) : DecodeReduced(codec);
        if (decoded is null)
        {
            return null;
        }

        using var resized = fits ? null : Resize(decoded);
        var bitmap = resized ?? decoded;
        var asPhoto = mediaType == "image/jpeg" || LooksLikePhoto(bitmap);
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = asPhoto
            ? image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality)
            : image.Encode(SKEncodedImageFormat.Png, 100);
        if (encoded is null)
        {
            return null;
        }

        return asPhoto
            ? new EncodedImage(encoded.ToArray(), "image/jpeg", "jpg", bitmap.Width, bitmap.Height)
            : new EncodedImage(encoded.ToArray(), "image/png", "png", bitmap.Width, bitmap.Height);
    }

    /// <summary>
    /// Decodes at the smallest size the codec can produce directly that is still at least the target: JPEG decoders scale by
    /// n/8 while decoding (a 4000 px scan comes out at 2000 px for a quarter of the work); other formats decode at full size.
    /// </summary>
    private static SKBitmap? DecodeReduced(SKCodec codec)
    {
        var scale = (float)MaxLongSide / Math.Max(codec.Info.Width, codec.Info.Height);
        var reduced = codec.GetScaledDimensions(scale);
        var large = Math.Max(reduced.Width, reduced.Height) >= MaxLongSide && reduced.Width < codec.Info.Width;
        return large ? SKBitmap.Decode(codec, codec.Info.WithSize(reduced)) : SKBitmap.Decode(codec);
    }

    /// <summary>
    /// Scales so the long side is <see cref="MaxLongSide"/>. Bilinear sampling is fast and clean down to half size; below
    /// that it would skip pixels and alias, so large reductions first halve exactly (where bilinear sampling falls between
    /// each 2×2 block and so averages it: a box filter), as often as needed. Skia's cubic and mipmapped filters cost three to
    /// six times as much for a difference no e-reader screen shows.
    /// </summary>
    private static SKBitmap Resize(SKBitmap source)
    {
        var scale = (double)MaxLongSide / Math.Max(source.Width, source.Height);
        var alpha = source.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var current = source;
        while (scale < 0.5 && current.Width >= 2 && current.Height >= 2)
        {
            var halved = ScaleTo(current, current.Width / 2, current.Height / 2, alpha);
            if (!ReferenceEquals(current, source))
            {
                current.Dispose();
            }

            current = halved;
            scale *= 2;
        }

        var target = ScaleTo(
            current,
            Math.Max(1, (int)Math.Round(current.Width * scale)),
            Math.Max(1, (int)Math.Round(current.Height * scale)),
            alpha);
        if (!ReferenceEquals(current, source))
        {
            current.Dispose();
        }

        return target;
    }

    private static SKBitmap ScaleTo(SKBitmap source, int width, int height, SKAlphaType alpha)
    {
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, alpha));
        using var pixels = source.PeekPixels();
        using var targetPixels = target.PeekPixels();
        if (!pixels.ScalePixels(targetPixels, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None)))
        {
            target.Dispose();
            throw new InvalidOperationException($"Skia could not scale a {source.Width}×{source.Height} image");
        }

        return target;
    }

    /// <summary>
    /// True for photographs: no transparency, and colours spread out. Line art, maps and diagrams put most pixels into a
    /// handful of colours (paper, ink, a few fills, their anti-aliased edges); a photograph, even a grey one with at most
    /// 256 levels, spreads them over many. Counted on a grid of up to 300×300 points.
    /// </summary>
    private static bool LooksLikePhoto(SKBitmap bitmap)
    {
        using var rgba = bitmap.ColorType == SKColorType.Rgba8888 ? null : bitmap.Copy(SKColorType.Rgba8888);
        var source = rgba ?? bitmap;
        var pixels = MemoryMarshal.Cast<byte, uint>(source.GetPixelSpan());
        var counts = new Dictionary<uint, int>();
        var stepX = Math.Max(1, source.Width / 300);
        var stepY = Math.Max(1, source.Height / 300);
        var samples = 0;
        for (var y = 0; y < source.Height; y += stepY)
        {
            var row = pixels.Slice(y * source.RowBytes / 4, source.Width);
            for (var x = 0; x < row.Length; x += stepX)
            {
                if (row[x] >> 24 != 0xFF)
                {
                    return false; // transparency needs PNG
                }

                counts[row[x]] = counts.GetValueOrDefault(row[x]) + 1;
                samples++;
            }
        }

        var dominant = counts.Values.OrderDescending().Take(DominantColours).Sum();
        return dominant < samples * DominantShareOfLineArt;
    }
}
