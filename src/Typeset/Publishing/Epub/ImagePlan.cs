using System.Text;
using Typeset.Model;

namespace Typeset.Publishing.Epub;

/// <summary>An image stored as OEBPS/images/<see cref="FileName"/>: its bytes, or a file copied as it is.</summary>
internal sealed record EpubImage(string FileName, string MediaType, byte[]? Content, string? SourceFile = null)
{
    public string ManifestId => Path.GetFileNameWithoutExtension(FileName);

    public static EpubImage Named(string fileName, EncodedImage encoded) => new(fileName, encoded.MediaType, encoded.Content, encoded.SourceFile);

    public void WriteTo(Stream output)
    {
        if (Content is not null)
        {
            output.Write(Content);
            return;
        }

        using var source = new FileStream(SourceFile!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        source.CopyTo(output);
    }
}

/// <summary>
/// Reads the figures' image files and names them image-001.png, … in order of first use (ASCII and unique whatever the
/// source names are). The media type comes from the file's signature, not its extension: OCR output names files loosely.
/// Raster images go through <see cref="EpubImageEncoder"/>: at most 1600 px, photos as JPEG, line art as PNG; WebP is
/// always re-encoded (not an EPUB 3.2 core media type: epubcheck 4 wants a fallback for it).
/// </summary>
internal sealed class ImagePlan
{
    /// <summary>Enough of a file for its image header: a JPEG's size comes after its EXIF and colour profile segments.</summary>
    private const int HeadBytes = 256 * 1024;

    private readonly Dictionary<string, EpubImage> imageOfFigure = new(StringComparer.Ordinal);
    private readonly List<EpubImage> images = [];

    /// <param name="cache">Re-encoded images kept from earlier builds; null encodes every time.</param>
    public ImagePlan(IReadOnlyList<Block> blocks, ResourceFolders resources, EpubImageCache? cache, List<BookWarning> warnings)
    {
        // First use decides the order (and so the names); the files are then read and re-encoded in parallel, since
        // scaling scans dominates the build, and the results are taken back in that order, so the output stays the same.
        var firstUses = new List<(string Path, Figure Figure)>();
        var pathOfFigure = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var visit in BookWalk.Blocks(new Book(BookMeta.Untitled, blocks.ToValueList())))
        {
            if (visit.Block is not Figure figure || string.IsNullOrWhiteSpace(figure.ImagePath))
            {
                continue;
            }

            if (resources.Resolve(figure.ImagePath) is not { } path)
            {
                warnings.Add(new BookWarning(figure.Id, WarningKind.Figure, resources.Refusal(figure.ImagePath)));
                continue;
            }

            pathOfFigure[figure.Id] = path;
            if (seen.Add(path))
            {
                firstUses.Add((path, figure));
            }
        }

        var loaded = new (EncodedImage? Image, string? Warning)[firstUses.Count];
        Parallel.For(0, firstUses.Count, k => loaded[k] = Load(firstUses[k].Path, firstUses[k].Figure, cache));
        var imageOfPath = new Dictionary<string, EpubImage>(StringComparer.Ordinal);
        for (var k = 0; k < firstUses.Count; k++)
        {
            if (loaded[k].Warning is { } warning)
            {
                warnings.Add(new BookWarning(firstUses[k].Figure.Id, WarningKind.Figure, warning));
            }

            if (loaded[k].Image is { } encoded)
            {
                var image = EpubImage.Named($"image-{images.Count + 1:D3}.{encoded.Extension}", encoded);
                images.Add(image);
                imageOfPath[firstUses[k].Path] = image;
            }
        }

        foreach (var (figure, path) in pathOfFigure)
        {
            if (imageOfPath.TryGetValue(path, out var image))
            {
                imageOfFigure[figure] = image;
            }
        }
    }

    public IReadOnlyList<EpubImage> Images => images;

    public EpubImage? ImageOf(string figureId) => imageOfFigure.GetValueOrDefault(figureId);

    /// <summary>The image as it goes into the package, or a warning saying why the figure keeps only its caption.</summary>
    private static (EncodedImage? Image, string? Warning) Load(string path, Figure figure, EpubImageCache? cache)
    {
        if (!File.Exists(path))
        {
            return (null, $"Image '{figure.ImagePath}' of figure {figure.Id} not found at {path}; caption kept without the image.");
        }

        var encoded = EncodeFile(path, cache);
        return encoded is null
            ? (null, $"Image '{figure.ImagePath}' of figure {figure.Id} is not a readable PNG, JPEG, GIF, SVG or WebP; caption kept without the image.")
            : (encoded, null);
    }

    /// <summary>
    /// An image file as it goes into the package. An image kept as it is is copied from its file when the package is
    /// written, and only its header is read here, so a book's pictures never all sit in memory at once.
    /// </summary>
    private static EncodedImage? EncodeFile(string path, EpubImageCache? cache)
    {
        byte[] head;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None))
        {
            head = new byte[(int)Math.Min(file.Length, HeadBytes)];
            file.ReadExactly(head);
            if (head.Length == file.Length)
            {
                return Encode(head, path, cache);
            }
        }

        return MediaTypeOf(head, path) is var (mediaType, _) && EpubImageEncoder.KeptAsIs(head, mediaType) is { } kept
            ? kept with { SourceFile = path }
            : Encode(File.ReadAllBytes(path), path, cache);
    }

    /// <summary>An image file's bytes as they go into the package (SVG as is, rasters fitted), or null when unreadable.</summary>
    public static EncodedImage? Encode(byte[] content, string path, EpubImageCache? cache = null) => MediaTypeOf(content, path) switch
    {
        null => null,
        ("image/svg+xml", var extension) => new EncodedImage(content, "image/svg+xml", extension, 0, 0),
        var (mediaType, _) => EpubImageEncoder.Encode(content, mediaType, cache),
    };

    /// <summary>The media type and extension a file's signature (or, for SVG, its extension and root element) shows.</summary>
    public static (string MediaType, string Extension)? MediaTypeOf(byte[] content, string path)
    {
        var bytes = content.AsSpan();
        if (bytes.StartsWith([(byte)0x89, (byte)'P', (byte)'N', (byte)'G', (byte)'\r', (byte)'\n', (byte)0x1A, (byte)'\n']))
        {
            return ("image/png", "png");
        }

        if (bytes.StartsWith([(byte)0xFF, (byte)0xD8, (byte)0xFF]))
        {
            return ("image/jpeg", "jpg");
        }

        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return ("image/gif", "gif");
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ("image/webp", "webp");
        }

        if (Path.GetExtension(path).Equals(".svg", StringComparison.OrdinalIgnoreCase)
            && Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 4096)]).Contains("<svg", StringComparison.Ordinal))
        {
            return ("image/svg+xml", "svg");
        }

        return null;
    }
}
