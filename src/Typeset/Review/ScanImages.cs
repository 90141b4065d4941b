using System.Globalization;
using System.Text.RegularExpressions;
using SkiaSharp;
using Typeset.Model;

namespace Typeset.Review;

/// <summary>
/// The page scans the review page shows crops of: <c>output/review/scans/page-NNNN.png</c> (or .jpg/.jpeg/.webp), one per scan
/// page, in scan pixels (the coordinates of a block's <see cref="PixelBox"/>). Looked up by page number only, so no
/// request can name a path; a file that resolves outside the folder (a symbolic link) is refused.
/// </summary>
public sealed partial class ScanImages(string outputFolder)
{
    /// <summary>Crops are at most this many pixels on a side: a request cannot make the server encode a whole poster.</summary>
    public const int MaxCropSide = 4000;

    public string Folder { get; } = Path.GetFullPath(Path.Combine(outputFolder, "review", "scans"));

    /// <summary>Page number → file name, for the pages that have a scan.</summary>
    public IReadOnlyDictionary<int, string> All()
    {
        var pages = new SortedDictionary<int, string>();
        if (!Directory.Exists(Folder))
        {
            return pages;
        }

        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            var name = Path.GetFileName(file);
            var match = ScanName().Match(name);
            if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) &&
                IsInsideFolder(file))
            {
                pages.TryAdd(page, name);
            }
        }

        return pages;
    }

    /// <summary>The full path of the scan of <paramref name="page"/>, or null when there is none.</summary>
    public string? Find(int page) => page > 0 && All().TryGetValue(page, out var name) ? Path.Combine(Folder, name) : null;

    public static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };

    /// <summary>PNG bytes of <paramref name="box"/> on the page's scan, widened by a margin and clipped to the image; null when there is no scan.</summary>
    public byte[]? Crop(int page, PixelBox box, int margin = 24)
    {
        if (Find(page) is not { } path || box.Width <= 0 || box.Height <= 0)
        {
            return null;
        }

        if (Decoded(path) is not { } image)
        {
            return null;
        }

        var left = Math.Clamp(box.X - margin, 0, image.Width);
        var top = Math.Clamp(box.Y - margin, 0, image.Height);
        var right = Math.Clamp((long)box.X + box.Width + margin, left, Math.Min(image.Width, left + MaxCropSide));
        var bottom = Math.Clamp((long)box.Y + box.Height + margin, top, Math.Min(image.Height, top + MaxCropSide));
        if (right <= left || bottom <= top)
        {
            return null;
        }

        lock (image)
        {
            using var cropped = new SKBitmap();
            if (!image.ExtractSubset(cropped, new SKRectI(left, top, (int)right, (int)bottom)))
            {
                return null;
            }

            using var encoded = SKImage.FromBitmap(cropped);
            using var data = encoded.Encode(SKEncodedImageFormat.Png, 100);
            return data.ToArray();
        }
    }

    /// <summary>
    /// The last few pages decoded, so scrolling through a page's edits decodes its scan once, not once per crop
    /// (a 300 dpi page takes tens of milliseconds). Kept by path and write time: a run that replaced a scan is seen.
    /// </summary>
    private SKBitmap? Decoded(string path)
    {
        var key = (path, File.GetLastWriteTimeUtc(path));
        lock (decoded)
        {
            var hit = decoded.FindIndex(d => d.Key == key);
            if (hit >= 0)
            {
                var entry = decoded[hit];
                decoded.RemoveAt(hit);
                decoded.Insert(0, entry);
                return entry.Bitmap;
            }
        }

        var bitmap = SKBitmap.Decode(path);
        if (bitmap is null)
        {
            return null;
        }

        lock (decoded)
        {
            decoded.Insert(0, (key, bitmap));
            if (decoded.Count > DecodedPages)
            {
                // Not disposed: a request may still be cropping it; the collector frees it after.
                decoded.RemoveAt(decoded.Count - 1);
            }
        }

        return bitmap;
    }

    private const int DecodedPages = 4;

    private readonly List<((string Path, DateTime Written) Key, SKBitmap Bitmap)> decoded = [];

    private bool IsInsideFolder(string file)
    {
        var info = new FileInfo(file);
        var target = info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        return target is not null && target.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^page-(\d{1,6})\.(png|jpe?g|webp)$", RegexOptions.IgnoreCase)]
    private static partial Regex ScanName();
}
