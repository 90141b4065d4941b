using SkiaSharp;

namespace Typeset.Publishing.Layout;

public enum FontVariant
{
    Regular,
    Italic,
    Bold,
    BoldItalic,
}

/// <summary>
/// Maps a family name and variant to a font file. The Skia native build has no fontconfig,
/// so the font folders are scanned and each file's own family and style are read.
/// </summary>
public sealed class FontResolver
{
    private static readonly Lazy<FontResolver> SystemResolver = new(() => new FontResolver(SystemFontDirectories()));

    private static readonly EnumerationOptions ScanOptions = new() { RecurseSubdirectories = true, IgnoreInaccessible = true };

    private readonly IReadOnlyList<FontFileInfo> files;

    public FontResolver(IEnumerable<string> directories)
    {
        files = directories
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*", ScanOptions))
            .Where(IsFontFile)
            .Order(StringComparer.Ordinal)
            .Select(ReadInfo)
            .OfType<FontFileInfo>()
            .ToList();
    }

    public static FontResolver System => SystemResolver.Value;

    public static IEnumerable<string> SystemFontDirectories()
    {
        yield return "/usr/share/fonts";
        yield return "/usr/local/share/fonts";
        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts");
    }

    /// <summary>The file of <paramref name="family"/> closest to the variant (italic first, then weight).</summary>
    public string Resolve(string family, FontVariant variant)
    {
        var candidates = files.Where(file => string.Equals(file.Family, family, StringComparison.OrdinalIgnoreCase)).ToList();
        if (candidates.Count == 0)
        {
            throw new FontNotFoundException($"font '{family}' not found; install fonts-paratype");
        }

        var wantItalic = variant is FontVariant.Italic or FontVariant.BoldItalic;
        var wantWeight = variant is FontVariant.Bold or FontVariant.BoldItalic ? 700 : 400;
        return candidates
            .OrderBy(file => file.Italic == wantItalic ? 0 : 1)
            .ThenBy(file => Math.Abs(file.Weight - wantWeight))
            .ThenBy(file => Math.Abs(file.Width - (int)SKFontStyleWidth.Normal))
            .First()
            .Path;
    }

    private static bool IsFontFile(string path) =>
        path.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".otf", StringComparison.OrdinalIgnoreCase);

    private static FontFileInfo? ReadInfo(string path)
    {
        using var typeface = SKTypeface.FromFile(path);
        if (typeface is null)
        {
            return null;
        }

        var style = typeface.FontStyle;
        return new FontFileInfo(path, typeface.FamilyName, style.Weight, style.Width, style.Slant != SKFontStyleSlant.Upright);
    }

    private sealed record FontFileInfo(string Path, string Family, int Weight, int Width, bool Italic);
}

public sealed class FontNotFoundException(string message) : Exception(message);
