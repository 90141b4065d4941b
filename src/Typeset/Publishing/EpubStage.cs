using Typeset.IO;
using Typeset.Model;
using Typeset.Pipeline;
using Typeset.Configuration;
using Typeset.Publishing.Epub;
using Typeset.Publishing.Pdf;

namespace Typeset.Publishing;

/// <summary>Builds output/book.epub (written atomically).</summary>
public sealed class EpubStage : IStage
{
    public const string StageName = "epub";

    public string Name => StageName;

    public Book Run(Book book, StageContext context)
    {
        // Like every path in pipeline.json, the cover is relative to the file's folder.
        var cover = context.Stage.GetString("cover", string.Empty);
        var settings = new EpubSettings(
            SplitLevel: context.Stage.GetInteger("splitLevel", 1),
            EmbedFonts: context.Stage.GetBoolean("embedFonts", false),
            CoverPath: cover.Length > 0 ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(context.Config.ConfigPath))!, cover)) : null,
            SoftHyphens: context.Stage.GetBoolean("softHyphens", false),
            ImageCacheFolder: context.Config.Paths.EpubImageCacheFolder,
            AltText: AltText(context.Stage),
            PrintPages: context.Stage.GetBoolean("pageList", true) ? PrintPages(book, context) : null);
        EpubWriteResult? result = null;
        AtomicFile.Write(context.TargetFile ?? context.Config.Paths.BookEpub, stream =>
            result = EpubBookWriter.Write(book, settings, context.Resources, stream));
        foreach (var warning in result!.Warnings)
        {
            context.Warn(warning);
        }

        context.Report(string.Join("; ", new[] { $"{result.ChapterCount} chapters" + (settings.PrintPages is { } pages ? $", page list of {pages.Pages.Count} print pages" : string.Empty) }
            .Concat(result.Notes ?? [])));
        return book;
    }

    /// <summary>The print edition's pages: as the pdf stage left them for this very book and settings, else laid out anew (nothing drawn).</summary>
    private static PrintPageMap PrintPages(Book book, StageContext context)
    {
        var key = PrintPageMap.KeyOf(book, context.Config.Typesetting, context.ResourceFolder);
        return PrintPageMap.Read(context.Config.Paths.PrintPageMapFile, key)
            ?? PdfBookWriter.PageMap(book, context.Config.Typesetting, context.Resources);
    }

    /// <summary>The editor's alt text per image path (epub.altText); null when none is configured.</summary>
    internal static Dictionary<string, string>? AltText(StageConfig stage) =>
        stage.Options.TryGetValue("altText", out var map)
            ? map.EnumerateObject().ToDictionary(entry => entry.Name, entry => entry.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
            : null;
}
