using System.Globalization;
using SkiaSharp;
using Typeset.Configuration;
using Typeset.Model;
using Typeset.Publishing.Hyphenation;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Pdf;

/// <summary>What the line breaker did over the justified text of the book (last lines of paragraphs not counted).</summary>
public sealed record LayoutStatistics(int Lines, int LooseLines, int HyphenatedLines, int OverfullLines)
{
    public double HyphenatedShare => Lines == 0 ? 0 : (double)HyphenatedLines / Lines;
}

/// <summary>An outline (bookmark) entry: a heading and its named destination.</summary>
internal sealed record HeadingAnchor(string Name, int Level, string Title);

/// <summary>
/// Turns the book into a flow of lines, figures, anchors and page breaks for the paginator: title page, table of
/// contents, then the text. Body text is justified with total-fit line breaking and hyphenation; headings, captions
/// and the contents are set ragged without hyphens.
/// </summary>
internal sealed class BookComposer
{
    private const double FootnoteScale = 0.8;
    private const double CaptionScale = 0.9;
    private const int LongHeadingLength = 300;
    private const int ShortTitleLength = 120;

    private readonly TypesettingSettings settings;
    private readonly PageGeometry geometry;
    private readonly string resourceDirectory;
    private readonly ILineBreaker bodyBreaker;
    private readonly ILineBreaker raggedBreaker = new GreedyLineBreaker();
    private readonly WordHyphenation? hyphenation;
    private readonly List<FlowElement> flow = [];
    private readonly List<string> warnings = [];
    private readonly Dictionary<string, SKImage> images = new(StringComparer.Ordinal);
    private readonly Dictionary<int, NoteBody> notes = [];
    private readonly TypeFamily body;
    private readonly TypeFamily heading;
    // The top-level block being composed (-1: title page and contents) and how many of its characters are set so far.
    private int sourceBlock = -1;
    private int sourceCharacters;
    private int lines;
    private int looseLines;
    private int hyphenatedLines;
    private int overfullLines;

    public BookComposer(TypesettingSettings settings, PageGeometry geometry, FontLibrary fonts, string resourceDirectory)
    {
        this.settings = settings;
        this.geometry = geometry;
        this.resourceDirectory = resourceDirectory;
        body = fonts.Family(settings.BodyFont);
        heading = fonts.Family(settings.HeadingFont);
        bodyBreaker = new KnuthPlassLineBreaker(new LineBreakingOptions
        {
            Tolerance = settings.Tolerance,
            Pretolerance = Math.Min(100, settings.Tolerance),
            EmergencyStretch = 2 * settings.FontSizePt,
            FontExpansion = settings.FontExpansion,
        });
        if (settings.Hyphenate)
        {
            try
            {
                hyphenation = new WordHyphenation(LiangHyphenator.LoadRussian(), settings.HyphenateCapitalized);
            }
            catch (IOException e)
            {
                warnings.Add($"hyphenation is off: {e.Message}");
            }
        }
    }

    private double Size => settings.FontSizePt;

    private double Leading => settings.LeadingPt;

    private double Indent => settings.ParagraphIndentEm * Size;

    public IReadOnlyList<string> Warnings => warnings;

    public List<HeadingAnchor> Headings { get; } = [];

    public LayoutStatistics Statistics => new(lines, looseLines, hyphenatedLines, overfullLines);

    /// <summary>Decoded figure images; the caller disposes them once the PDF is written.</summary>
    public IEnumerable<SKImage> Images => images.Values;

    /// <summary>Height of the rule above the footnotes with its space.</summary>
    public double NoteSeparator => Leading;

