namespace Typeset.Publishing.Layout;

/// <summary>
/// Parameters of total-fit line breaking, named and scaled as in TeX so they read the same
/// (badness 100 = glue stretched by its full stretchability; demerits are squared).
/// </summary>
public sealed record LineBreakingOptions
{
    /// <summary>Badness allowed in the first pass, which does not hyphenate (TeX's \pretolerance).</summary>
    public double Pretolerance { get; init; } = 100;

    /// <summary>Badness allowed in the second pass, with hyphenation (TeX's \tolerance).</summary>
    public double Tolerance { get; init; } = 200;

    public double LinePenalty { get; init; } = 10;

    public double DoubleHyphenDemerits { get; init; } = 10000;

    /// <summary>Added when the next-to-last line of a paragraph ends with a hyphen.</summary>
    public double FinalHyphenDemerits { get; init; } = 5000;

    /// <summary>Added when adjacent lines belong to fitness classes more than one apart (tight next to loose).</summary>
    public double AdjacentDemerits { get; init; } = 10000;

    /// <summary>
    /// Extra stretch, in points, each line may use in the third pass when the first two find no solution
    /// (TeX's \emergencystretch): spreads the looseness over the paragraph instead of one very loose line.
    /// </summary>
    public double EmergencyStretch { get; init; } = 20;

    /// <summary>
    /// Font expansion (as pdfTeX's microtype does it): the glyphs of a line may be widened or narrowed by up to this
    /// share of their width, on top of the spaces, so fewer lines need loose spacing or a hyphen. 0 turns it off.
    /// </summary>
    public double FontExpansion { get; init; }

    /// <summary>At most this many hyphenated lines in a row.</summary>
    public int MaxConsecutiveHyphens { get; init; } = 2;
}

/// <summary>
/// Knuth–Plass total-fit line breaking: chooses the breaks of the whole paragraph that minimise the sum of
/// demerits, with fitness classes and penalties for consecutive hyphens. Passes as TeX makes them: without
/// hyphenation at <see cref="LineBreakingOptions.Pretolerance"/>, with it at <see cref="LineBreakingOptions.Tolerance"/>,
/// then with <see cref="LineBreakingOptions.EmergencyStretch"/>, and a last resort accepting any stretch (never
/// overfull unless a single box is wider than the measure). Ratios reported are those of the real glue.
/// </summary>
public sealed class KnuthPlassLineBreaker(LineBreakingOptions options) : ILineBreaker
{
    private const double AwfulBadness = 10000;

    // A line that needs exactly all its shrink must not be lost to floating-point rounding.
    private const double RoundingSlack = 1e-9;

    public KnuthPlassLineBreaker()
        : this(new LineBreakingOptions())
    {
    }

    public LineBreakingOptions Options { get; } = options;

