using Typeset.Interop.Tesseract;

namespace Typeset.Ocr.Geometry;

/// <summary>
/// Finds the gutter of a two-page spread (a book scanner's or a photographed open book's): a capture wider than tall,
/// holding text on both sides of a vertical band near its middle that has no ink, the band darkened by the spine's
/// shadow or wide as two inner margins. Nothing is decided from what the text says.
/// </summary>
public static class Spread
{
    /// <summary>A spread is at least this much wider than tall (two portrait pages side by side are about 1.3–1.5).</summary>
    internal const double SmallestAspect = 1.15;

    /// <summary>The gutter is looked for within this share of the width either side of the middle.</summary>
    internal const double GutterReach = 0.12;

    /// <summary>A column of the gutter holds ink on at most this share of its height.</summary>
    internal const double EmptyColumnInk = 0.004;

    /// <summary>Gutter without shadow: its empty band is at least this share of the width (two inner margins).</summary>
    internal const double WideGutter = 0.05;

    /// <summary>Gutter with shadow: its empty band is at least this share of the width and darker than the pages' paper by this much.</summary>
    internal const double NarrowGutter = 0.015;

    internal const double ShadowDip = 0.08;

    /// <summary>Each page of the spread holds at least this share of the capture's ink.</summary>
    internal const double SmallestPageInk = 0.2;

    /// <summary>The column where the spread is split (null when it is no spread) and why.</summary>
    public static (int? Gutter, string Reason) FindGutter(GreyImage image)
    {
        if (image.Width < image.Height * SmallestAspect || image.Width < 200)
        {
            return (null, "not wider than tall");
        }

        var step = Math.Max(1, image.Width / 800);
        var columns = image.Width / step;
        var paper = new double[columns];
        var ink = new double[columns];
        var samples = 0;
        var column = new List<byte>(image.Height / step + 1);
        for (var c = 0; c < columns; c++)
        {
            column.Clear();
            var x = c * step;
            for (var y = 0; y < image.Height; y += step)
            {
                column.Add(image.Pixels[y * image.Width + x]);
            }

            column.Sort();
            samples = column.Count;
            // The column's paper is its bright tone (text covers far less than a fifth of a column); ink is what is much darker.
            paper[c] = column[(int)(column.Count * 0.8)];
            var inkBelow = paper[c] * 0.6;
            var dark = 0;
            while (dark < column.Count && column[dark] < inkBelow)
            {
                dark++;
            }

            ink[c] = dark;
        }

        var totalInk = ink.Sum();
        if (totalInk < samples)
        {
            return (null, "too little ink to find pages");
        }

        var from = (int)(columns * (0.5 - GutterReach));
        var to = (int)(columns * (0.5 + GutterReach));
        var emptyLimit = Math.Max(1, samples * EmptyColumnInk);
        (int Start, int End) best = (-1, -1);
        for (var c = from; c < to; c++)
        {
            if (ink[c] > emptyLimit)
            {
                continue;
            }

            var end = c;
            while (end + 1 < columns && ink[end + 1] <= emptyLimit)
            {
                end++;
            }

            var start = c;
            while (start > 0 && ink[start - 1] <= emptyLimit)
            {
                start--;
            }

            if (end - start > best.End - best.Start)
            {
                best = (start, end);
            }

            c = end;
        }

        if (best.Start < 0)
        {
            return (null, "no empty band near the middle");
        }

        var width = (best.End - best.Start + 1) / (double)columns;
        var leftInk = ink[..best.Start].Sum() / totalInk;
        var rightInk = ink[(best.End + 1)..].Sum() / totalInk;
        if (leftInk < SmallestPageInk || rightInk < SmallestPageInk)
        {
            return (null, $"text on one side only ({leftInk:P0} | {rightInk:P0})");
        }

        // The spine's shadow: the band's darkest paper against the paper of both pages.
        var darkest = best.Start;
        for (var c = best.Start; c <= best.End; c++)
        {
            darkest = paper[c] < paper[darkest] ? c : darkest;
        }

        var pagesPaper = PageMeasure.Median(paper[..best.Start].Concat(paper[(best.End + 1)..]));
        var dip = pagesPaper > 0 ? 1 - paper[darkest] / pagesPaper : 0;
        var shadowed = dip >= ShadowDip && width >= NarrowGutter;
        if (!shadowed && width < WideGutter)
        {
            return (null, $"band near the middle too narrow for a gutter ({width:P1} of the width, shadow {dip:P0})");
        }

        var split = (shadowed ? darkest : (best.Start + best.End) / 2) * step + step / 2;
        return (split, $"two-page spread: gutter at x {split} ({width:P1} of the width without ink" + (shadowed ? $", spine shadow {dip:P0} darker)" : ")"));
    }

    /// <summary>The capture's two pages, left then right (reading order of a left-to-right book).</summary>
    public static (Box Left, Box Right) Halves(GreyImage image, int gutter) =>
        (new Box(0, 0, gutter, image.Height), new Box(gutter, 0, image.Width - gutter, image.Height));
}
