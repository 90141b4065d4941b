using SkiaSharp;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// Something stacked down the text block. <see cref="KeepWithNext"/> puts it on the same page as the next element
/// (headings, figure parts, the first and last two lines of a paragraph).
/// </summary>
internal abstract record FlowElement(double Height)
{
    public bool KeepWithNext { get; init; }
}

/// <summary>A line of text; <see cref="Baseline"/> from the top of the line, <see cref="Indent"/> from the text block's left edge.</summary>
internal sealed record TextLine(double Height, double Baseline, double Indent, PlacedLine Line) : FlowElement(Height);

/// <summary>Vertical space; dropped at the top of a page unless it is a chapter sink.</summary>
internal sealed record Spacer(double Height, bool KeepAtPageTop = false) : FlowElement(Height);

internal sealed record ImageElement(SKImage Image, double Indent, double Width, double Height) : FlowElement(Height);

/// <summary>A short horizontal rule centred in its height.</summary>
internal sealed record RuleElement(double Height, double Indent, double Width) : FlowElement(Height);

internal sealed record PageBreak() : FlowElement(0);
