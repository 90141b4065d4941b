using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Typeset.Interop.Tesseract;
using Typeset.IO;

namespace Typeset.Ocr;

/// <summary>What recognising one page image produced; cached under its key, so an unchanged page is never OCR'd twice.</summary>
/// <param name="Orientation">Degrees the scan was turned clockwise to stand upright (0, 90, 180, 270) before straightening.</param>
public sealed record CachedPage(string Key, double DeskewAngle, int Dpi, RecognizedPage Recognized, IReadOnlyList<FigureCrop> Figures, int Orientation = 0,
    PreparationNote? Preparation = null, IReadOnlyList<PageStep>? Steps = null, IReadOnlyList<string>? Warnings = null, int Parts = 1, string? Side = null)
{
    /// <summary>The cache key of part <paramref name="part"/> (0-based) of a capture holding several pages (a spread).</summary>
    public static string PartKey(string key, int part) => part == 0 ? key : $"{key}-{part + 1}";
}

/// <summary>
/// The OCR cache: one JSON file per page image under work/ocr/cache/, keyed by the image's hash, its page index and
/// the OCR settings. Replacing one scan re-OCRs only that page.
/// </summary>
public sealed class PageCache(string folder)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string Folder { get; } = folder;

    public static string Key(string fileHash, int index, OcrSettings settings) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{fileHash}|{index}|{settings.CacheKey}")))[..24];

    /// <summary>The cached page, or null when absent, unreadable, or one of its figure crops is gone.</summary>
    public CachedPage? TryGet(string key, string markdownFolder)
    {
        var path = Path.Combine(Folder, key + ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var page = JsonSerializer.Deserialize<CachedPage>(File.ReadAllText(path), Json);
            return page is not null && page.Key == key && page.Figures.All(f => File.Exists(Path.Combine(markdownFolder, f.ImagePath))) ? page : null;
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    public void Put(CachedPage page)
    {
        Directory.CreateDirectory(Folder);
        AtomicFile.WriteAllText(Path.Combine(Folder, page.Key + ".json"), JsonSerializer.Serialize(page, Json));
    }
}
