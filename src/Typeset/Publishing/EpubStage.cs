using Typeset.IO;
using Typeset.Model;
using Typeset.Pipeline;
using Typeset.Publishing.Epub;

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
            ImageCacheFolder: context.Config.Paths.EpubImageCacheFolder);
        EpubWriteResult? result = null;
        AtomicFile.Write(context.TargetFile ?? context.Config.Paths.BookEpub, stream =>
            result = EpubBookWriter.Write(book, settings, context.Resources, stream));
        foreach (var warning in result!.Warnings)
        {
            context.Warn(warning);
        }

        context.Report($"{result.ChapterCount} chapters");
        return book;
    }
}
