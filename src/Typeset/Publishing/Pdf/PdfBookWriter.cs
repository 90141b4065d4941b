using System.Globalization;
using SkiaSharp;
using Typeset.Configuration;
using Typeset.Model;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Pdf;

public sealed record PdfWriteResult(int PageCount, IReadOnlyList<BookWarning> Warnings, LayoutStatistics Statistics);

/// <summary>
/// Typesets a book into a print PDF: title page, contents with page numbers and links, justified and hyphenated
/// text, figures, footnotes at the page foot, running heads, folios, bookmarks, embedded font subsets.
/// </summary>
public static class PdfBookWriter
{
    private const double FolioScale = 0.9;
    private const double RunningHeadScale = 0.9;

    /// <summary>
    /// Skia rounds the page to whole raster pixels: at 508 dpi a pixel is 1/20 mm, so page sizes given
    /// to 0.05 mm come out exact (at 300 dpi 145 mm would become 411.12 pt instead of 411.02 pt).
    /// </summary>
    private const float RasterDpi = 508;

    /// <summary>Fewer pages than this a part are drawn in one go: merging would cost more than it saves.</summary>
    private const int MinimumPagesPerPart = 24;

    /// <param name="resourceDirectory">Folder against which <see cref="Figure.ImagePath"/> is resolved.</param>
    public static PdfWriteResult Write(Book book, TypesettingSettings settings, string resourceDirectory, Stream output) =>
        Write(book, settings, ResourceFolders.Only(resourceDirectory), output, parts: null);

    /// <param name="resources">Where figures may be read from (anything else is refused with a warning).</param>
    public static PdfWriteResult Write(Book book, TypesettingSettings settings, ResourceFolders resources, Stream output) =>
        Write(book, settings, resources, output, parts: null);

    internal static PdfWriteResult Write(Book book, TypesettingSettings settings, string resourceDirectory, Stream output, int? parts) =>
        Write(book, settings, ResourceFolders.Only(resourceDirectory), output, parts);

    /// <param name="parts">How many parts the pages are drawn in at once; null: one per core, each of at least
    /// <see cref="MinimumPagesPerPart"/> pages.</param>
    internal static PdfWriteResult Write(Book book, TypesettingSettings settings, ResourceFolders resources, Stream output, int? parts)
    {
        var geometry = PageGeometry.From(settings);
        using var fonts = new FontLibrary(FontResolver.System);
        var composer = new BookComposer(settings, geometry, fonts, resources);
        try
        {
            var flow = composer.Compose(book);
            var pages = Paginator.Paginate(flow, geometry.TextHeight, composer.NoteSeparator);
            var anchors = AnchorPages(pages);
            var renderer = new PageRenderer(settings, geometry, fonts, book.Meta, anchors);
            using var pdf = new MemoryStream();
            var count = Math.Clamp(parts ?? Math.Min(Environment.ProcessorCount, pages.Count / MinimumPagesPerPart), 1, Math.Max(1, pages.Count));
            Render(renderer, pages, Metadata(book.Meta), pdf, count);
            var outline = composer.Headings.Where(heading => heading.Title.Length > 0 && anchors.ContainsKey(heading.Name)).ToList();
            PdfFinisher.Finish(pdf, outline, book.Meta.Language, geometry);
            pdf.Position = 0;
            pdf.CopyTo(output);
            return new PdfWriteResult(pages.Count, composer.Warnings, composer.Statistics);
        }
        finally
        {
            foreach (var image in composer.Images)
            {
                image.Dispose();
            }
        }
    }