    public IReadOnlyList<LineSpan> Break(IReadOnlyList<LineItem> items, double measure)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var sums = new PrefixSums(items, Options.FontExpansion);
        return TryBreak(items, sums, measure, Options.Pretolerance, hyphenate: false, 0, lastResort: false)
            ?? TryBreak(items, sums, measure, Options.Tolerance, hyphenate: true, 0, lastResort: false)
            ?? (Options.EmergencyStretch > 0 ? TryBreak(items, sums, measure, Options.Tolerance, hyphenate: true, Options.EmergencyStretch, lastResort: false) : null)
            ?? TryBreak(items, sums, measure, double.PositiveInfinity, hyphenate: true, Options.EmergencyStretch, lastResort: true)!;
    }

    private List<LineSpan>? TryBreak(IReadOnlyList<LineItem> items, PrefixSums sums, double measure, double tolerance, bool hyphenate, double extraStretch, bool lastResort)
    {
        var emergency = lastResort;
        var active = new List<Node> { new(-1, 0, 0, 1, 0, 0, false, null) };
        // The best new node per fitness class and per count of hyphenated lines it ends: a node with fewer hyphens
        // in a row is kept even when it costs more, or the hyphen limit could later leave no feasible line.
        var hyphenStates = Options.MaxConsecutiveHyphens + 1;
        var candidates = new Node?[4 * hyphenStates];
        for (var b = 0; b < items.Count; b++)
        {
            if (!IsLegalBreak(items, b, hyphenate))
            {
                continue;
            }

            var penalty = items[b] as Penalty;
            var cost = penalty?.Cost ?? 0;
            var flagged = penalty is { Flagged: true };
            var forced = penalty is { IsForced: true };
            Array.Clear(candidates);
            Node? lastDeactivated = null;
            for (var n = active.Count - 1; n >= 0; n--)
            {
                var node = active[n];
                if (node.Start >= b && !forced)
                {
                    // Nothing but discarded space since the node's break: no line to make here.
                    continue;
                }

                var breakWidths = (penalty?.Width ?? 0) + node.LeadWidth;
                var ratio = sums.Ratio(node.Start, b, breakWidths, measure, extraStretch);
                if (ratio < -1 - RoundingSlack || forced)
                {
                    active.RemoveAt(n);
                    lastDeactivated = node;
                }

                // The last resort may exceed the hyphen limit: three hyphens in a row beat a line running into the margin.
                if (ratio < -1 - RoundingSlack || (flagged && !lastResort && node.ConsecutiveHyphens >= Options.MaxConsecutiveHyphens))
                {
                    continue;
                }

                var badness = Badness(ratio);
                if (badness > tolerance)
                {
                    continue;
                }

                ratio = Math.Max(ratio, -1);
                var fitness = Fitness(ratio);
                var demerits = Demerits(badness, cost, flagged && node.Flagged, forced && node.Flagged, Math.Abs(fitness - node.Fitness) > 1);
                var total = node.TotalDemerits + demerits;
                var hyphens = flagged ? node.ConsecutiveHyphens + 1 : 0;
                var slot = fitness * hyphenStates + Math.Min(hyphens, Options.MaxConsecutiveHyphens);
                if (candidates[slot] is not { } best || total < best.TotalDemerits)
                {
                    var realRatio = extraStretch > 0 ? sums.Ratio(node.Start, b, breakWidths, measure, 0) : ratio;
                    candidates[slot] = new Node(b, NextLineStart(items, b), total, fitness, hyphens, realRatio, flagged, node) { LeadWidth = penalty?.PostBreakWidth ?? 0 };
                }
            }

            var added = false;
            foreach (var candidate in candidates)
            {
                if (candidate is not null)
                {
                    active.Add(candidate);
                    added = true;
                }
            }

            if (active.Count == 0 && !added)
            {
                if (!emergency || lastDeactivated is null)
                {
                    return null;
                }

                // Nothing fits even fully shrunk (a box wider than the measure): break here, overfull, and go on.
                var ratio = sums.Ratio(lastDeactivated.Start, b, (penalty?.Width ?? 0) + lastDeactivated.LeadWidth, measure, 0);
                active.Add(new Node(b, NextLineStart(items, b), lastDeactivated.TotalDemerits + AwfulBadness, 1, 0, Math.Max(ratio, -1), flagged, lastDeactivated) { Overfull = ratio < -1, LeadWidth = penalty?.PostBreakWidth ?? 0 });
            }
        }

        // Items always end with a forced break, so the best node ending there closes the paragraph.
        var last = active.Where(node => node.Position == items.Count - 1).MinBy(node => node.TotalDemerits);
        if (last is null)
        {
            return null;
        }

        var lines = new List<LineSpan>();
        for (var node = last; node.Previous is not null; node = node.Previous)
        {
            lines.Add(new LineSpan(node.Previous.Start, node.Position, node.Ratio) { IsOverfull = node.Overfull });
        }

        lines.Reverse();
        return lines;
    }

    private double Demerits(double badness, double cost, bool doubleHyphen, bool finalHyphen, bool fitnessJump)
    {
        var line = Options.LinePenalty + badness;
        var demerits = line * line;
        if (cost >= 0 && !double.IsInfinity(cost))
        {
            demerits += cost * cost;
        }
        else if (cost < 0 && !double.IsInfinity(cost))
        {
            demerits -= cost * cost;
        }

        if (doubleHyphen)
        {
            demerits += Options.DoubleHyphenDemerits;
        }

        if (finalHyphen)
        {
            demerits += Options.FinalHyphenDemerits;
        }

        if (fitnessJump)
        {
            demerits += Options.AdjacentDemerits;
        }

        return demerits;
    }

    /// <summary>TeX's badness: 100·r³, capped (a line with no stretch that must stretch is awful).</summary>
    public static double Badness(double ratio) =>
        double.IsPositiveInfinity(ratio) ? AwfulBadness : Math.Min(AwfulBadness, 100 * Math.Abs(ratio * ratio * ratio));

    /// <summary>0 tight, 1 decent, 2 loose, 3 very loose: TeX's fitness classes.</summary>
    private static int Fitness(double ratio) => ratio switch
    {
        < -0.5 => 0,
        <= 0.5 => 1,
        <= 1 => 2,
        _ => 3,
    };

    private static bool IsLegalBreak(IReadOnlyList<LineItem> items, int index, bool hyphenate) => items[index] switch
    {
        Penalty { Flagged: true, Hyphen: not null } penalty => hyphenate && penalty.IsAllowed,
        Penalty penalty => penalty.IsAllowed,
        // The fill glue that ends a paragraph is no break point (TeX puts \nobreak before \parfillskip).
        Glue glue => index > 0 && items[index - 1] is Box && !double.IsPositiveInfinity(glue.Stretch),
        _ => false,
    };

    /// <summary>The first item of the line after a break at <paramref name="index"/>: glue and optional penalties vanish.</summary>
    private static int NextLineStart(IReadOnlyList<LineItem> items, int index)
    {
        var next = index + 1;
        while (next < items.Count && items[next] is Glue or Penalty { IsForced: false })
        {
            next++;
        }

        return next;
    }

    private sealed record Node(int Position, int Start, double TotalDemerits, int Fitness, int ConsecutiveHyphens, double Ratio, bool Flagged, Node? Previous)
    {
        public bool Overfull { get; init; }

        /// <summary>Width the break puts at the start of the next line (a repeated hyphen).</summary>
        public double LeadWidth { get; init; }
    }

    /// <summary>Running totals of width, finite stretch, infinite (fill) stretch and shrink, for O(1) line measures.</summary>
    private sealed class PrefixSums
    {
        private readonly double[] width;
        private readonly double[] stretch;
        private readonly int[] fills;
        private readonly double[] shrink;

        public PrefixSums(IReadOnlyList<LineItem> items, double expansion)
        {
            var n = items.Count;
            (width, stretch, fills, shrink) = (new double[n + 1], new double[n + 1], new int[n + 1], new double[n + 1]);
            for (var i = 0; i < n; i++)
            {
                var glue = items[i] as Glue;
                var isFill = glue is not null && double.IsPositiveInfinity(glue.Stretch);
                width[i + 1] = width[i] + (items[i] is Penalty ? 0 : items[i].Width);
                // Text boxes stretch and shrink with font expansion; blank boxes (indents) do not.
                var expandable = items[i] is Box { Run: not null } ? items[i].Width * expansion : 0;
                stretch[i + 1] = stretch[i] + (glue is null || isFill ? 0 : glue.Stretch) + expandable;
                fills[i + 1] = fills[i] + (isFill ? 1 : 0);
                shrink[i + 1] = shrink[i] + (glue?.Shrink ?? 0) + expandable;
            }
        }

        /// <summary>
        /// Adjustment ratio of items [start, end) plus a break width (the hyphen) set to <paramref name="measure"/>,
        /// counting <paramref name="extraStretch"/> as if the line had that much more stretchable glue.
        /// </summary>
        public double Ratio(int start, int end, double breakWidth, double measure, double extraStretch)
        {
            if (start > end)
            {
                return 0;
            }

            var natural = width[end] - width[start] + breakWidth;
            var slack = measure - natural;
            if (slack >= 0)
            {
                if (fills[end] - fills[start] > 0)
                {
                    return 0;
                }

                var available = stretch[end] - stretch[start] + extraStretch;
                return available > 0 ? slack / available : (slack < 1e-9 ? 0 : double.PositiveInfinity);
            }

            var shrinkable = shrink[end] - shrink[start];
            return shrinkable > 0 ? slack / shrinkable : double.NegativeInfinity;
        }
    }
}