    public List<FlowElement> Compose(Book book)
    {
        var blocks = book.Blocks;
        var pairing = new FootnotePairing(blocks, warnings);
        var anchors = new Dictionary<int, HeadingAnchor>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is Heading h)
            {
                var title = Inlines.PlainText(h.Content).Trim();
                if (title.Length > LongHeadingLength)
                {
                    warnings.Add($"block {h.Id}: heading of {title.Length} characters; shortened in the contents, bookmarks and running heads");
                }

                anchors[i] = new HeadingAnchor($"h{i}", h.Level, Shorten(title));
            }
        }

        if (settings.TitlePage)
        {
            AddTitlePage(book.Meta);
        }

        var tocEntries = anchors.Values.Where(anchor => anchor.Level <= 2 && anchor.Title.Length > 0).ToList();
        if (settings.Toc && tocEntries.Count > 0)
        {
            AddContents(tocEntries);
            flow.Add(new PageBreak(Recto: settings.ChapterOnRecto) { EndsChapter = true });
        }

        // Whether each paragraph is indented (not after headings, breaks and quotes) is known from the block kinds alone,
        // so the paragraphs (most of the work) are broken into lines in parallel before the flow is assembled in order.
        var indented = new bool[blocks.Count];
        var indent = true;
        for (var i = 0; i < blocks.Count; i++)
        {
            indented[i] = indent;
            indent = blocks[i] switch
            {
                Heading or Quote or ThematicBreak => false,
                Footnote when pairing.Referenced.Contains(i) => indent,
                PageMarker => indent,
                _ => true,
            };
        }

        var broken = new BrokenParagraph?[blocks.Count];
        Parallel.For(0, blocks.Count, i =>
        {
            if (blocks[i] is Paragraph paragraph)
            {
                broken[i] = BreakJustified(paragraph.Content, BodyStyle(indented[i]), 0, 0);
            }
            else if (blocks[i] is Footnote footnote && pairing.Referenced.Contains(i))
            {
                broken[i] = BreakNote(footnote);
            }
        });

        for (var i = 0; i < blocks.Count; i++)
        {
            (sourceBlock, sourceCharacters) = (i, 0);
            switch (blocks[i])
            {
                case Heading h: AddHeading(h, anchors[i]); break;
                case Paragraph: AddJustified(broken[i]!, Leading, NotesOf(i, pairing, blocks, broken)); break;
                case Figure f: AddFigure(f); break;
                case Footnote when pairing.Referenced.Contains(i): break;
                case Footnote f: AddUnreferencedFootnote(f); break;
                case Quote q: AddQuote(q, NotesOf(i, pairing, blocks, broken)); break;
                case ThematicBreak: AddThematicBreak(); break;
                case PageMarker: break;
                default: throw new InvalidOperationException($"Unknown block {blocks[i].GetType().Name}");
            }
        }

        return flow;
    }

    private static string Shorten(string title)
    {
        if (title.Length <= ShortTitleLength)
        {
            return title;
        }

        var cut = title.LastIndexOf(' ', ShortTitleLength - 1);
        return title[..(cut > 40 ? cut : ShortTitleLength - 1)].TrimEnd(',', ' ', ':', ';') + "…";
    }

    private void AddTitlePage(BookMeta meta)
    {
        flow.Add(new PlainPageMarker());
        flow.Add(new Spacer(geometry.TextHeight * 0.12, KeepAtPageTop: true));
        if (meta.Author is { Length: > 0 } author)
        {
            AddRagged([new Text(author)], new ParagraphStyle(heading, FontVariant.Regular, Size * 1.2), Size * 1.6, TextAlign.Center);
            flow.Add(new Spacer(Leading * 3, KeepAtPageTop: true));
        }

        AddRagged([new Text(meta.Title)], new ParagraphStyle(heading, FontVariant.Bold, Size * 2), Size * 2.5, TextAlign.Center);
        if (meta.Subtitle is { Length: > 0 } subtitle)
        {
            flow.Add(new Spacer(Leading, KeepAtPageTop: true));
            AddRagged([new Text(subtitle)], new ParagraphStyle(body, FontVariant.Italic, Size * 1.2), Size * 1.6, TextAlign.Center);
        }

        var imprint = string.Join(" · ", new[] { meta.Publisher, meta.City, meta.Year?.ToString(CultureInfo.InvariantCulture) }.Where(part => part is { Length: > 0 }));
        if (imprint.Length > 0)
        {
            var used = flow.Sum(element => element.Height);
            flow.Add(new Spacer(Math.Max(Leading, geometry.TextHeight - used - 2 * Leading), KeepAtPageTop: true));
            AddRagged([new Text(imprint)], new ParagraphStyle(body, FontVariant.Regular, Size), Leading, TextAlign.Center);
        }

        flow.Add(new PageBreak());
    }

    private void AddContents(List<HeadingAnchor> entries)
    {
        flow.Add(new PageBreak(Recto: settings.ChapterOnRecto));
        const string title = "Содержание";
        flow.Add(new AnchorElement("contents", 1, title) { KeepWithNext = true });
        Headings.Add(new HeadingAnchor("contents", 1, title));
        flow.Add(new Spacer(Leading * 2, KeepAtPageTop: true) { KeepWithNext = true });
        AddRagged([new Text(title)], new ParagraphStyle(heading, FontVariant.Bold, Size * 1.6), Size * 2, TextAlign.Center, keep: true);
        flow.Add(new Spacer(Leading, KeepAtPageTop: true));

        // Page numbers are filled in when drawing (the second pass): their width is reserved, so they never move a line.
        var numberWidth = body[FontVariant.Regular].Measure("0000", Size);
        foreach (var entry in entries)
        {
            if (entry.Level == 1)
            {
                flow.Add(new Spacer(Leading / 3));
            }

            var indent = entry.Level == 1 ? 0 : 1.5 * Size;
            var variant = entry.Level == 1 ? FontVariant.Bold : FontVariant.Regular;
            var measure = geometry.TextWidth - indent - numberWidth - Size;
            var items = ParagraphBuilder.Build([new Text(entry.Title)], new ParagraphStyle(body, variant, Size), measure);
            var spans = raggedBreaker.Break(items, measure);
            for (var k = 0; k < spans.Count; k++)
            {
                var line = new TextLine(Leading, Baseline(Leading, Size), indent, LineSetter.Place(items, spans[k], measure, TextAlign.Left))
                {
                    LinkTarget = entry.Name,
                    PageNumberOf = k == spans.Count - 1 ? entry.Name : null,
                    KeepWithNext = k < spans.Count - 1,
                };
                flow.Add(line);
            }
        }
    }

    private void AddHeading(Heading block, HeadingAnchor anchor)
    {
        // Size relative to body text; space before and after in body lines.
        var (scale, before, after) = block.Level switch
        {
            1 => (1.6, 3.0, 2.0),
            2 => (1.25, 1.5, 0.75),
            _ => (1.1, 1.0, 0.5),
        };
        var size = Size * scale;
        if (block.Level == 1)
        {
            flow.Add(new PageBreak(Recto: settings.ChapterOnRecto));
            flow.Add(new AnchorElement(anchor.Name, 1, anchor.Title) { KeepWithNext = true });
            flow.Add(new Spacer(before * Leading, KeepAtPageTop: true) { KeepWithNext = true });
        }
        else
        {
            flow.Add(new Spacer(before * Leading) { KeepWithNext = true });
            flow.Add(new AnchorElement(anchor.Name, block.Level, anchor.Title) { KeepWithNext = true });
        }

        if (block.Level <= 2)
        {
            Headings.Add(anchor);
        }

        var style = new ParagraphStyle(heading, FontVariant.Bold, size);
        AddRagged(block.Content, style, size * 1.25, TextAlign.Center, keep: true);
        flow.Add(new Spacer(after * Leading) { KeepWithNext = true });
    }

    private ParagraphStyle BodyStyle(bool indent) => new(body, FontVariant.Regular, Size, indent ? Indent : 0);

    private void AddParagraph(IEnumerable<Inline> content, bool indent, Func<int, NoteBody?> noteOf, double leftIndent = 0, double rightIndent = 0, int ordinalBase = 0)
    {
        var broken = BreakJustified(content, BodyStyle(indent), leftIndent, rightIndent);
        AddJustified(broken, Leading, ordinal => noteOf(ordinalBase + ordinal));
    }

    /// <param name="broken">Footnote bodies already broken into lines (in parallel with the paragraphs), by block index.</param>
    private Func<int, NoteBody?> NotesOf(int blockIndex, FootnotePairing pairing, IReadOnlyList<Block> blocks, BrokenParagraph?[] broken) => ordinal =>
        pairing.DefinitionOf(blockIndex, ordinal) is { } definition ? NoteFor(definition, (Footnote)blocks[definition], broken[definition]) : null;

    private NoteBody NoteFor(int definitionIndex, Footnote footnote, BrokenParagraph? broken)
    {
        if (!notes.TryGetValue(definitionIndex, out var note))
        {
            // The note's lines name their definition, so the tagged PDF files them under its Note element.
            note = new NoteBody(footnote.Id, SetJustified(broken ?? BreakNote(footnote), Leading * FootnoteScale, _ => null).Lines
                .Select(line => line with { Source = new TextSource(definitionIndex, 0) }).ToList());
            notes[definitionIndex] = note;
        }

        return note;
    }

    private BrokenParagraph BreakNote(Footnote footnote)
    {
        var style = new ParagraphStyle(body, FontVariant.Regular, Size * FootnoteScale, Indent * FootnoteScale);
        var content = footnote.Content.Prepend(new Text("\u00A0")).Prepend(new Superscript(footnote.Label));
        return BreakJustified(content, style, 0, 0);
    }

    private void AddUnreferencedFootnote(Footnote block)
    {
        var size = Size * FootnoteScale;
        var style = new ParagraphStyle(body, FontVariant.Regular, size, Indent);
        var content = block.Content.Prepend(new Text("\u00A0")).Prepend(new Superscript(block.Label));
        flow.Add(new Spacer(Leading / 2) { KeepWithNext = true });
        AddJustified(BreakJustified(content, style, 0, 0), Leading * FootnoteScale, _ => null);
    }

    private void AddQuote(Quote block, Func<int, NoteBody?> noteOf)
    {
        flow.Add(new Spacer(Leading / 2) { KeepWithNext = true });
        var indent = false;
        var ordinalBase = 0;
        foreach (var paragraph in block.Paragraphs)
        {
            AddParagraph(paragraph.Content, indent, noteOf, leftIndent: 2 * Size, rightIndent: Size, ordinalBase);
            ordinalBase += FootnotePairing.Walk(paragraph.Content).Count();
            indent = true;
        }

        flow.Add(new Spacer(Leading / 2));
    }

    private void AddThematicBreak()
    {
        var width = 3 * Size;
        // Kept with what follows so a rule under a heading never leaves the heading alone at a page foot.
        flow.Add(Sourced(new RuleElement(Leading * 1.5, (geometry.TextWidth - width) / 2, width) { KeepWithNext = true }));
    }

    private void AddFigure(Figure figure)
    {
        var image = LoadImage(figure);
        var captionSize = Size * CaptionScale;
        var captionStyle = new ParagraphStyle(body, FontVariant.Italic, captionSize);
        var captionLeading = Leading * CaptionScale;
        var caption = SetRagged(figure.Caption, captionStyle, captionLeading, TextAlign.Center);
        var captionHeight = caption.Sum(line => line.Height);
        if (image is null && caption.Count == 0)
        {
            warnings.Add($"block {figure.Id}: figure with neither image nor caption; skipped");
            return;
        }

        if (captionHeight > geometry.TextHeight * 0.5)
        {
            // A caption this long cannot travel as one unit with an image: it is set as text after it.
            warnings.Add($"block {figure.Id}: caption of {caption.Count} lines is set as text below the figure");
            AddFigureUnit(figure, image, []);
            flow.AddRange(caption.Select(line => Sourced(line)));
            return;
        }

        AddFigureUnit(figure, image, caption);
    }

    private void AddFigureUnit(Figure figure, SKImage? image, List<TextLine> caption)
    {
        var captionHeight = caption.Sum(line => line.Height);
        var gap = image is not null && caption.Count > 0 ? Leading / 2 : 0;
        ImageElement? placed = null;
        if (image is not null)
        {
            var width = geometry.TextWidth;
            var height = width * image.Height / image.Width;
            var maxHeight = Math.Min(geometry.TextHeight * settings.FigureMaxHeight, geometry.TextHeight - captionHeight - gap - Leading);
            if (height > maxHeight)
            {
                (width, height) = (maxHeight * image.Width / image.Height, maxHeight);
            }

            var dpi = image.Width / (width / 72);
            if (dpi < settings.MinImageDpi)
            {
                warnings.Add($"block {figure.Id}: image '{figure.ImagePath}' prints at {dpi:F0} dpi ({image.Width}×{image.Height} px at {width / 72 * 25.4:F0} mm wide), below {settings.MinImageDpi:F0} dpi");
            }

            placed = new ImageElement(image, (geometry.TextWidth - width) / 2, width, height);
        }

        var total = (placed?.Height ?? 0) + gap + captionHeight + Leading;
        flow.Add(Sourced(new FigureElement(total, placed, gap, caption) { SpaceAbove = Leading / 2 }, caption.Sum(line => line.Characters)));
    }

    private SKImage? LoadImage(Figure figure)
    {
        var relativePath = figure.ImagePath;
        if (relativePath.Length == 0)
        {
            warnings.Add($"block {figure.Id}: caption without an image; caption only");
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(resourceDirectory, relativePath));
        if (images.TryGetValue(path, out var loaded))
        {
            // The same image object is embedded in the PDF once, however often it is drawn.
            return loaded;
        }

        if (!File.Exists(path))
        {
            warnings.Add($"block {figure.Id}: figure image '{relativePath}' not found ({path}); caption only");
            return null;
        }

        var image = SKImage.FromEncodedData(path);
        if (image is null || image.Width == 0 || image.Height == 0)
        {
            image?.Dispose();
            warnings.Add($"block {figure.Id}: figure image '{relativePath}' cannot be decoded ({path}); caption only");
            return null;
        }

        foreach (var note in ImageInspection.PrintNotes(path, image))
        {
            warnings.Add($"block {figure.Id}: image '{relativePath}' {note}");
        }

        images.Add(path, image);
        return image;
    }

    private static double Baseline(double leading, double size) => (leading + size * 0.6) / 2;

    private void AddRagged(IEnumerable<Inline> content, ParagraphStyle style, double leading, TextAlign align, bool keep = false)
    {
        var set = SetRagged(content, style, leading, align);
        flow.AddRange(set.Select(line => Sourced(keep ? line with { KeepWithNext = true } : line)));
    }

    /// <summary>The element marked with the current point of the book, which then moves past its characters.</summary>
    private T Sourced<T>(T element, int characters = 0)
        where T : FlowElement
    {
        if (sourceBlock < 0)
        {
            return element;
        }

        var source = new TextSource(sourceBlock, sourceCharacters);
        sourceCharacters += element is TextLine line ? line.Characters : characters;
        return element with { Source = source };
    }

    /// <summary>Counted characters of the book's text in items [start, end): the boxes' text (hyphens at breaks are penalties).</summary>
    private static int CountedCharacters(IReadOnlyList<LineItem> items, int start, int end)
    {
        var count = 0;
        for (var i = start; i < end && i < items.Count; i++)
        {
            if (items[i] is Box { Run: { } run })
            {
                count += PrintPageMap.CountedCharacters(run.Text);
            }
        }

        return count;
    }

    private List<TextLine> SetRagged(IEnumerable<Inline> content, ParagraphStyle style, double leading, TextAlign align)
    {
        var measure = geometry.TextWidth;
        var items = ParagraphBuilder.Build(content, style, measure);
        var baseline = Baseline(leading, style.Size);
        return raggedBreaker.Break(items, measure)
            .Select(span => new TextLine(leading, baseline, 0, LineSetter.Place(items, span, measure, align)) { Characters = CountedCharacters(items, span.Start, span.End) })
            .ToList();
    }

    /// <summary>Items and line breaks of a justified paragraph: no shared state is written, so paragraphs break in parallel.</summary>
    private BrokenParagraph BreakJustified(IEnumerable<Inline> content, ParagraphStyle style, double leftIndent, double rightIndent)
    {
        var measure = geometry.TextWidth - leftIndent - rightIndent;
        var items = ParagraphBuilder.Build(content, style, measure, hyphenation);
        return new BrokenParagraph(items, bodyBreaker.Break(items, measure), style.Size, leftIndent, measure);
    }

    private (List<TextLine> Lines, List<bool> Hyphenated) SetJustified(BrokenParagraph paragraph, double leading, Func<int, NoteBody?> noteOf)
    {
        var (items, spans, size, leftIndent, measure) = paragraph;
        var baseline = Baseline(leading, size);
        var set = new List<TextLine>(spans.Count);
        var hyphenated = new List<bool>(spans.Count);
        for (var k = 0; k < spans.Count; k++)
        {
            var span = spans[k];
            List<NoteBody>? lineNotes = null;
            for (var i = span.Start; i < span.End; i++)
            {
                if (items[i] is Box { FootnoteOrdinal: { } ordinal } && noteOf(ordinal) is { } note)
                {
                    (lineNotes ??= []).Add(note);
                }
            }

            var endsHyphenated = span.EndsHyphenated(items);
            if (k < spans.Count - 1)
            {
                lines++;
                looseLines += span.Ratio > 1 ? 1 : 0;
                hyphenatedLines += endsHyphenated ? 1 : 0;
                overfullLines += span.IsOverfull ? 1 : 0;
            }

            set.Add(new TextLine(leading, baseline, leftIndent, LineSetter.Place(items, span, measure, TextAlign.Justify, settings.FontExpansion))
            {
                Notes = lineNotes ?? [],
                Characters = CountedCharacters(items, span.Start, span.End),
            });
            hyphenated.Add(endsHyphenated);
        }

        return (set, hyphenated);
    }

    /// <summary>
    /// Justified lines with widow and orphan control (no single first line at a page foot, no single last line at a
    /// page head) and no hyphen on the last line of a page (a hyphenated line stays with the next one).
    /// </summary>
    private void AddJustified(BrokenParagraph paragraph, double leading, Func<int, NoteBody?> noteOf)
    {
        var (set, hyphenated) = SetJustified(paragraph, leading, noteOf);
        for (var i = 0; i < set.Count; i++)
        {
            var keep = (i == 0 && set.Count > 1) || i == set.Count - 2 || hyphenated[i];
            flow.Add(Sourced(keep ? set[i] with { KeepWithNext = true } : set[i]));
        }
    }

    private sealed record BrokenParagraph(List<LineItem> Items, IReadOnlyList<LineSpan> Spans, double Size, double LeftIndent, double Measure);
}
