namespace Typeset.Ocr.Geometry;

/// <summary>
/// How far a page's text lines are from straight: the page's text is cut into a grid of cells (columns across the
/// text, bands down it), each cell's line angle is the one whose projection of ink is sharpest, and the bend is the
/// largest difference of angle across one band. A flat page, skewed or not, has the same angle in every cell; a page
/// curving towards the spine has lines that turn near it, up in the top band and down in the bottom one, which is why
/// bands are kept apart. Works on a sample of about a thousand pixels across: a few milliseconds a page.
/// </summary>
public static class LineBend
{
    public const int Columns = 6;
    public const int Bands = 3;

    /// <summary>Angles searched in each cell, either way (degrees): the lines near a spine turn more than a page is skewed.</summary>
    public const double MaxAngle = 12;

    /// <summary>A cell needs this many ink points (on the sample) to have an angle: a few words at least.</summary>
    private const int MinCellPoints = 300;

    /// <summary>Neighbouring cells of bent lines differ by less than this (degrees).</summary>
    private const double NeighbourAgreement = 1.5;

    /// <summary>The bend in degrees, with the cell angles it comes from; null when fewer than three cells of a band hold text.</summary>
    public static (double Degrees, string Cells)? Measure(GreyImage page)
    {
        var points = InkPoints(page);
        if (points.Count < MinCellPoints * 3)
        {
            return null;
        }

        // The text's extent: the middle 96 % of the ink, so a speck or the background at an edge does not widen it.
        var (left, right) = Extent(points.Select(p => p.X));
        var (top, bottom) = Extent(points.Select(p => p.Y));
        if (right - left < 50 || bottom - top < 50)
        {
            return null;
        }

        var cells = new List<(int X, int Y)>[Bands, Columns];
        foreach (var (x, y) in points)
        {
            if (x < left || x >= right || y < top || y >= bottom)
            {
                continue;
            }

            var column = (x - left) * Columns / (right - left);
            var band = (y - top) * Bands / (bottom - top);
            (cells[band, column] ??= []).Add((x, y));
        }

        var angles = new double?[Bands, Columns];
        for (var band = 0; band < Bands; band++)
        {
            for (var column = 0; column < Columns; column++)
            {
                angles[band, column] = cells[band, column] is { Count: >= MinCellPoints } cell ? Angle(cell) : null;
            }
        }

        // A cell whose angle no neighbour comes near (a picture, a stamp, a column of figures among the text) is noise:
        // lines that bend turn gradually from cell to cell.
        bool Supported(int band, int column)
        {
            var angle = angles[band, column]!.Value;
            (int, int)[] neighbours = [(band, column - 1), (band, column + 1), (band - 1, column), (band + 1, column)];
            return neighbours.Any(n => n.Item1 is >= 0 and < Bands && n.Item2 is >= 0 and < Columns
                                       && angles[n.Item1, n.Item2] is { } other && Math.Abs(other - angle) <= NeighbourAgreement);
        }

        double? bend = null;
        var shown = new List<string>();
        for (var band = 0; band < Bands; band++)
        {
            var kept = Enumerable.Range(0, Columns).Where(c => angles[band, c] is not null && Supported(band, c)).Select(c => angles[band, c]!.Value).ToList();
            if (kept.Count >= 3)
            {
                bend = Math.Max(bend ?? 0, kept.Max() - kept.Min());
                shown.Add(string.Join(' ', kept.Select(a => a.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        return bend is { } degrees ? (Math.Round(degrees, 2), string.Join(" / ", shown)) : null;
    }

    /// <summary>
    /// Ink on a sample about a thousand pixels across, against the paper's own brightness around it (the brightest of
    /// each block of the sample): a photo's paper darkens towards the spine and the edges, and one threshold for the
    /// whole page takes the shade for ink there, or the grey letters for paper.
    /// </summary>
    private static List<(int X, int Y)> InkPoints(GreyImage page)
    {
        var step = Math.Max(1, (int)Math.Round(page.Width / 700.0));
        var (width, height) = ((page.Width + step - 1) / step, (page.Height + step - 1) / step);
        const int block = 24;
        var (blocksX, blocksY) = ((width + block - 1) / block, (height + block - 1) / block);
        var paper = new int[blocksX * blocksY];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                ref var bright = ref paper[(y / block) * blocksX + x / block];
                bright = Math.Max(bright, page[x * step, y * step]);
            }
        }

        var ink = new bool[width * height];
        var dense = new int[blocksX * blocksY];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // The paper of the block and its neighbours: a block wholly inside a letter's stroke has none.
                var (bx, by) = (x / block, y / block);
                var tone = 0;
                for (var j = Math.Max(0, by - 1); j <= Math.Min(blocksY - 1, by + 1); j++)
                {
                    for (var i = Math.Max(0, bx - 1); i <= Math.Min(blocksX - 1, bx + 1); i++)
                    {
                        tone = Math.Max(tone, paper[j * blocksX + i]);
                    }
                }

                var value = page[x * step, y * step];
                if (value < tone * 0.7 && value < tone - 40)
                {
                    ink[y * width + x] = true;
                    dense[by * blocksX + bx]++;
                }
            }
        }

        // Text covers well under half of its blocks; a block mostly dark is the book's edge, the table it lies on, a
        // shadow or a picture, whose edges have angles of their own.
        var points = new List<(int X, int Y)>();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (ink[y * width + x] && dense[(y / block) * blocksX + x / block] < block * block * 2 / 5)
                {
                    points.Add((x, y));
                }
            }
        }

        // Enough for every cell's lines; more only costs time.
        return points.Count <= MaxPoints ? points : [.. points.Where((_, i) => i % (points.Count / MaxPoints + 1) == 0)];
    }

    private const int MaxPoints = 50_000;

    private static (int From, int To) Extent(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[sorted.Length / 50], sorted[sorted.Length - 1 - sorted.Length / 50] + 1);
    }

    /// <summary>The cell's line angle (degrees, clockwise positive): steps of a degree, then a fifth, then a twentieth.</summary>
    private static double Angle(List<(int X, int Y)> cell)
    {
        var x0 = cell.Min(p => p.X);
        var y0 = cell.Min(p => p.Y);
        var width = cell.Max(p => p.X) - x0 + 1;
        var height = cell.Max(p => p.Y) - y0 + 1;
        var offset = (int)Math.Ceiling(Math.Tan(MaxAngle * Math.PI / 180) * width) + 2;
        var rows = new int[height + 2 * offset];
        double Score(double degrees)
        {
            Array.Clear(rows);
            var tan = Math.Tan(degrees * Math.PI / 180);
            foreach (var (x, y) in cell)
            {
                rows[(int)Math.Round(y - y0 - (x - x0) * tan) + offset]++;
            }

            double sum = 0;
            for (var i = 1; i < rows.Length; i++)
            {
                double d = rows[i] - rows[i - 1];
                sum += d * d;
            }

            return sum;
        }

        var (best, bestScore) = (0.0, Score(0));
        for (var a = -MaxAngle; a <= MaxAngle + 1e-9; a += 1)
        {
            if (Score(a) is var s && s > bestScore)
            {
                (best, bestScore) = (a, s);
            }
        }

        foreach (var (span, step) in new[] { (0.8, 0.2), (0.15, 0.05) })
        {
            var around = best;
            for (var a = around - span; a <= around + span + 1e-9; a += step)
            {
                if (Score(a) is var s && s > bestScore)
                {
                    (best, bestScore) = (a, s);
                }
            }
        }

        return Math.Round(best, 2);
    }
}
