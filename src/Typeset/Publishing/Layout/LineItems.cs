namespace Typeset.Publishing.Layout;

/// <summary>Text drawn with one face and size; <see cref="Rise"/> lifts it above the baseline (superscripts).</summary>
public sealed record TextRun(string Text, FontFace Face, double Size, double Rise = 0)
{
    /// <summary>The URL this text links to (a PDF link annotation over it).</summary>
    public string? Link { get; init; }
}

/// <summary>
/// A paragraph as boxes, glue and penalties (Knuth–Plass), the input of every line breaker. Widths in points.
/// </summary>
public abstract record LineItem(double Width);

/// <summary>
/// Unbreakable material; <see cref="Run"/> is null for blank space such as a first-line indent.
/// <see cref="FootnoteOrdinal"/> marks the n-th footnote reference of the paragraph, so the page maker knows its line.
/// </summary>
public sealed record Box(double Width, TextRun? Run = null) : LineItem(Width)
{
    public int? FootnoteOrdinal { get; init; }
}

/// <summary>Stretchable space; a break is allowed at glue that follows a box.</summary>
public sealed record Glue(double Width, double Stretch, double Shrink) : LineItem(Width)
{
    /// <summary>Glue that takes up all leftover space: ends a ragged last line.</summary>
    public static Glue Fill { get; } = new(0, double.PositiveInfinity, 0);

    /// <summary>Width on a line with adjustment ratio <paramref name="ratio"/> (stretch if positive, shrink if negative).</summary>
    public double Adjusted(double ratio) => ratio switch
    {
        > 0 => Width + ratio * Stretch,
        < 0 => Width + ratio * Shrink,
        _ => Width,
    };
}

/// <summary>
/// A possible break with a cost; <see cref="Forbidden"/> never breaks, <see cref="Forced"/> always does.
/// A <see cref="Flagged"/> penalty is a hyphenation point: <see cref="Hyphen"/> (the real hyphen glyph, of
/// <see cref="LineItem.Width"/>) is drawn only when the line breaks there; an explicit hyphen's break has none.
/// </summary>
public sealed record Penalty(double Width, double Cost, bool Flagged = false, TextRun? Hyphen = null) : LineItem(Width)
{
    /// <summary>
    /// Drawn at the start of the next line when the line breaks here, <see cref="PostBreakWidth"/> wide: Russian
    /// typography repeats the hyphen of a compound word (советско-/-японская) so the reader sees it is no word split.
    /// </summary>
    public TextRun? PostBreak { get; init; }

    public double PostBreakWidth { get; init; }

    public const double Forbidden = double.PositiveInfinity;

    public const double Forced = double.NegativeInfinity;

    public static Penalty NoBreak { get; } = new(0, Forbidden);

    public static Penalty ForcedBreak { get; } = new(0, Forced);

    public bool IsForced => Cost == Forced;

    public bool IsAllowed => Cost < Forbidden;
}

/// <summary>
/// A line: items [<see cref="Start"/>, <see cref="End"/>) with glue set to adjustment <see cref="Ratio"/>; the item at
/// <see cref="End"/> is the break (glue, penalty) or the end of the list.
/// </summary>
public readonly record struct LineSpan(int Start, int End, double Ratio)
{
    /// <summary>True when the line ends at a hyphenation point or an explicit hyphen.</summary>
    public bool EndsHyphenated(IReadOnlyList<LineItem> items) => End < items.Count && items[End] is Penalty { Flagged: true, IsForced: false };

    /// <summary>True when the line is wider than the measure even with its glue fully shrunk.</summary>
    public bool IsOverfull { get; init; }
}

public interface ILineBreaker
{
    /// <summary>Splits <paramref name="items"/> into lines of width <paramref name="measure"/>.</summary>
    IReadOnlyList<LineSpan> Break(IReadOnlyList<LineItem> items, double measure);
}
