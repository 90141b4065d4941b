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
        var softHyphens = settings.SoftHyphens ? new SoftHyphenator(LiangHyphenator.LoadRussian()) : null;
        var xhtml = new XhtmlChapterWriter(book, chapters, footnotes, images, softHyphens, settings.AltText, settings.PrintPages);
        var notes = new List<string>();
        var accessibility = Accessibility(book, images, xhtml, settings, warnings, notes);
        var package = new PackageWriter(book.Meta, chapters, images, cover, fonts, accessibility);
        var navigation = new NavigationWriter(chapters, book.Meta.Language, ChapterPlan.TitleOf(book.Meta), package.Identifier, cover is not null, xhtml.PageBreaks());
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

        return new EpubWriteResult(chapters.Chapters.Count, warnings, notes);
    }

    /// <summary>What the accessibility metadata says of this book, from its content; figures without alt text are named.</summary>
    private static AccessibilityFacts Accessibility(Book book, ImagePlan images, XhtmlChapterWriter xhtml, EpubSettings settings, List<BookWarning> warnings, List<string> notes)
    {
        var imageCount = 0;
        var undescribed = new List<string>();
        var withoutAlt = new List<string>();
        foreach (var visit in BookWalk.Blocks(book))
        {
            if (visit.Block is not Figure figure || images.ImageOf(figure.Id) is null)
            {
                continue;
            }

            imageCount++;
            var caption = XmlText.CollapseWhitespace(Inlines.PlainText(figure.Caption));
            if (xhtml.AltTextOf(figure, caption) is null)
            {
                (caption.Length == 0 ? undescribed : withoutAlt).Add(figure.Id);
            }
        }

        if (undescribed.Count > 0)
        {
            warnings.Add(new BookWarning(undescribed[0], WarningKind.Figure, $"EPUB: {undescribed.Count} image(s) with neither caption nor alt text, so a reader who cannot see them learns nothing: give alt text in pipeline.json (epub.altText) for {string.Join(", ", undescribed.Take(10))}{(undescribed.Count > 10 ? "…" : string.Empty)}"));
        }

        if (withoutAlt.Count > 0)
        {
            notes.Add($"{withoutAlt.Count} image(s) described by their caption alone (alt text can go in epub.altText)");
        }

        return new AccessibilityFacts(imageCount, imageCount - undescribed.Count, settings.PrintPages is { Pages.Count: > 0 }, BookWalk.Blocks(book).Any(visit => visit.Block is Footnote));
    }

    private static void AddEntry(ZipArchive archive, string name, CompressionLevel level, Action<Stream> write)
    {
        var entry = archive.CreateEntry(name, level);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        write(stream);
    }
}
