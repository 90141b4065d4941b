using System.IO.Compression;
using System.Text;
using Typeset.Model;
using Typeset.Publishing.Hyphenation;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Epub;

/// <summary>Writes a <see cref="Book"/> as an EPUB 3 package (with an NCX for EPUB 2 readers). Same input, same bytes.</summary>
public static class EpubBookWriter
{
    // ZIP stores local times without a zone; a constant keeps the archive reproducible.
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="resourceDirectory">Folder against which <see cref="Figure.ImagePath"/> is resolved.</param>
    /// <param name="output">A seekable stream: the ZIP writer patches each entry's header after its data.</param>
    public static EpubWriteResult Write(Book book, EpubSettings settings, string resourceDirectory, Stream output) =>
        Write(book, settings, ResourceFolders.Only(resourceDirectory), output);

    /// <param name="resources">Where figures may be read from (anything else is refused with a warning).</param>
    public static EpubWriteResult Write(Book book, EpubSettings settings, ResourceFolders resources, Stream output)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanSeek || !output.CanWrite)
        {
            throw new ArgumentException("The EPUB output stream must be writable and seekable.", nameof(output));
        }

        var warnings = new List<BookWarning>();
        var chapters = new ChapterPlan(book, settings.SplitLevel);
        var footnotes = new FootnotePlan(book.Blocks, chapters, warnings);
        // The cover is drawn while the figures are encoded; its warnings are kept apart so their order never varies.
        var coverWarnings = new List<BookWarning>();
        var drawing = Task.Run(() => CoverPlan.Create(book.Meta, settings.CoverPath, FontResolver.System, coverWarnings));
        var cache = settings.ImageCacheFolder is { } folder ? new EpubImageCache(folder) : null;
        var images = new ImagePlan(book.Blocks, resources, cache, warnings);
        cache?.RemoveUnused();
        var cover = drawing.GetAwaiter().GetResult();
        warnings.AddRange(coverWarnings);
        var fonts = settings.EmbedFonts ? EmbeddedFonts.Load(FontResolver.System, warnings) : [];
        var package = new PackageWriter(book.Meta, chapters, images, cover, fonts);
        var navigation = new NavigationWriter(chapters, book.Meta.Language, ChapterPlan.TitleOf(book.Meta), package.Identifier, cover is not null);
        var softHyphens = settings.SoftHyphens ? new SoftHyphenator(LiangHyphenator.LoadRussian()) : null;
        var xhtml = new XhtmlChapterWriter(book, chapters, footnotes, images, softHyphens);
        var css = Encoding.UTF8.GetBytes(BookStylesheet.Build(fonts));

        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            // OCF: the mimetype entry comes first, uncompressed, so readers can sniff the type at a fixed offset.
            AddEntry(archive, "mimetype", CompressionLevel.NoCompression, stream => stream.Write("application/epub+zip"u8));
            AddEntry(archive, "META-INF/container.xml", CompressionLevel.Optimal, PackageWriter.WriteContainer);
            AddEntry(archive, PackageWriter.PackagePath, CompressionLevel.Optimal, package.WritePackage);
            AddEntry(archive, "OEBPS/" + NavigationWriter.NavFileName, CompressionLevel.Optimal, navigation.WriteNav);
            AddEntry(archive, "OEBPS/" + NavigationWriter.NcxFileName, CompressionLevel.Optimal, navigation.WriteNcx);
            AddEntry(archive, "OEBPS/" + BookStylesheet.Href, CompressionLevel.Optimal, stream => stream.Write(css));
            if (cover is not null)
            {
                AddEntry(archive, "OEBPS/text/" + CoverPlan.PageFileName, CompressionLevel.Optimal, stream => xhtml.WriteCoverPage(cover, stream));
            }

            foreach (var chapter in chapters.Chapters)
            {
                AddEntry(archive, "OEBPS/text/" + chapter.FileName, CompressionLevel.Optimal, stream => xhtml.Write(chapter, stream));
            }

            // JPEG and PNG are compressed already: deflating them again costs time and saves nothing.
            foreach (var image in images.Images)
            {
                AddEntry(archive, "OEBPS/images/" + image.FileName, CompressionLevel.NoCompression, image.WriteTo);
            }

            if (cover is not null)
            {
                AddEntry(archive, "OEBPS/images/" + cover.FileName, CompressionLevel.NoCompression, cover.WriteTo);
            }

            foreach (var font in fonts)
            {
                AddEntry(archive, "OEBPS/fonts/" + font.FileName, CompressionLevel.Optimal, stream => stream.Write(font.Content));
            }
        }

        return new EpubWriteResult(chapters.Chapters.Count, warnings);
    }

    private static void AddEntry(ZipArchive archive, string name, CompressionLevel level, Action<Stream> write)
    {
        var entry = archive.CreateEntry(name, level);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        write(stream);
    }
}
