using SkiaSharp;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// Something stacked down the text block. <see cref="KeepWithNext"/> puts it on the same page as the next element
/// (headings, the first and last two lines of a paragraph, a line ending with a hyphen).
/// </summary>
internal abstract record FlowElement(double Height)
{
    public bool KeepWithNext { get; init; }

    /// <summary>Where in the book this element's content starts (none for the title page, contents, running matter).</summary>
    public TextSource? Source { get; init; }

    /// <summary>
    /// The structure elements this element is drawn inside, outermost first, for content of containers (lists, tables,
    /// quotations, epigraphs, verse, front matter); null: the top-level block's own element.
    /// </summary>
    public IReadOnlyList<StructureNode>? Structure { get; init; }
}

/// <summary>
/// A structure element the composer opens around content: a unique key, its standard type, reading order (the top-level
/// block, then a sequence number handed out in reading order) and attributes written as they stand (<c>/A</c>).
/// </summary>
internal sealed record StructureNode(string Key, string Type, int TopLevel, int Sequence, string? Attributes = null, string? Alt = null);

/// <summary>
/// A point in the book: top-level block <see cref="Block"/>, after <see cref="Characters"/> of its counted characters
/// (<see cref="PrintPageMap.IsCounted"/>). The page map and the PDF's structure tree are made from these.
/// </summary>
internal readonly record struct TextSource(int Block, int Characters);

/// <summary>A line of text; <see cref="Baseline"/> from the top of the line, <see cref="Indent"/> from the text block's left edge.</summary>
internal sealed record TextLine(double Height, double Baseline, double Indent, PlacedLine Line) : FlowElement(Height)
{
    /// <summary>Footnotes referenced on this line: they go to the foot of the page the line lands on.</summary>
    public IReadOnlyList<NoteBody> Notes { get; init; } = [];

    /// <summary>Named destination the whole line links to (table of contents).</summary>
    public string? LinkTarget { get; init; }

    /// <summary>Anchor whose page number is printed flush right on this line (table of contents).</summary>
    public string? PageNumberOf { get; init; }

    /// <summary>Counted characters of the book's text on this line (hyphens added at a break not included).</summary>
    public int Characters { get; init; }

    /// <summary>The line's first runs that are a label (a list item's marker): tagged Lbl, the rest LBody.</summary>
    public int LabelRuns { get; init; }
}

/// <summary>The lines of one footnote as set at the page foot.</summary>
internal sealed record NoteBody(string BlockId, IReadOnlyList<TextLine> Lines)
{
    public double Height => Lines.Sum(line => line.Height);
}

/// <summary>Vertical space; dropped at the top of a page unless it is a chapter sink.</summary>
internal sealed record Spacer(double Height, bool KeepAtPageTop = false) : FlowElement(Height);

internal sealed record ImageElement(SKImage Image, double Indent, double Width, double Height) : FlowElement(Height);

/// <summary>
/// A figure and its caption: never split; when it does not fit on the page it floats to the top of the next one
/// while the text goes on filling this page. <see cref="SpaceAbove"/> of its height goes above the picture, the rest of
/// the space below the caption, so it sits apart from the text on both sides.
/// </summary>
internal sealed record FigureElement(double Height, ImageElement? Image, double CaptionGap, IReadOnlyList<TextLine> Caption) : FlowElement(Height)
{
    public double SpaceAbove { get; init; }
}

/// <summary>A short horizontal rule centred in its height.</summary>
internal sealed record RuleElement(double Height, double Indent, double Width) : FlowElement(Height);

/// <summary>Ends the page; with <see cref="Recto"/> the next element starts on an odd page (a blank verso in between if needed).</summary>
internal sealed record PageBreak(bool Recto = false) : FlowElement(0)
{
    /// <summary>What follows belongs to no chapter (front matter after the contents): rectos are headed by the book's title.</summary>
    public bool EndsChapter { get; init; }
}

/// <summary>
/// A named destination at this point (headings): the target of TOC links and outline entries. Level 1 starts a
/// chapter: its page is a chapter opener and its <see cref="Title"/> is the running head until the next one.
/// </summary>
internal sealed record AnchorElement(string Name, int Level, string Title) : FlowElement(0);

/// <summary>The page it lands on has no running head and no folio (title page).</summary>
internal sealed record PlainPageMarker() : FlowElement(0);

/// <summary>One cell of a table row: its lines, <see cref="X"/> from the text block's left edge.</summary>
internal sealed record TableCellLines(double X, IReadOnlyList<TextLine> Lines)
{
    /// <summary>A header cell with text (TH, scope Column in the tagged PDF); an empty one is tagged TD.</summary>
    public bool Header { get; init; }
}

/// <summary>
/// A table row, never split. <see cref="RepeatHeader"/>: the header row set again above this one when it opens a page.
/// Rules as books draw them: above the header, under it, and under the last row.
/// </summary>
internal sealed record TableRowElement(double Height, IReadOnlyList<TableCellLines> Cells, double Left, double Width) : FlowElement(Height)
{
    public bool RuleAbove { get; init; }

    public bool RuleBelow { get; init; }

    public TableRowElement? RepeatHeader { get; init; }

    /// <summary>The header row set again at the top of a page: decoration, not text read again.</summary>
    public bool Repeated { get; init; }

    /// <summary>Footnotes referenced in the row's cells.</summary>
    public IReadOnlyList<NoteBody> Notes => Cells.SelectMany(cell => cell.Lines).SelectMany(line => line.Notes).ToList();
}
