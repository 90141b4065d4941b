namespace Typeset.Publishing.Layout;

public enum TextAlign
{
    Justify,
    Left,
    Center,
    Right,
}

/// <summary>
/// A run placed on a line; <see cref="X"/> is from the left edge of the measure; <see cref="ScaleX"/> widens or
/// narrows its glyphs (font expansion).
/// </summary>
public sealed record PlacedRun(TextRun Run, double X, double ScaleX = 1)
{
    /// <summary>A word space (glue) stands before this run on its line: the PDF writes a space glyph there for text extraction.</summary>
    public bool SpaceBefore { get; init; }

    /// <summary>The line breaks at a word space (or the paragraph ends) after this run, its last: a space glyph follows it in the PDF.</summary>
    public bool SpaceAfter { get; init; }
}

public sealed record PlacedLine(IReadOnlyList<PlacedRun> Runs, double Width);

/// <summary>
/// Places the runs of one broken line: glue set to the line's ratio when justifying, natural otherwise. Adjacent
/// boxes of one face (the pieces of a hyphenatable word) become one run, so HarfBuzz shapes the word whole; a line
/// ending at a hyphenation point gets the hyphen glyph.
/// </summary>
public static class LineSetter
{
    /// <param name="expansion">The breaker's font expansion: text boxes scale by 1 + ratio × expansion.</param>
    public static PlacedLine Place(IReadOnlyList<LineItem> items, LineSpan span, double measure, TextAlign align, double expansion = 0)
    {
        // Ragged lines keep natural spaces but still shrink when the breaker relied on it.
        var ratio = align == TextAlign.Justify ? span.Ratio : Math.Min(span.Ratio, 0);
        var scale = 1 + ratio * expansion;
        var runs = new List<PlacedRun>();
        var x = 0.0;
        var joinable = false;
        var afterGlue = false;
        // The texts of the pieces joined into the last run, concatenated once when it is complete.
        var pieces = new List<string>(4);
        void Join()
        {
            if (pieces.Count > 1)
            {
                runs[^1] = runs[^1] with { Run = runs[^1].Run with { Text = string.Concat(pieces) } };
            }

            pieces.Clear();
        }

        void AddRun(TextRun run, double width)
        {
            if (joinable && runs[^1].Run is var last && last.Face == run.Face && last.Size == run.Size && last.Rise == run.Rise && last.Link == run.Link)
            {
                pieces.Add(run.Text);
            }
            else
            {
                Join();
                runs.Add(new PlacedRun(run, x, scale) { SpaceBefore = afterGlue && runs.Count > 0 });
                pieces.Add(run.Text);
            }

            x += width * scale;
            joinable = true;
            afterGlue = false;
        }

        if (span.Start > 0 && items[span.Start - 1] is Penalty { PostBreak: { } postBreak } breakBefore)
        {
            AddRun(postBreak, breakBefore.PostBreakWidth);
        }

        for (var i = span.Start; i < span.End; i++)
        {
            switch (items[i])
            {
                case Box { Run: not null, FootnoteOrdinal: null } box:
                    AddRun(box.Run, box.Width);
                    break;
                case Box box:
                    if (box.Run is not null)
                    {
                        Join();
                        runs.Add(new PlacedRun(box.Run, x, scale) { SpaceBefore = afterGlue && runs.Count > 0 });
                        afterGlue = false;
                    }

                    x += box.Run is null ? box.Width : box.Width * scale;
                    joinable = false;
                    break;
                case Glue glue:
                    x += glue.Adjusted(ratio);
                    joinable = false;
                    afterGlue = true;
                    break;
            }
        }

        if (span.End < items.Count && items[span.End] is Penalty { Hyphen: { } hyphen } penalty)
        {
            AddRun(hyphen, penalty.Width);
        }

        Join();

        // A line broken at a word space ends with one in the text (a hyphenation break does not); so does a paragraph's last line.
        if (runs.Count > 0 && (span.End >= items.Count - 1 || items[span.End] is Glue))
        {
            runs[^1] = runs[^1] with { SpaceAfter = true };
        }

        if (align is TextAlign.Center or TextAlign.Right && x < measure)
        {
            var offset = align == TextAlign.Center ? (measure - x) / 2 : measure - x;
            runs = runs.Select(run => run with { X = run.X + offset }).ToList();
        }

        return new PlacedLine(runs, x);
    }
}
