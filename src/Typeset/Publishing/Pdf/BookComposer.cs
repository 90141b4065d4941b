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
internal sealed partial class BookComposer
{
    private const double FootnoteScale = 0.8;
    private const double CaptionScale = 0.9;
    private const int LongHeadingLength = 300;
    private const int ShortTitleLength = 120;

    private readonly TypesettingSettings settings;
    private readonly PageGeometry geometry;
    private readonly ResourceFolders resources;
    private readonly FontFace? mono;
    private readonly ILineBreaker bodyBreaker;
    private readonly ILineBreaker raggedBreaker = new GreedyLineBreaker();
    private readonly WordHyphenation? hyphenation;
    private readonly List<FlowElement> flow = [];
    private readonly List<BookWarning> warnings = [];
    private readonly Dictionary<string, SKImage> images = new(StringComparer.Ordinal);
    private readonly Dictionary<int, NoteBody> notes = [];
    private readonly TypeFamily body;
    private readonly TypeFamily heading;
    private int lines;
    private int looseLines;
    private int hyphenatedLines;
    private int overfullLines;

    private readonly IReadOnlyDictionary<string, string>? altText;

    /// <param name="altText">The editor's alt text per image path (epub.altText), for the Figure elements' /Alt.</param>
    public BookComposer(TypesettingSettings settings, PageGeometry geometry, FontLibrary fonts, ResourceFolders resources, IReadOnlyDictionary<string, string>? altText = null)
    {
        this.altText = altText;
        this.settings = settings;
        this.geometry = geometry;
        this.resources = resources;
        body = fonts.Family(settings.BodyFont);
        heading = fonts.Family(settings.HeadingFont);
        mono = MonoFace(fonts);
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
                warnings.Add(BookWarning.General($"hyphenation is off: {e.Message}"));
            }
        }
    }

    private double Size => settings.FontSizePt;

    private double Leading => settings.LeadingPt;

    private double Indent => settings.ParagraphIndentEm * Size;

    public IReadOnlyList<BookWarning> Warnings => warnings;

    public List<HeadingAnchor> Headings { get; } = [];

    public LayoutStatistics Statistics => new(lines, looseLines, hyphenatedLines, overfullLines);

    /// <summary>Decoded figure images; the caller disposes them once the PDF is written.</summary>
    public IEnumerable<SKImage> Images => images.Values;

    /// <summary>Height of the rule above the footnotes with its space.</summary>
    public double NoteSeparator => Leading;

    public List<FlowElement> Compose(Book book)
    {
        var blocks = book.Blocks;
        pairing = new FootnotePairing(blocks, warnings);
        noteBlocks = blocks;
        var anchors = new Dictionary<int, HeadingAnchor>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is Heading h)
            {
                var title = Inlines.PlainText(h.Content.Where(inline => inline is not FootnoteReference)).Trim();
                if (title.Length > LongHeadingLength)
                {
                    warnings.Add(new BookWarning(h.Id, WarningKind.Heading, $"heading of {title.Length} characters; shortened in the contents, bookmarks and running heads"));
                }

                anchors[i] = new HeadingAnchor($"h{i}", h.Level, Shorten(title));
            }
        }

        // The book's own title page (recognised or written as ::: titlepage) stands for the one drawn from pipeline.json.
        if (settings.TitlePage && !blocks.Any(b => b is FrontMatter { Kind: FrontMatterKind.TitlePage }))
        {
            AddTitlePage(book.Meta);
        }

        var tocEntries = anchors.Values.Where(anchor => anchor.Level <= ContentsDepth && anchor.Title.Length > 0).ToList();
        var contentsAt = settings.Toc && tocEntries.Count > 0 ? ContentsPosition(blocks, settings) : -1;

        // Whether each paragraph is indented (not after headings, breaks and quotes) is known from the block kinds alone,
        // so the paragraphs (most of the work) are broken into lines in parallel before the flow is assembled in order.
        var indented = new bool[blocks.Count];
        var indent = true;
        for (var i = 0; i < blocks.Count; i++)
        {
            indented[i] = indent;
            indent = blocks[i] switch
            {
                Heading or Quote or ThematicBreak or Epigraph or Verse or ListBlock or Table or FrontMatter => false,
                Footnote when pairing.Referenced.Contains(i) => indent,
                PageMarker => indent,
                Paragraph or Figure or Footnote => true,
                _ => throw new InvalidOperationException($"Unknown block {blocks[i].GetType().Name}"),
            };
        }

        var broken = new BrokenParagraph?[blocks.Count];
        Parallel.For(0, blocks.Count, i =>
        {
            if (blocks[i] is Paragraph paragraph)
            {
                broken[i] = BreakJustified(paragraph.Content, BodyStyle(indented[i]), 0, 0);
            }
            else if (blocks[i] is Footnote { Body: [Paragraph first, ..] } footnote && pairing.Referenced.Contains(i))
            {
                broken[i] = BreakNoteOpening(footnote, first);
            }
        });
        preBroken = broken;

        for (var i = 0; i < blocks.Count; i++)
        {
            if (i == contentsAt)
            {
                AddContentsHere(tocEntries);
            }

            var start = flow.Count;
            var top = new Frame(0, 0, 1, i);
            var counter = new ReferenceCounter();
            switch (blocks[i])
            {
                case Heading h: AddHeading(h, anchors[i]); break;
                case Paragraph: AddJustified(flow, broken[i]!, Leading, NotesOf(i, counter)); break;
                case Footnote when pairing.Referenced.Contains(i): break;
                case Footnote f: AddUnreferencedFootnote(f, top, counter); break;
                case FrontMatter { Kind: FrontMatterKind.TitlePage } matter: AddScannedTitlePage(matter, top, counter, book.Meta); break;
                case FrontMatter { Kind: FrontMatterKind.Imprint } matter: AddImprint(matter, top, counter); break;
                case FrontMatter { Kind: FrontMatterKind.Contents }: break;
                case var other: ComposeBlock(other, top, counter, flow, indented[i]); break;
            }

            MarkSources(i, start);
        }

        if (contentsAt == blocks.Count)
        {
            AddContentsHere(tocEntries);
        }

        return flow;
    }

    /// <summary>Headings down to this level are in the contents and the bookmarks.</summary>
    private const int ContentsDepth = 4;

    private FootnotePairing pairing = null!;
    private IReadOnlyList<Block> noteBlocks = [];
    private BrokenParagraph?[] preBroken = [];
    private bool listDepthWarned;

    /// <summary>
    /// Where the generated contents goes: where the book says (<c>::: contents</c>), else after the title leaves the book
    /// opens with (title page, imprint) for <c>front</c>, or after the last block for <c>back</c>.
    /// </summary>
    internal static int ContentsPosition(IReadOnlyList<Block> blocks, TypesettingSettings settings)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is FrontMatter { Kind: FrontMatterKind.Contents })
            {
                return i;
            }
        }

        if (settings.Contents == TypesettingSettings.ContentsBack)
        {
            return blocks.Count;
        }

        var position = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is FrontMatter { Kind: FrontMatterKind.TitlePage or FrontMatterKind.Imprint })
            {
                position = i + 1;
            }
            else if (blocks[i] is not PageMarker)
            {
                break;
            }
        }

        return position;
    }

    private void AddContentsHere(List<HeadingAnchor> entries)
    {
        AddContents(entries);
        flow.Add(new PageBreak(Recto: settings.ChapterOnRecto) { EndsChapter = true });
    }

    /// <summary>
    /// Where a block is set: its left and right indents from the text block's edges, its type scale (notes, epigraphs),
    /// whether it is set ragged, and the top-level block whose footnote references it numbers.
    /// </summary>
    private sealed record Frame(double Left, double Right, double Scale, int TopLevel, bool Ragged = false, bool InNote = false, int ListDepth = 0);

    /// <summary>Counts the footnote references already set in a top-level block, in the order BookWalk.References walks them.</summary>
    private sealed class ReferenceCounter
    {
        public int Base { get; set; }
    }

    /// <summary>Any block at any depth, into <paramref name="into"/> (the flow, or a note's lines).</summary>
    private void ComposeBlock(Block block, Frame frame, ReferenceCounter counter, List<FlowElement> into, bool indent)
    {
        var start = into.Count;
        var node = StructureType(block) is { } type ? NewNode(block.Id, type, frame.TopLevel) : null;
        if (node is not null && block is Figure figure)
        {
            node = node with { Alt = FigureAlt(figure) };
        }

        ComposeBlockContent(block, frame, counter, into, indent);
        if (node is not null)
        {
            Wrap(into, start, node);
        }
    }

    private int structureSequence;

    /// <summary>
    /// A figure's alternative text (PDF/UA-1 wants /Alt on every Figure; a caption alone does not satisfy it): the editor's
    /// (epub.altText, as the EPUB uses it), else its caption without note references, else a plain word for a picture without one.
    /// </summary>
    internal string FigureAlt(Figure figure)
    {
        var caption = string.Join(' ', Inlines.PlainText(figure.Caption.Where(inline => inline is not FootnoteReference)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Epub.XhtmlChapterWriter.EditorAltText(altText, figure, caption) ?? (caption.Length > 0 ? caption : "Иллюстрация");
    }

    /// <summary>A structure element opened here, numbered in reading order.</summary>
    private StructureNode NewNode(string id, string type, int topLevel, string? attributes = null)
    {
        var sequence = ++structureSequence;
        return new StructureNode($"n{sequence}:{id}", type, topLevel, sequence, attributes);
    }

    /// <summary>The standard structure type (ISO 32000-1, 14.8.4) of a block inside a container; null: nothing drawn to tag.</summary>
    private static string? StructureType(Block block) => block switch
    {
        Heading heading => "H" + Math.Clamp(heading.Level, 1, 6).ToString(CultureInfo.InvariantCulture),
        Paragraph => "P",
        Figure => "Figure",
        Quote => "BlockQuote",
        ListBlock => "L",
        Table => "Table",
        Epigraph => "BlockQuote",
        Verse => "Div",
        Footnote => "Note",
        FrontMatter => "Sect",
        _ => null,
    };

    /// <summary>Puts the drawn elements added from <paramref name="start"/> on inside <paramref name="node"/>.</summary>
    private static void Wrap(List<FlowElement> into, int start, StructureNode node)
    {
        for (var k = start; k < into.Count; k++)
        {
            if (into[k] is TextLine or FigureElement or TableRowElement)
            {
                into[k] = into[k] with { Structure = [node, .. into[k].Structure ?? []] };
            }
        }
    }

    private void ComposeBlockContent(Block block, Frame frame, ReferenceCounter counter, List<FlowElement> into, bool indent)
    {
        switch (block)
        {
            case Paragraph paragraph:
                AddParagraphIn(paragraph.Content, frame, counter, into, indent);
                break;
            case Heading heading:
                // A heading inside a quotation, list or note: bold, ragged, kept with what follows; not in the contents.
                var headingStyle = new ParagraphStyle(body, FontVariant.Bold, Size * frame.Scale) { Mono = mono };
                foreach (var line in SetRaggedAt(heading.Content, headingStyle, Leading * frame.Scale, TextAlign.Left, frame, counter))
                {
                    into.Add(line with { KeepWithNext = true });
                }

                break;
            case Figure figure when !frame.InNote:
                AddFigure(figure);
                counter.Base += FootnotePairing.Walk(figure.Caption).Count();
                break;
            case Figure figure:
                var captionStyle = new ParagraphStyle(body, FontVariant.Italic, Size * frame.Scale) { Mono = mono };
                into.AddRange(SetRaggedAt(figure.Caption, captionStyle, Leading * frame.Scale, TextAlign.Left, frame, counter));
                break;
            case Quote quote:
                AddSpace(into, frame, Leading / 2);
                var quoteFrame = frame with { Left = frame.Left + 2 * Size * frame.Scale, Right = frame.Right + Size * frame.Scale };
                ComposeChildren(quote.Body, quoteFrame, counter, into);
                AddSpace(into, frame, Leading / 2);
                break;
            case ListBlock list:
                AddList(list, frame, counter, into);
                break;
            case Table table:
                AddTable(table, frame, counter, into);
                break;
            case Epigraph epigraph:
                AddEpigraph(epigraph, frame, counter, into);
                break;
            case Verse verse:
                AddVerse(verse, frame, counter, into);
                break;
            case Footnote note:
                // A definition inside a container (an edit may leave one there): its text is set where it stands.
                ComposeChildren(note.Body, frame with { Scale = frame.Scale * FootnoteScale }, counter, into);
                break;
            case FrontMatter matter:
                ComposeChildren(matter.Body, frame, counter, into);
                break;
            case ThematicBreak:
                if (!frame.InNote)
                {
                    AddThematicBreak();
                }

                break;
            case PageMarker:
                break;
            default:
                throw new InvalidOperationException($"Unknown block {block.GetType().Name}");
        }
    }

    private void ComposeChildren(IEnumerable<Block> blocks, Frame frame, ReferenceCounter counter, List<FlowElement> into)
    {
        var indent = false;
        foreach (var child in blocks)
        {
            ComposeBlock(child, frame, counter, into, indent);
            indent = child is Paragraph;
        }
    }

    private static void AddSpace(List<FlowElement> into, Frame frame, double height)
    {
        if (!frame.InNote)
        {
            into.Add(new Spacer(height) { KeepWithNext = true });
        }
    }

    /// <summary>A paragraph inside a container: justified (or ragged) between the frame's indents, notes numbered on.</summary>
    private void AddParagraphIn(ValueList<Inline> content, Frame frame, ReferenceCounter counter, List<FlowElement> into, bool indent)
    {
        var size = Size * frame.Scale;
        var leading = Leading * frame.Scale;
        if (frame.Ragged)
        {
            var raggedStyle = new ParagraphStyle(body, FontVariant.Regular, size) { Mono = mono };
            into.AddRange(SetRaggedAt(content, raggedStyle, leading, TextAlign.Left, frame, counter));
            return;
        }

        var style = new ParagraphStyle(body, FontVariant.Regular, size, indent ? Indent * frame.Scale : 0) { Mono = mono };
        var broken = BreakJustified(content, style, frame.Left, frame.Right);
        var first = counter.Base;
        AddJustified(into, broken, leading, frame.InNote ? _ => null : NotesOf(frame.TopLevel, counter, first));
        counter.Base += FootnotePairing.Walk(content).Count();
    }

    /// <summary>Ragged lines between the frame's indents; their footnote references find their notes.</summary>
    private List<TextLine> SetRaggedAt(IEnumerable<Inline> content, ParagraphStyle style, double leading, TextAlign align, Frame frame, ReferenceCounter counter)
    {
        var list = content as ValueList<Inline> ?? content.ToValueList();
        var measure = Math.Max(Size, geometry.TextWidth - frame.Left - frame.Right);
        var items = ParagraphBuilder.Build(list, style, measure);
        var baseline = Baseline(leading, style.Size);
        var first = counter.Base;
        var noteOf = frame.InNote ? (Func<int, NoteBody?>)(_ => null) : NotesOf(frame.TopLevel, counter, first);
        counter.Base += FootnotePairing.Walk(list).Count();
        return raggedBreaker.Break(items, measure)
            .Select(span => new TextLine(leading, baseline, frame.Left, LineSetter.Place(items, span, measure, align))
            {
                Notes = NotesOn(items, span, noteOf),
                Characters = CountedCharacters(items, span.Start, span.End),
            })
            .ToList();
    }

    private static List<NoteBody> NotesOn(List<LineItem> items, LineSpan span, Func<int, NoteBody?> noteOf)
    {
        List<NoteBody>? notes = null;
        for (var i = span.Start; i < span.End; i++)
        {
            if (items[i] is Box { FootnoteOrdinal: { } ordinal } && noteOf(ordinal) is { } note)
            {
                (notes ??= []).Add(note);
            }
        }

        return notes ?? [];
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

    /// <summary>PT Mono for inline code when it is installed; otherwise code is set in the body face.</summary>
    private static FontFace? MonoFace(FontLibrary fonts)
    {
        try
        {
            return fonts.Family("PT Mono")[FontVariant.Regular];
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
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
        var topLevel = entries.Min(entry => entry.Level);
        foreach (var entry in entries)
        {
            if (entry.Level == topLevel)
            {
                flow.Add(new Spacer(Leading / 3));
            }

            // Each level below the top one is indented by 1.5 em more; the top level is bold.
            var indent = 1.5 * Size * (entry.Level - topLevel);
            var variant = entry.Level == topLevel ? FontVariant.Bold : FontVariant.Regular;
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
        var (scale, before, after, variant) = block.Level switch
        {
            1 => (1.6, 3.0, 2.0, FontVariant.Bold),
            2 => (1.25, 1.5, 0.75, FontVariant.Bold),
            3 => (1.1, 1.0, 0.5, FontVariant.Bold),
            _ => (1.0, 1.0, 0.5, FontVariant.BoldItalic),
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

        if (block.Level <= ContentsDepth)
        {
            Headings.Add(anchor);
        }

        var style = new ParagraphStyle(heading, variant, size);
        AddRagged(block.Content, style, size * 1.25, TextAlign.Center, keep: true);
        flow.Add(new Spacer(after * Leading) { KeepWithNext = true });
    }

    private ParagraphStyle BodyStyle(bool indent) => new(body, FontVariant.Regular, Size, indent ? Indent : 0) { Mono = mono };

    /// <summary>The note of the <c>first + ordinal</c>-th reference of a top-level block (ordinals count from a paragraph's start).</summary>
    private Func<int, NoteBody?> NotesOf(int blockIndex, ReferenceCounter counter, int? first = null)
    {
        var start = first ?? counter.Base;
        return ordinal => pairing.DefinitionOf(blockIndex, start + ordinal) is { } definition ? NoteFor(definition) : null;
    }

    /// <summary>A footnote as set at the page foot: its first paragraph after the label, then its other blocks (lists, quotes…).</summary>
    private NoteBody NoteFor(int definitionIndex)
    {
        if (!notes.TryGetValue(definitionIndex, out var note))
        {
            var footnote = (Footnote)noteBlocks[definitionIndex];
            var lines = new List<FlowElement>();
            var rest = footnote.Body.AsEnumerable();
            var opening = NewNode(footnote.Id, "P", definitionIndex);
            if (footnote.Body is [Paragraph first, ..])
            {
                lines.AddRange(SetJustified(preBroken[definitionIndex] ?? BreakNoteOpening(footnote, first), Leading * FootnoteScale, _ => null).Lines);
                rest = footnote.Body.Skip(1);
            }
            else
            {
                lines.AddRange(SetJustified(BreakNoteOpening(footnote, null), Leading * FootnoteScale, _ => null).Lines);
            }

            var frame = new Frame(0, 0, FootnoteScale, definitionIndex, InNote: true);
            var indent = true;
            foreach (var block in rest)
            {
                ComposeBlock(block, frame, new ReferenceCounter(), lines, indent);
                indent = block is Paragraph;
            }

            // The note's lines name their definition, so the tagged PDF files them under its Note element.
            // The note's lines name their definition, so the tagged PDF files them under its Note element: the opening
            // paragraph as a P, its first run (the note's number) as the Lbl.
            note = new NoteBody(footnote.Id, lines.OfType<TextLine>().Select((line, k) => line with
            {
                Source = new TextSource(definitionIndex, 0),
                Structure = line.Structure ?? [opening],
                LabelRuns = k == 0 ? 1 : line.LabelRuns,
            }).ToList());
            notes[definitionIndex] = note;
        }

        return note;
    }

    /// <summary>The note's label (raised) and its first paragraph, or the label alone when the note opens with a list or quote.</summary>
    private BrokenParagraph BreakNoteOpening(Footnote footnote, Paragraph? first)
    {
        var style = new ParagraphStyle(body, FontVariant.Regular, Size * FootnoteScale, Indent * FootnoteScale) { Mono = mono };
        var label = new Superscript(footnote.Label);
        IEnumerable<Inline> content = first is null ? [label] : first.Content.Prepend(new Text("\u00A0")).Prepend(label);
        return BreakJustified(content, style, 0, 0);
    }

    private void AddUnreferencedFootnote(Footnote block, Frame frame, ReferenceCounter counter)
    {
        flow.Add(new Spacer(Leading / 2) { KeepWithNext = true });
        var noteFrame = frame with { Scale = FootnoteScale };
        var rest = block.Body.AsEnumerable();
        if (block.Body is [Paragraph first, ..])
        {
            AddJustified(flow, BreakNoteOpening(block, first), Leading * FootnoteScale, NotesOf(frame.TopLevel, counter));
            counter.Base += FootnotePairing.Walk(first.Content).Count();
            rest = block.Body.Skip(1);
        }
        else
        {
            AddJustified(flow, BreakNoteOpening(block, null), Leading * FootnoteScale, _ => null);
        }

        ComposeChildren(rest, noteFrame, counter, flow);
    }

    private void AddThematicBreak()
    {
        var width = 3 * Size;
        // Kept with what follows so a rule under a heading never leaves the heading alone at a page foot.
        flow.Add(new RuleElement(Leading * 1.5, (geometry.TextWidth - width) / 2, width) { KeepWithNext = true });
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
            warnings.Add(new BookWarning(figure.Id, WarningKind.Figure, $"figure with neither image nor caption; skipped"));
            return;
        }

        if (captionHeight > geometry.TextHeight * 0.5)
        {
            // A caption this long cannot travel as one unit with an image: it is set as text after it.
            warnings.Add(new BookWarning(figure.Id, WarningKind.Figure, $"caption of {caption.Count} lines is set as text below the figure"));
            AddFigureUnit(figure, image, []);
            flow.AddRange(caption);
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
                warnings.Add(new BookWarning(figure.Id, WarningKind.Figure, $"image '{figure.ImagePath}' prints at {dpi:F0} dpi ({image.Width}×{image.Height} px at {width / 72 * 25.4:F0} mm wide), below {settings.MinImageDpi:F0} dpi"));
            }

            placed = new ImageElement(image, (geometry.TextWidth - width) / 2, width, height);
        }

        var total = (placed?.Height ?? 0) + gap + captionHeight + Leading;
        flow.Add(new FigureElement(total, placed, gap, caption) { SpaceAbove = Leading / 2 });
    }

    private SKImage? LoadImage(Figure figure)
    {
        var relativePath = figure.ImagePath;
        if (relativePath.Length == 0)
        {
            warnings.Add(new BookWarning(figure.Id, WarningKind.Figure, $"caption without an image; caption only"));
            return null;
        }

        if (resources.Resolve(relativePath) is not { } path)
        {
            warnings.Add(new BookWarning(figure.Id, WarningKind.Figure, resources.Refusal(relativePath)));
            return null;
        }

        if (images.TryGetValue(path, out var loaded))
        {
            // The same image object is embedded in the PDF once, however often it is drawn.
            return loaded;
        }

        if (!File.Exists(path))
        {
            warnings.Add(new BookWarning(figure.Id, WarningKind.Figure, $"figure image '{relativePath}' not found ({path}); caption only"));
            return null;
        }

        var image = SKImage.FromEncodedData(path);
        if (image is null || image.Width == 0 || image.Height == 0)
        {
            image?.Dispose();
            warnings.Add(new BookWarning(figure.Id, WarningKind.Figure, $"figure image '{relativePath}' cannot be decoded ({path}); caption only"));
            return null;
        }

        foreach (var note in ImageInspection.PrintNotes(path, image))
        {
            warnings.Add(new BookWarning(figure.Id, WarningKind.Figure, $"image '{relativePath}' {note}"));
        }

        images.Add(path, image);
        return image;
    }

    private static double Baseline(double leading, double size) => (leading + size * 0.6) / 2;

    private void AddRagged(IEnumerable<Inline> content, ParagraphStyle style, double leading, TextAlign align, bool keep = false)
    {
        var set = SetRagged(content, style, leading, align);
        flow.AddRange(keep ? set.Select(line => line with { KeepWithNext = true }) : set);
    }

    /// <summary>
    /// Marks what top-level block <paramref name="block"/> added to the flow from <paramref name="start"/> on with the point of
    /// the book each element starts at (the page map and the structure tree are made from these).
    /// </summary>
    private void MarkSources(int block, int start)
    {
        var characters = 0;
        for (var k = start; k < flow.Count; k++)
        {
            var element = flow[k];
            if (element is TextLine or FigureElement or TableRowElement or RuleElement)
            {
                flow[k] = element with { Source = new TextSource(block, characters) };
                characters += CharactersOf(element);
            }
        }
    }

    private static int CharactersOf(FlowElement element) => element switch
    {
        TextLine line => line.Characters,
        FigureElement figure => figure.Caption.Sum(line => line.Characters),
        TableRowElement row => row.Cells.Sum(cell => cell.Lines.Sum(line => line.Characters)),
        _ => 0,
    };

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
    private void AddJustified(List<FlowElement> into, BrokenParagraph paragraph, double leading, Func<int, NoteBody?> noteOf)
    {
        var (set, hyphenated) = SetJustified(paragraph, leading, noteOf);
        for (var i = 0; i < set.Count; i++)
        {
            var keep = (i == 0 && set.Count > 1) || i == set.Count - 2 || hyphenated[i];
            into.Add(keep ? set[i] with { KeepWithNext = true } : set[i]);
        }
    }

    private sealed record BrokenParagraph(List<LineItem> Items, IReadOnlyList<LineSpan> Spans, double Size, double LeftIndent, double Measure);
}