    /// <summary>
    /// Draws the pages into <paramref name="pdf"/>: in one document, or in <paramref name="parts"/> runs of consecutive pages
    /// drawn at once, each into its own document, then joined (Skia's PDF writer uses one thread per document).
    /// </summary>
    private static void Render(PageRenderer renderer, List<PageContent> pages, SKDocumentPdfMetadata metadata, MemoryStream pdf, int parts)
    {
        if (parts <= 1)
        {
            renderer.Render(pages, metadata, pdf);
            return;
        }

        var drawn = new byte[parts][];
        Parallel.For(0, parts, k =>
        {
            using var part = new MemoryStream();
            var first = k * pages.Count / parts;
            renderer.Render(pages.GetRange(first, ((k + 1) * pages.Count / parts) - first), metadata, part);
            drawn[k] = part.ToArray();
        });
        PdfPartMerger.Merge(drawn, pdf);
    }

    private static Dictionary<string, int> AnchorPages(List<PageContent> pages)
    {
        var anchors = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var placed in page.Body)
            {
                if (placed.Element is AnchorElement anchor)
                {
                    anchors.TryAdd(anchor.Name, page.Number);
                }
            }
        }

        return anchors;
    }

    private static SKDocumentPdfMetadata Metadata(BookMeta meta)
    {
        // Start from the defaults: a bare struct would have encoding quality 0 (worst JPEG) instead of lossless.
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = meta.Title;
        metadata.Author = meta.Author;
        metadata.Subject = meta.Subtitle;
        metadata.Keywords = string.Join(", ", new[] { meta.Publisher, meta.City, meta.Year?.ToString(CultureInfo.InvariantCulture), meta.Isbn is null ? null : "ISBN " + meta.Isbn }.Where(part => part is { Length: > 0 }));
        metadata.Creator = "Typeset";
        metadata.Producer = "Typeset";
        metadata.RasterDpi = RasterDpi;
        return metadata;
    }

    /// <summary>Draws paginated pages with Skia: text blobs from HarfBuzz glyphs, images, rules, link annotations.</summary>
    private sealed class PageRenderer(TypesettingSettings settings, PageGeometry geometry, FontLibrary fonts, BookMeta meta, Dictionary<string, int> anchors)
    {
        private readonly ParagraphStyle folio = new(fonts.Family(settings.BodyFont), FontVariant.Regular, settings.FontSizePt * FolioScale);
        private readonly ParagraphStyle runningHead = new(fonts.Family(settings.BodyFont), FontVariant.Italic, settings.FontSizePt * RunningHeadScale);

        public void Render(List<PageContent> pages, SKDocumentPdfMetadata metadata, Stream output)
        {
            using var document = SKDocument.CreatePdf(output, metadata);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var rulePaint = new SKPaint { Color = SKColors.Black, IsAntialias = true, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
            using var markPaint = new SKPaint { Color = SKColors.Black, IsAntialias = true, StrokeWidth = 0.25f, Style = SKPaintStyle.Stroke };
            foreach (var page in pages)
            {
                var canvas = document.BeginPage((float)geometry.MediaWidth, (float)geometry.MediaHeight);
                if (geometry.MarkArea > 0)
                {
                    DrawCropMarks(canvas, markPaint);
                }

                canvas.Translate((float)geometry.Offset, (float)geometry.Offset);
                var left = geometry.TextLeft(page.Number);
                foreach (var (element, top) in page.Body)
                {
                    DrawElement(canvas, element, left, geometry.Top + top, paint, rulePaint);
                }

                DrawNotes(canvas, page, left, paint, rulePaint);
                if (!page.Plain && !page.ChapterOpener && !page.IsEmpty)
                {
                    if (settings.RunningHeads)
                    {
                        DrawRunningHead(canvas, page, left, paint);
                    }

                    if (page.Number > 1)
                    {
                        DrawFolio(canvas, page.Number, left, paint);
                    }
                }

                document.EndPage();
            }

            document.Close();
        }

        private void DrawElement(SKCanvas canvas, FlowElement element, double left, double y, SKPaint paint, SKPaint rulePaint)
        {
            switch (element)
            {
                case TextLine line:
                    DrawTextLine(canvas, line, left, y, paint);
                    break;
                case FigureElement figure:
                    y += figure.SpaceAbove;
                    if (figure.Image is { } image)
                    {
                        var rect = SKRect.Create((float)(left + image.Indent), (float)y, (float)image.Width, (float)image.Height);
                        canvas.DrawImage(image.Image, rect, new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
                        y += image.Height;
                    }

                    y += figure.CaptionGap;
                    foreach (var line in figure.Caption)
                    {
                        DrawTextLine(canvas, line, left, y, paint);
                        y += line.Height;
                    }

                    break;
                case RuleElement rule:
                    var middle = (float)(y + rule.Height / 2);
                    canvas.DrawLine((float)(left + rule.Indent), middle, (float)(left + rule.Indent + rule.Width), middle, rulePaint);
                    break;
                case AnchorElement anchor:
                    canvas.DrawNamedDestinationAnnotation(new SKPoint((float)left, (float)y), anchor.Name);
                    break;
                case TableRowElement row:
                    var rowTop = y;
                    foreach (var cell in row.Cells)
                    {
                        var lineTop = rowTop + (row.Height - cell.Lines.Sum(line => line.Height)) / 2;
                        foreach (var line in cell.Lines)
                        {
                            DrawTextLine(canvas, line, left + cell.X, lineTop, paint);
                            lineTop += line.Height;
                        }
                    }

                    var (x0, x1) = ((float)(left + row.Left), (float)(left + row.Left + row.Width));
                    if (row.RuleAbove)
                    {
                        canvas.DrawLine(x0, (float)rowTop, x1, (float)rowTop, rulePaint);
                    }

                    if (row.RuleBelow)
                    {
                        canvas.DrawLine(x0, (float)(rowTop + row.Height), x1, (float)(rowTop + row.Height), rulePaint);
                    }

                    break;
            }
        }

        private void DrawTextLine(SKCanvas canvas, TextLine line, double left, double y, SKPaint paint)
        {
            DrawLine(canvas, line.Line, left + line.Indent, y + line.Baseline, paint);
            if (line.PageNumberOf is { } target && anchors.TryGetValue(target, out var pageNumber))
            {
                var text = pageNumber.ToString(CultureInfo.InvariantCulture);
                var face = folio.Family[FontVariant.Regular];
                var size = settings.FontSizePt;
                var width = face.Measure(text, size);
                var run = new PlacedRun(new TextRun(text, face, size), geometry.TextWidth - width);
                DrawLine(canvas, new PlacedLine([run], width), left, y + line.Baseline, paint);
            }

            if (line.LinkTarget is { } link && anchors.ContainsKey(link))
            {
                canvas.DrawLinkDestinationAnnotation(SKRect.Create((float)(left + line.Indent), (float)y, (float)(geometry.TextWidth - line.Indent), (float)line.Height), link);
            }
        }

        private void DrawNotes(SKCanvas canvas, PageContent page, double left, SKPaint paint, SKPaint rulePaint)
        {
            if (page.Notes.Count == 0)
            {
                return;
            }

            var y = geometry.Top + geometry.TextHeight - page.NotesHeight;
            var rule = (float)(y - settings.LeadingPt / 2);
            canvas.DrawLine((float)left, rule, (float)(left + geometry.TextWidth / 4), rule, rulePaint);
            foreach (var line in page.Notes)
            {
                DrawTextLine(canvas, line, left, y, paint);
                y += line.Height;
            }
        }

        private void DrawRunningHead(SKCanvas canvas, PageContent page, double left, SKPaint paint)
        {
            var text = page.Number % 2 == 0 ? meta.Title : page.ChapterTitle ?? meta.Title;
            var face = runningHead.Family[runningHead.Variant];
            var width = face.Measure(text, runningHead.Size);
            while (width > geometry.TextWidth && text.Length > 2)
            {
                // Too long for one line: cut at a word and mark the cut.
                var cut = text.LastIndexOf(' ', text.Length - 2);
                text = (cut > 0 ? text[..cut] : text[..^2]).TrimEnd(',', ' ', ':', ';', '…') + "…";
                width = face.Measure(text, runningHead.Size);
            }

            var run = new PlacedRun(new TextRun(text, face, runningHead.Size), (geometry.TextWidth - width) / 2);
            DrawLine(canvas, new PlacedLine([run], width), left, geometry.Top - settings.LeadingPt, paint);
        }

        private void DrawFolio(SKCanvas canvas, int pageNumber, double left, SKPaint paint)
        {
            var text = pageNumber.ToString(CultureInfo.InvariantCulture);
            var face = folio.Family[folio.Variant];
            var width = face.Measure(text, folio.Size);
            var run = new PlacedRun(new TextRun(text, face, folio.Size), (geometry.TextWidth - width) / 2);
            var baseline = geometry.Height - geometry.Bottom / 2;
            DrawLine(canvas, new PlacedLine([run], width), left, baseline, paint);
        }

        private void DrawCropMarks(SKCanvas canvas, SKPaint paint)
        {
            var o = (float)geometry.Offset;
            var (w, h) = ((float)geometry.Width, (float)geometry.Height);
            var gap = (float)Math.Max(geometry.Bleed, PageGeometry.CropMarkGap);
            var length = (float)PageGeometry.CropMarkLength;
            foreach (var x in new[] { o, o + w })
            {
                foreach (var y in new[] { o, o + h })
                {
                    var dx = x == o ? -1 : 1;
                    var dy = y == o ? -1 : 1;
                    canvas.DrawLine(x + dx * gap, y, x + dx * (gap + length), y, paint);
                    canvas.DrawLine(x, y + dy * gap, x, y + dy * (gap + length), paint);
                }
            }
        }
    }

    /// <summary>
    /// One text blob per line. A run whose glyphs the font's character map already turns back into its text goes in as
    /// glyphs alone; any other (ligatures, marks, alternates, shared glyphs) carries its UTF-8 text and clusters, so the PDF
    /// text extracts exactly either way, and Skia spends its per-cluster checks only where they are needed.
    /// </summary>
    private static void DrawLine(SKCanvas canvas, PlacedLine line, double left, double baseline, SKPaint paint)
    {
        using var builder = new SKTextBlobBuilder();
        foreach (var placed in line.Runs)
        {
            var run = placed.Run;
            var shaped = run.Face.Shape(run.Text);
            if (shaped.Glyphs.Length == 0)
            {
                continue;
            }

            var scale = run.Size / run.Face.UnitsPerEm * placed.ScaleX;
            var originX = left + placed.X;
            var originY = baseline - run.Rise;
            var positions = new SKPoint[shaped.Glyphs.Length];
            for (var g = 0; g < positions.Length; g++)
            {
                // HarfBuzz offsets point up, PDF canvas y points down.
                positions[g] = new SKPoint((float)(originX + shaped.X[g] * scale), (float)(originY - shaped.Y[g] * scale));
            }

            if (run.Link is { } url)
            {
                var width = shaped.Glyphs.Length == 0 ? 0 : run.Face.Measure(run.Text, run.Size) * placed.ScaleX;
                canvas.DrawUrlAnnotation(SKRect.Create((float)originX, (float)(baseline - run.Size * 0.8), (float)width, (float)(run.Size * 1.05)), url);
            }

            var font = run.Face.SkiaFont(run.Size, placed.ScaleX);
            var buffer = builder.AllocatePositionedTextRun(font, positions.Length, shaped.MapsByCmap ? 0 : shaped.Utf8.Length, null);
            buffer.SetGlyphs(shaped.Glyphs);
            buffer.SetPositions(positions);
            if (!shaped.MapsByCmap)
            {
                buffer.SetText(shaped.Utf8);
                buffer.SetClusters(shaped.Clusters);
            }
        }

        using var blob = builder.Build();
        if (blob is not null)
        {
            canvas.DrawText(blob, 0, 0, paint);
        }
    }
}
