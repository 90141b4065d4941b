using System.Text.Json;
using Typeset.Model;

namespace Typeset.Configuration;

/// <summary>The book project as read from pipeline.json: metadata, paths (absolute), stages in order, typesetting.</summary>
public sealed record PipelineConfig(
    string ConfigPath,
    BookMeta Book,
    ProjectPaths Paths,
    IReadOnlyList<StageConfig> Stages,
    TypesettingSettings Typesetting);

/// <summary>Absolute folders and files of the project; relative paths in pipeline.json are relative to its folder.</summary>
public sealed record ProjectPaths(string Input, string Output, string Dictionaries, string Decisions, string? Scans = null, string? Morphology = null)
{
    /// <summary>Where the ocr stage finds page images (paths.scans; default input/scans).</summary>
    public string ScanFolder => Scans ?? Path.Combine(Input, "scans");

    /// <summary>Folders outside the project that figures may be read from (paths.images); nothing else outside it is.</summary>
    public IReadOnlyList<string> ImageFolders { get; init; } = [];

    /// <summary>The ocr stage's sidecars, cache and raw.md.</summary>
    public string OcrWorkFolder => Path.Combine(Output, "work", "ocr");

    /// <summary>The epub stage's scaled images, kept for the next build.</summary>
    public string EpubImageCacheFolder => Path.Combine(Output, "work", "epub", "images");

    /// <summary>Where the pdf stage leaves the page map (print page → place in the book) for the EPUB's page list.</summary>
    public string PrintPageMapFile => Path.Combine(Output, "work", "pdf", "page-map.json");

    public string BookMarkdown => Path.Combine(Output, "book.md");

    public string ReviewFolder => Path.Combine(Output, "review");

    public string EditLog => Path.Combine(ReviewFolder, "edits.jsonl");

    public string BookPdf => Path.Combine(Output, "book.pdf");

    public string BookEpub => Path.Combine(Output, "book.epub");
}

/// <summary>One entry of the stage list with its options (already validated against the stage's option shapes).</summary>
public sealed record StageConfig(string Name, IReadOnlyDictionary<string, JsonElement> Options)
{
    public double GetNumber(string key, double fallback) =>
        Options.TryGetValue(key, out var value) ? value.GetDouble() : fallback;

    public int GetInteger(string key, int fallback) =>
        Options.TryGetValue(key, out var value) ? (int)value.GetDouble() : fallback;

    public bool GetBoolean(string key, bool fallback) =>
        Options.TryGetValue(key, out var value) ? value.GetBoolean() : fallback;

    public string GetString(string key, string fallback) =>
        Options.TryGetValue(key, out var value) ? value.GetString() ?? fallback : fallback;
}

/// <summary>pipeline.json is missing, malformed or invalid. The message names the file and the JSON path.</summary>
public sealed class ConfigException(string message) : Exception(message);
