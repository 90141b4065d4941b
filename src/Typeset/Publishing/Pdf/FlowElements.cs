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
}

/// <summary>A line of text; <see cref="Baseline"/> from the top of the line, <see cref="Indent"/> from the text block's left edge.</summary>
internal sealed record TextLine(double Height, double Baseline, double Indent, PlacedLine Line) : FlowElement(Height)
{
    /// <summary>Footnotes referenced on this line: they go to the foot of the page the line lands on.</summary>
    public IReadOnlyList<NoteBody> Notes { get; init; } = [];

    /// <summary>Named destination the whole line links to (table of contents).</summary>
    public string? LinkTarget { get; init; }

    /// <summary>Anchor whose page number is printed flush right on this line (table of contents).</summary>
    public string? PageNumberOf { get; init; }
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
internal sealed record TableCellLines(double X, IReadOnlyList<TextLine> Lines);

/// <summary>
/// A table row, never split. <see cref="RepeatHeader"/>: the header row set again above this one when it opens a page.
/// Rules as books draw them: above the header, under it, and under the last row.
/// </summary>
internal sealed record TableRowElement(double Height, IReadOnlyList<TableCellLines> Cells, double Left, double Width) : FlowElement(Height)
{
    public bool RuleAbove { get; init; }

    public bool RuleBelow { get; init; }

    public TableRowElement? RepeatHeader { get; init; }

    /// <summary>Footnotes referenced in the row's cells.</summary>
    public IReadOnlyList<NoteBody> Notes => Cells.SelectMany(cell => cell.Lines).SelectMany(line => line.Notes).ToList();
}
