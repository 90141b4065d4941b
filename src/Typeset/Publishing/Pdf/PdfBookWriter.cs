using System.Globalization;
using SkiaSharp;
using Typeset.Configuration;
using Typeset.Model;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Pdf;

public sealed record PdfWriteResult(int PageCount, IReadOnlyList<BookWarning> Warnings, LayoutStatistics Statistics, PrintPageMap PageMap);

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
    /// <param name="altText">The editor's alt text per image path (epub.altText): the Figure elements' /Alt where given.</param>
    public static PdfWriteResult Write(Book book, TypesettingSettings settings, ResourceFolders resources, Stream output, IReadOnlyDictionary<string, string>? altText = null) =>
        Write(book, settings, resources, output, parts: null, altText);

    internal static PdfWriteResult Write(Book book, TypesettingSettings settings, string resourceDirectory, Stream output, int? parts) =>
        Write(book, settings, ResourceFolders.Only(resourceDirectory), output, parts);

    /// <param name="parts">How many parts the pages are drawn in at once; null: one per core, each of at least
    /// <see cref="MinimumPagesPerPart"/> pages.</param>
    internal static PdfWriteResult Write(Book book, TypesettingSettings settings, ResourceFolders resources, Stream output, int? parts, IReadOnlyDictionary<string, string>? altText = null)
    {
        var geometry = PageGeometry.From(settings);
        using var fonts = new FontLibrary(FontResolver.System);
        var composer = new BookComposer(settings, geometry, fonts, resources, altText);
        try
        {
            var flow = composer.Compose(book);
            var pages = Paginator.Paginate(flow, geometry.TextHeight, composer.NoteSeparator);
            var anchors = AnchorPages(pages);
            var structure = new PdfStructure();
            var renderer = new PageRenderer(settings, geometry, fonts, book, anchors, structure, composer.FigureAlt);
            using var pdf = new MemoryStream();
            var count = Math.Clamp(parts ?? Math.Min(Environment.ProcessorCount, pages.Count / MinimumPagesPerPart), 1, Math.Max(1, pages.Count));
            Render(renderer, pages, Metadata(book.Meta), pdf, count);
            var outline = composer.Headings.Where(heading => heading.Title.Length > 0 && anchors.ContainsKey(heading.Name)).ToList();
            var warnings = composer.Warnings.ToList();
            var print = PrintOutputFor(settings, warnings);
            PdfFinisher.Finish(pdf.ToArray(), new FinishSettings(outline, book.Meta, geometry, print, BuildDate(), structure), output);
            return new PdfWriteResult(pages.Count, warnings, composer.Statistics, PageMapOf(pages));
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

    /// <summary>Where the pages begin, from the layout alone (nothing drawn): the EPUB's page list when no PDF build left one.</summary>
    public static PrintPageMap PageMap(Book book, TypesettingSettings settings, ResourceFolders resources)
    {
        var geometry = PageGeometry.From(settings);
        using var fonts = new FontLibrary(FontResolver.System);
        var composer = new BookComposer(settings, geometry, fonts, resources);
        try
        {
            var flow = composer.Compose(book);
            return PageMapOf(Paginator.Paginate(flow, geometry.TextHeight, composer.NoteSeparator));
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
    /// Each page that begins text of the book, at the earliest point of the book it shows. A figure counts only when it
    /// stands in reading order — no text after it was set on an earlier page; one floated past text that follows it (or a
    /// page of figures alone) is skipped or used only when the page has nothing else. Pages are kept in reading order, so a
    /// later page never points back.
    /// </summary>
    private static PrintPageMap PageMapOf(List<PageContent> pages)
    {
        var map = new List<PrintPage>();
        TextSource? last = null;
        (int Block, int Characters) furthest = (-1, 0);
        foreach (var page in pages)
        {
            var text = page.Body.Where(placed => placed.Element.Source is not null && placed.Element is not FigureElement).Select(placed => placed.Element.Source!.Value).ToList();
            var inOrder = page.Body.Where(placed => placed.Element is FigureElement { Source: { } figure } && (figure.Block, figure.Characters).CompareTo(furthest) > 0)
                .Select(placed => placed.Element.Source!.Value);
            var sources = text.Concat(inOrder).ToList();
            if (sources.Count == 0)
            {
                sources = page.Body.Where(placed => placed.Element.Source is not null).Select(placed => placed.Element.Source!.Value).ToList();
            }

            foreach (var source in text)
            {
                furthest = (source.Block, source.Characters).CompareTo(furthest) > 0 ? (source.Block, source.Characters) : furthest;
            }

            if (sources.Count == 0)
            {
                continue;
            }

            var first = sources.MinBy(source => (source.Block, source.Characters));
            if (last is { } previous && (first.Block, first.Characters).CompareTo((previous.Block, previous.Characters)) <= 0)
            {
                continue;
            }

            map.Add(new PrintPage(page.Number, first.Block, first.Characters));
            last = first;
        }

        return new PrintPageMap(map);
    }

    /// <summary>
    /// PDF/X-4 with the configured CMYK profile as output intent, or an RGB screen PDF when asked for one — or, with a
    /// warning naming it, when the profile is missing or is not a CMYK printer profile (a valid PDF all the same).
    /// </summary>
    private static PrintOutput PrintOutputFor(TypesettingSettings settings, List<BookWarning> warnings)
    {
        if (!settings.PdfX)
        {
            return PrintOutput.Screen;
        }

        var path = settings.IccProfile;
        if (!File.Exists(path))
        {
            warnings.Add(BookWarning.General($"ICC profile '{path}' not found: the PDF is written without a PDF/X-4 output intent (install libgs-common, or set typesetting.iccProfile)"));
            return PrintOutput.Screen;
        }

        var profile = File.ReadAllBytes(path);
        if (IccProfile.Check(profile) is { } problem)
        {
            warnings.Add(BookWarning.General($"ICC profile '{path}' {problem}: the PDF is written without a PDF/X-4 output intent"));
            return PrintOutput.Screen;
        }

        return new PrintOutput(profile, settings.OutputCondition, IccProfile.Description(profile) ?? settings.OutputCondition);
    }

    /// <summary>The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else now, to the second.</summary>
    private static DateTimeOffset BuildDate()
    {
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        return long.TryParse(epoch, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
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
        metadata.Keywords = PdfFinisher.Keywords(meta);
        metadata.Creator = "Typeset";
        metadata.Producer = "Typeset";
        metadata.RasterDpi = RasterDpi;
        return metadata;
    }

    /// <summary>Draws paginated pages with Skia: text blobs from HarfBuzz glyphs, images, rules, link annotations.</summary>
    private sealed class PageRenderer(TypesettingSettings settings, PageGeometry geometry, FontLibrary fonts, Book book, Dictionary<string, int> anchors, PdfStructure structure, Func<Figure, string> figureAlt)
    {
        private readonly BookMeta meta = book.Meta;

        private readonly int contentsPosition = BookComposer.ContentsPosition(book.Blocks, settings);

        private readonly ParagraphStyle folio = new(fonts.Family(settings.BodyFont), FontVariant.Regular, settings.FontSizePt * FolioScale);
        private readonly ParagraphStyle runningHead = new(fonts.Family(settings.BodyFont), FontVariant.Italic, settings.FontSizePt * RunningHeadScale);

        public void Render(List<PageContent> pages, SKDocumentPdfMetadata metadata, Stream output)
        {
            using var document = SKDocument.CreatePdf(output, metadata);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var rulePaint = new SKPaint { Color = SKColors.Black, IsAntialias = true, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
            // Crop marks go on every plate: drawn in a colour the finisher turns into the registration colour (Separation /All).
            using var markPaint = new SKPaint { Color = ContentRewriter.Registration, IsAntialias = true, StrokeWidth = 0.25f, Style = SKPaintStyle.Stroke };
            foreach (var page in pages)
            {
                var canvas = document.BeginPage((float)geometry.MediaWidth, (float)geometry.MediaHeight);
                if (geometry.MarkArea > 0)
                {
                    DrawCropMarks(canvas, markPaint);
                }

                canvas.Translate((float)geometry.Offset, (float)geometry.Offset);
                var left = geometry.TextLeft(page.Number);
                var links = 0;
                for (var index = 0; index < page.Body.Count; index++)
                {
                    var (element, top) = page.Body[index];
                    DrawElement(canvas, element, Marks(element, page.Number, index, ref links), left, geometry.Top + top, paint, rulePaint);
                }

                DrawNotes(canvas, page, left, paint, rulePaint);
                paint.Color = PdfStructure.ColourOf(PdfStructure.PaginationArtifact);
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

        /// <summary>
        /// The structure marks an element is drawn in (see <see cref="PdfStructure"/>): its own, and for a figure its
        /// caption's; a contents line's link annotation is recorded as its Link element.
        /// </summary>
        private (int Mark, int CaptionMark) Marks(FlowElement element, int pageNumber, int index, ref int links)
        {
            if (element is RuleElement)
            {
                return (PdfStructure.LayoutArtifact, 0);
            }

            if (element is not (TextLine or FigureElement))
            {
                // Space, anchors: nothing drawn, nothing to tag.
                return (0, 0);
            }

            if (element is TextLine { LinkTarget: { } target } && anchors.ContainsKey(target))
            {
                // The contents stands in reading order where it is set (before the block it precedes).
                structure.Mark(new StructureElement("toc", "TOC", (contentsPosition, int.MinValue)));
                var item = new StructureElement($"toci:{target}", "TOCI", (contentsPosition, (pageNumber * 1000) + index), ParentKey: "toc");
                var mark = structure.Mark(item);
                structure.Mark(new StructureElement($"link:{target}", "Link", (contentsPosition, (pageNumber * 1000) + index), ParentKey: item.Key));
                structure.AddLink(pageNumber, links++, $"link:{target}");
                return (mark, 0);
            }

            if (element is TableRowElement { Repeated: true })
            {
                return (PdfStructure.PaginationArtifact, 0);
            }

            if (element.Structure is { Count: > 0 } path)
            {
                var inner = Chain(path, null);
                var innermost = path[^1];
                return element switch
                {
                    FigureElement => (inner, structure.Mark(new StructureElement(innermost.Key + ":caption", "Caption", (innermost.TopLevel, innermost.Sequence), ParentKey: innermost.Key))),
                    TextLine { LabelRuns: > 0 } => (inner, LabelMark(path, null)),
                    _ => (inner, 0),
                };
            }

            if (element.Source is not { } source)
            {
                // Title page and the contents' own heading: text of the book's front matter, one paragraph per page.
                return (structure.Mark(new StructureElement($"front:{pageNumber}", "P", (-2, pageNumber))), 0);
            }

            var block = book.Blocks[source.Block];
            var own = structure.Mark(BlockElement(block, source.Block));
            if (element is FigureElement)
            {
                return (own, structure.Mark(new StructureElement($"caption:{source.Block}", "Caption", (source.Block, 1), ParentKey: $"b{source.Block}")));
            }

            return (own, 0);
        }

        /// <summary>Registers the elements of <paramref name="path"/> under <paramref name="parentKey"/> (the Document when null); the innermost one's mark.</summary>
        private int Chain(IReadOnlyList<StructureNode> path, string? parentKey)
        {
            var mark = 0;
            foreach (var node in path)
            {
                mark = structure.Mark(new StructureElement(node.Key, node.Type, (node.TopLevel, node.Sequence), node.Alt, parentKey, node.Attributes));
                parentKey = node.Key;
            }

            return mark;
        }

        /// <summary>The Lbl of a list item (under its LI, before the LBody) or of a note (under the Note, first).</summary>
        private int LabelMark(IReadOnlyList<StructureNode> path, StructureElement? note)
        {
            if (path.LastOrDefault(node => node.Type == "LI") is { } item)
            {
                return structure.Mark(new StructureElement(item.Key + ":lbl", "Lbl", (item.TopLevel, item.Sequence), ParentKey: item.Key));
            }

            return note is null ? 0 : structure.Mark(new StructureElement(note.Key + ":lbl", "Lbl", (note.Order.Major, -1), ParentKey: note.Key));
        }

        /// <summary>A table cell's element: TH (scope Column) or TD, under the row's TR; an empty header cell is a TD.</summary>
        private int CellMark(TableRowElement row, int cell)
        {
            if (row.Repeated || row.Structure is not { Count: > 0 } path)
            {
                return PdfStructure.PaginationArtifact;
            }

            Chain(path, null);
            var tr = path[^1];
            // A header cell with no text (padded in for a wider row) heads nothing: a reader would announce an empty header.
            var header = row.Cells[cell].Header && row.Cells[cell].Lines.Any(line => line.Line.Runs.Any(run => !string.IsNullOrWhiteSpace(run.Run.Text)));
            return structure.Mark(new StructureElement($"{tr.Key}:c{cell:D4}", header ? "TH" : "TD", (tr.TopLevel, tr.Sequence), ParentKey: tr.Key,
                Attributes: header ? "<</O /Table /Scope /Column>>" : null));
        }

        /// <summary>The standard structure type of a block (ISO 32000-1, 14.8.4). New block kinds are grouped as Div until mapped.</summary>
        private StructureElement BlockElement(Block block, int index)
        {
            var type = block switch
            {
                Heading heading => "H" + Math.Clamp(heading.Level, 1, 6).ToString(CultureInfo.InvariantCulture),
                Paragraph => "P",
                Figure => "Figure",
                Quote => "BlockQuote",
                Footnote => "Note",
                FrontMatter => "Sect",
                _ => "Div",
            };
            var alt = block is Figure figure ? figureAlt(figure) : null;
            return new StructureElement($"b{index}", type, (index, 0), alt);
        }

        private void DrawElement(SKCanvas canvas, FlowElement element, (int Mark, int CaptionMark) marks, double left, double y, SKPaint paint, SKPaint rulePaint)
        {
            paint.Color = PdfStructure.ColourOf(marks.Mark);
            switch (element)
            {
                case TextLine line:
                    DrawTextLine(canvas, line, left, y, paint, marks.CaptionMark);
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
                    paint.Color = PdfStructure.ColourOf(marks.CaptionMark);
                    foreach (var line in figure.Caption)
                    {
                        DrawTextLine(canvas, line, left, y, paint);
                        y += line.Height;
                    }

                    break;
                case RuleElement rule:
                    var middle = (float)(y + rule.Height / 2);
                    rulePaint.Color = PdfStructure.ColourOf(PdfStructure.LayoutArtifact);
                    canvas.DrawLine((float)(left + rule.Indent), middle, (float)(left + rule.Indent + rule.Width), middle, rulePaint);
                    break;
                case AnchorElement anchor:
                    canvas.DrawNamedDestinationAnnotation(new SKPoint((float)left, (float)y), anchor.Name);
                    break;
                case TableRowElement row:
                    var rowTop = y;
                    for (var c = 0; c < row.Cells.Count; c++)
                    {
                        var cell = row.Cells[c];
                        paint.Color = PdfStructure.ColourOf(CellMark(row, c));
                        var lineTop = rowTop + (row.Height - cell.Lines.Sum(line => line.Height)) / 2;
                        foreach (var line in cell.Lines)
                        {
                            DrawTextLine(canvas, line, left + cell.X, lineTop, paint);
                            lineTop += line.Height;
                        }
                    }

                    var (x0, x1) = ((float)(left + row.Left), (float)(left + row.Left + row.Width));
                    rulePaint.Color = PdfStructure.ColourOf(PdfStructure.LayoutArtifact);
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

        /// <summary>A line of text; with <paramref name="labelMark"/>, its label runs (a list marker, a note number) drawn in that mark.</summary>
        private void DrawTextLine(SKCanvas canvas, TextLine line, double left, double y, SKPaint paint, int labelMark = 0)
        {
            if (labelMark != 0 && line.LabelRuns > 0 && line.LabelRuns <= line.Line.Runs.Count)
            {
                var bodyColour = paint.Color;
                paint.Color = PdfStructure.ColourOf(labelMark);
                DrawLine(canvas, line.Line with { Runs = line.Line.Runs.Take(line.LabelRuns).ToList() }, left + line.Indent, y + line.Baseline, paint);
                paint.Color = bodyColour;
                DrawLine(canvas, line.Line with { Runs = line.Line.Runs.Skip(line.LabelRuns).ToList() }, left + line.Indent, y + line.Baseline, paint);
            }
            else
            {
                DrawLine(canvas, line.Line, left + line.Indent, y + line.Baseline, paint);
            }

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
            rulePaint.Color = PdfStructure.ColourOf(PdfStructure.LayoutArtifact);
            canvas.DrawLine((float)left, rule, (float)(left + geometry.TextWidth / 4), rule, rulePaint);
            foreach (var line in page.Notes)
            {
                var labelMark = 0;
                if (line.Source is { } source)
                {
                    var note = BlockElement(book.Blocks[source.Block], source.Block);
                    var noteMark = structure.Mark(note);
                    paint.Color = PdfStructure.ColourOf(line.Structure is { Count: > 0 } path ? Chain(path, note.Key) : noteMark);
                    labelMark = line.LabelRuns > 0 ? LabelMark(line.Structure ?? [], note) : 0;
                }
                else
                {
                    paint.Color = PdfStructure.ColourOf(PdfStructure.LayoutArtifact);
                }

                DrawTextLine(canvas, line, left, y, paint, labelMark);
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

            // Skia draws no space glyphs, so tagged text, copy-paste and screen readers saw words run together. A word
            // space becomes the font's (invisible) space glyph, ending where the word begins: extractors that read
            // characters get the space, those that infer spaces from gaps see the same gap.
            var space = placed.SpaceBefore ? run.Face.Shape(" ") : null;
            if (space is not { Glyphs.Length: 1, MapsByCmap: true })
            {
                space = null;
            }

            var trailing = placed.SpaceAfter ? run.Face.Shape(" ") : null;
            if (trailing is not { Glyphs.Length: 1, MapsByCmap: true } || !shaped.MapsByCmap)
            {
                trailing = null;
            }

            var lead = space is null ? 0 : 1;
            var positions = new SKPoint[shaped.Glyphs.Length + lead + (trailing is null ? 0 : 1)];
            if (space is not null)
            {
                positions[0] = new SKPoint((float)(originX - space.Advance * scale), (float)originY);
            }

            if (trailing is not null)
            {
                positions[^1] = new SKPoint((float)(originX + shaped.Advance * scale), (float)originY);
            }

            for (var g = 0; g < shaped.Glyphs.Length; g++)
            {
                // HarfBuzz offsets point up, PDF canvas y points down.
                positions[g + lead] = new SKPoint((float)(originX + shaped.X[g] * scale), (float)(originY - shaped.Y[g] * scale));
            }

            if (run.Link is { } url)
            {
                var width = shaped.Glyphs.Length == 0 ? 0 : run.Face.Measure(run.Text, run.Size) * placed.ScaleX;
                canvas.DrawUrlAnnotation(SKRect.Create((float)originX, (float)(baseline - run.Size * 0.8), (float)width, (float)(run.Size * 1.05)), url);
            }

            var font = run.Face.SkiaFont(run.Size, placed.ScaleX);
            ushort[] glyphs = space is null ? shaped.Glyphs : [space.Glyphs[0], .. shaped.Glyphs];
            if (trailing is not null)
            {
                glyphs = [.. glyphs, trailing.Glyphs[0]];
            }

            var buffer = builder.AllocatePositionedTextRun(font, positions.Length, shaped.MapsByCmap ? 0 : shaped.Utf8.Length + lead, null);
            buffer.SetGlyphs(glyphs);
            buffer.SetPositions(positions);
            if (!shaped.MapsByCmap)
            {
                // The space is the text's first byte, its own cluster; the word's clusters move on by one.
                buffer.SetText(space is null ? shaped.Utf8 : [(byte)' ', .. shaped.Utf8]);
                buffer.SetClusters(space is null ? shaped.Clusters : [0u, .. shaped.Clusters.Select(cluster => cluster + 1)]);
            }
        }

        using var blob = builder.Build();
        if (blob is not null)
        {
            canvas.DrawText(blob, 0, 0, paint);
        }
    }
}
