using System.Globalization;
using Typeset.Configuration;
using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>Options of the ocr stage (pipeline.json), with the defaults the README documents.</summary>
public sealed record OcrSettings(
    string Languages = OcrSettings.DefaultLanguages,
    int? Dpi = null,
    long MaxPixels = OcrSettings.DefaultMaxPixels,
    int Workers = 0,
    string DataPath = TesseractEngine.DefaultDataPath,
    bool SecondReading = false)
{
    public const string DefaultLanguages = "rus+eng";

    /// <summary>100 megapixels: an A3 page at 600 dpi is ~70; more is a mistake or a decompression bomb.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>Resolution assumed when neither the file nor the options give one.</summary>
    public const int FallbackDpi = 300;

    /// <summary>Bumped whenever recognition or cropping changes, so cached pages from older builds are not reused.</summary>
    public const int CacheVersion = 6;

    public int WorkerCount => Workers > 0 ? Workers : Environment.ProcessorCount;

    /// <summary>Everything that changes what a page's recognition gives: part of each page's cache key.</summary>
    public string CacheKey => string.Join('|',
        CacheVersion.ToString(CultureInfo.InvariantCulture), Languages, Dpi?.ToString(CultureInfo.InvariantCulture) ?? "auto",
        SecondReading ? "second-reading" : "one-reading");

    public static OcrSettings FromStage(StageConfig stage) => new(
        stage.GetString("languages", DefaultLanguages),
        stage.Options.ContainsKey("dpi") ? stage.GetInteger("dpi", FallbackDpi) : null,
        stage.Options.TryGetValue("maxPixels", out var max) ? (long)max.GetDouble() : DefaultMaxPixels,
        stage.GetInteger("workers", 0),
        SecondReading: stage.GetBoolean("secondReading", false));
}
