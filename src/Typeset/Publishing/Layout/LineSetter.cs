namespace Typeset.Publishing.Layout;

public enum TextAlign
{
    Justify,
    Left,
    Center,
}

/// <summary>A run placed on a line; <see cref="X"/> is from the left edge of the measure.</summary>
public sealed record PlacedRun(TextRun Run, double X);

public sealed record PlacedLine(IReadOnlyList<PlacedRun> Runs, double Width);

/// <summary>Places the runs of one broken line: glue set to the line's ratio when justifying, natural otherwise.</summary>
public static class LineSetter
{
    public static PlacedLine Place(IReadOnlyList<LineItem> items, LineSpan span, double measure, TextAlign align)
    {
        // Ragged lines keep natural spaces but still shrink when the breaker relied on it.
        var ratio = align == TextAlign.Justify ? span.Ratio : Math.Min(span.Ratio, 0);
        var runs = new List<PlacedRun>();
        var x = 0.0;
        for (var i = span.Start; i < span.End; i++)
        {
            switch (items[i])
            {
                case Box box:
                    if (box.Run is not null)
                    {
                        runs.Add(new PlacedRun(box.Run, x));
                    }

                    x += box.Width;
                    break;
                case Glue glue:
                    x += glue.Adjusted(ratio);
                    break;
            }
        }

        if (align == TextAlign.Center && x < measure)
        {
            var offset = (measure - x) / 2;
            runs = runs.Select(run => run with { X = run.X + offset }).ToList();
        }

        return new PlacedLine(runs, x);
    }
}
