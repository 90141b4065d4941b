namespace Typeset.Publishing.Layout;

/// <summary>
/// First-fit line breaking: each line takes as much as fits with its glue shrunk at most fully,
/// then breaks at the last legal point. A box wider than the measure stands alone on an overfull line.
/// </summary>
public sealed class GreedyLineBreaker : ILineBreaker
{
    private const double Tolerance = 1e-9;

    public IReadOnlyList<LineSpan> Break(IReadOnlyList<LineItem> items, double measure)
    {
        var lines = new List<LineSpan>();
        var start = SkipDiscardable(items, 0);
        while (start < items.Count)
        {
            var line = Totals.Zero;
            var lastBreak = -1;
            var atLastBreak = Totals.Zero;
            var end = -1;
            var endTotals = Totals.Zero;
            for (var i = start; i < items.Count && end < 0; i++)
            {
                switch (items[i])
                {
                    case Box box:
                        if (lastBreak >= 0 && line.Width + box.Width - line.Shrink > measure + Tolerance)
                        {
                            (end, endTotals) = (lastBreak, atLastBreak);
                        }
                        else
                        {
                            line = line with { Width = line.Width + box.Width };
                        }

                        break;
                    case Glue glue:
                        if (i > start && items[i - 1] is Box)
                        {
                            (lastBreak, atLastBreak) = (i, line);
                        }

                        line = new Totals(line.Width + glue.Width, line.Stretch + glue.Stretch, line.Shrink + glue.Shrink);
                        break;
                    case Penalty { IsForced: true }:
                        (end, endTotals) = (i, line);
                        break;
                    case Penalty { IsAllowed: true } penalty:
                        (lastBreak, atLastBreak) = (i, line with { Width = line.Width + penalty.Width });
                        break;
                }
            }

            if (end < 0)
            {
                (end, endTotals) = (items.Count, line);
            }

            lines.Add(new LineSpan(start, end, endTotals.Ratio(measure)));
            start = SkipDiscardable(items, end + 1);
        }

        return lines;
    }

    /// <summary>Glue and optional penalties after a break vanish; a forced break still makes its (empty) line.</summary>
    private static int SkipDiscardable(IReadOnlyList<LineItem> items, int index)
    {
        while (index < items.Count && items[index] is Glue or Penalty { IsForced: false })
        {
            index++;
        }

        return index;
    }

    private readonly record struct Totals(double Width, double Stretch, double Shrink)
    {
        public static Totals Zero => default;

        public double Ratio(double measure)
        {
            var slack = measure - Width;
            if (slack >= 0)
            {
                // Infinite (fill) stretch gives 0: the line keeps its natural spacing.
                return Stretch > 0 ? slack / Stretch : 0;
            }

            return Shrink > 0 ? Math.Max(slack / Shrink, -1) : 0;
        }
    }
}
