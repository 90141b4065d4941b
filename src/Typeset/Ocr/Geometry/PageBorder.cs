using Typeset.Interop.Tesseract;

namespace Typeset.Ocr.Geometry;

/// <summary>
/// Finds the page inside a capture: the dark band a scanner's lid leaves, or the table, cloth or hand around a
/// photographed sheet. Paper is the brightest large tone of the image; a band along an edge is cut only where its
/// rows or columns are almost all darker than paper, so a column that holds any real share of page — and with it any
/// text — is kept. Costs one subsampled pass when there is nothing to cut.
/// </summary>
public static class PageBorder
{
    /// <summary>A pixel is paper when at least this share of the paper's tone (dark tables and lids fall well below it).</summary>
    internal const double PaperShareOfTone = 0.62;

    /// <summary>
    /// A column (row) is border while less than this share of it is paper. Text stands on paper with a margin around it,
    /// so a column this poor in paper holds no text even on a photographed page lying askew.
    /// </summary>
    internal const double BorderColumnPaper = 0.2;

    /// <summary>Bands thinner than this share of the side are left alone (they cost Tesseract nothing).</summary>
    internal const double SmallestCut = 0.01;

    /// <summary>The page region of the capture (the whole image when nothing is to be cut) and why.</summary>
    public static (Box Region, string? Reason) Find(GreyImage image)
    {
        var whole = new Box(0, 0, image.Width, image.Height);
        if (image.Width < 64 || image.Height < 64)
        {
            return (whole, null);
        }

        var step = Math.Max(1, Math.Min(image.Width, image.Height) / 600);
        var columns = (image.Width + step - 1) / step;
        var rows = (image.Height + step - 1) / step;
        var paperTone = PaperTone(image, step);
        if (paperTone < 60)
        {
            return (whole, null); // an all-dark capture: nothing here looks like paper
        }

        var paper = (byte)Math.Round(paperTone * PaperShareOfTone);
        var columnPaper = new int[columns];
        var rowPaper = new int[rows];
        var pixels = image.Pixels;
        for (int r = 0, y = 0; y < image.Height; r++, y += step)
        {
            var offset = y * image.Width;
            for (int c = 0, x = 0; x < image.Width; c++, x += step)
            {
                if (pixels[offset + x] >= paper)
                {
                    columnPaper[c]++;
                    rowPaper[r]++;
                }
            }
        }

        var left = BandFromStart(columnPaper, rows);
        var right = BandFromStart(columnPaper.Reverse().ToArray(), rows);
        var top = BandFromStart(rowPaper, columns);
        var bottom = BandFromStart(rowPaper.Reverse().ToArray(), columns);
        left = left < columns * SmallestCut ? 0 : left;
        right = right < columns * SmallestCut ? 0 : right;
        top = top < rows * SmallestCut ? 0 : top;
        bottom = bottom < rows * SmallestCut ? 0 : bottom;
        if (left + right + top + bottom == 0 || left + right > columns / 2 || top + bottom > rows / 2)
        {
            return (whole, null); // no border, or no page big enough to be one
        }

        var x0 = Math.Min(image.Width, left * step);
        var y0 = Math.Min(image.Height, top * step);
        var x1 = Math.Max(x0 + 1, image.Width - right * step);
        var y1 = Math.Max(y0 + 1, image.Height - bottom * step);
        var region = new Box(x0, y0, x1 - x0, y1 - y0);
        var sides = new[] { ("left", left), ("right", right), ("top", top), ("bottom", bottom) }.Where(s => s.Item2 > 0)
            .Select(s => $"{s.Item1} {s.Item2 * step} px");
        return (region, $"dark border around the page (paper tone {paperTone}, border below {paper}): cut {string.Join(", ", sides)}");
    }

    /// <summary>A cell is background (table, cloth, lid, finger) when its mean is under this share of the paper's tone…</summary>
    internal const double BackgroundShareOfTone = 0.5;

    /// <summary>
    /// …but above this share: printed ink (a black frame, a rule, the ground of white-on-black type) is near black, a
    /// table or cloth under a photographed page, lit by the same light, is not. A scanner's black lid is cut, not painted.
    /// </summary>
    internal const double BackgroundDarkestShareOfTone = 0.15;

    /// <summary>
    /// …and at most <see cref="BackgroundLitShare"/> of its pixels are as bright as this share of paper: a cell around
    /// letters on paper is mostly lit paper; a cloth's weave has only flecks of light.
    /// </summary>
    internal const double BackgroundBrightest = 0.75;

    internal const double BackgroundLitShare = 0.1;

    /// <summary>A background region painted over lies within this share of the capture from the edge it touches (a photo bleeding off the page reaches further and is left alone).</summary>
    internal const double BackgroundDepth = 0.1;

    /// <summary>
    /// The dark background left around a page askew in the frame — wedges of table or cloth at the edges, a finger — that
    /// no straight cut removes, painted over in the paper's tone so Tesseract takes none of it for a picture. Only
    /// regions touching the edge, dark through and through (no lit paper in any cell, so no text on paper), and staying
    /// near the edge are painted. Returns the image unchanged when there is none.
    /// </summary>
    public static (GreyImage Image, Box? Painted, string? Reason) PaintBackground(GreyImage image)
    {
        var cell = Math.Max(4, Math.Min(image.Width, image.Height) / 150);
        var columns = image.Width / cell;
        var rows = image.Height / cell;
        if (columns < 8 || rows < 8)
        {
            return (image, null, null);
        }

        var tone = PaperTone(image, Math.Max(1, Math.Min(image.Width, image.Height) / 600));
        var darkMean = tone * BackgroundShareOfTone;
        var inkMean = tone * BackgroundDarkestShareOfTone;
        var brightest = tone * BackgroundBrightest;
        var pixels = image.Pixels;
        bool IsBackground(int c, int r)
        {
            long sum = 0;
            var lit = 0;
            for (var y = r * cell; y < (r + 1) * cell; y++)
            {
                var offset = y * image.Width + c * cell;
                for (var x = 0; x < cell; x++)
                {
                    int v = pixels[offset + x];
                    sum += v;
                    lit += v >= brightest ? 1 : 0;
                }
            }

            return sum < darkMean * cell * cell && sum > inkMean * cell * cell && lit <= BackgroundLitShare * cell * cell;
        }

        var state = new sbyte[columns * rows]; // 0 untested, 1 background, -1 page
        sbyte Test(int c, int r) => state[r * columns + c] != 0 ? state[r * columns + c] : state[r * columns + c] = IsBackground(c, r) ? (sbyte)1 : (sbyte)-1;
        var painted = new List<int>();
        var queue = new Queue<int>();
        var region = new List<int>();
        var reached = new bool[columns * rows];
        IEnumerable<(int C, int R)> Edge()
        {
            for (var c = 0; c < columns; c++)
            {
                yield return (c, 0);
                yield return (c, rows - 1);
            }

            for (var r = 1; r < rows - 1; r++)
            {
                yield return (0, r);
                yield return (columns - 1, r);
            }
        }

        foreach (var (c0, r0) in Edge())
        {
            if (reached[r0 * columns + c0] || Test(c0, r0) != 1)
            {
                continue;
            }

            region.Clear();
            queue.Enqueue(r0 * columns + c0);
            reached[r0 * columns + c0] = true;
            var deepest = 0.0;
            while (queue.Count > 0)
            {
                var i = queue.Dequeue();
                region.Add(i);
                var (c, r) = (i % columns, i / columns);
                deepest = Math.Max(deepest, Math.Min(Math.Min(c + 1, columns - c) / (double)columns, Math.Min(r + 1, rows - r) / (double)rows));
                foreach (var (nc, nr) in new[] { (c - 1, r), (c + 1, r), (c, r - 1), (c, r + 1) })
                {
                    if (nc >= 0 && nr >= 0 && nc < columns && nr < rows && !reached[nr * columns + nc] && Test(nc, nr) == 1)
                    {
                        reached[nr * columns + nc] = true;
                        queue.Enqueue(nr * columns + nc);
                    }
                }
            }

            if (deepest <= BackgroundDepth && region.Count >= 12)
            {
                painted.AddRange(region);
            }
        }

        if (painted.Count == 0)
        {
            return (image, null, null);
        }

        var result = (byte[])pixels.Clone();
        int x0 = image.Width, y0 = image.Height, x1 = 0, y1 = 0;
        var fill = (byte)tone;
        foreach (var i in painted)
        {
            var (c, r) = (i % columns, i / columns);
            // Cells on the last column or row reach the image's edge (the remainder of the division).
            var right = c == columns - 1 ? image.Width : (c + 1) * cell;
            var bottom = r == rows - 1 ? image.Height : (r + 1) * cell;
            for (var y = r * cell; y < bottom; y++)
            {
                Array.Fill(result, fill, y * image.Width + c * cell, right - c * cell);
            }

            (x0, y0, x1, y1) = (Math.Min(x0, c * cell), Math.Min(y0, r * cell), Math.Max(x1, right), Math.Max(y1, bottom));
        }

        return (new GreyImage(image.Width, image.Height, result, image.Dpi), new Box(x0, y0, x1 - x0, y1 - y0),
            $"dark background at the edges painted in the paper's tone ({painted.Count * cell * cell * 100.0 / ((double)image.Width * image.Height):0.#} % of the page)");
    }

    /// <summary>How many leading columns (rows) are border: fewer than <see cref="BorderColumnPaper"/> of their samples paper.</summary>
    private static int BandFromStart(int[] paperCounts, int samples)
    {
        var limit = samples * BorderColumnPaper;
        var band = 0;
        while (band < paperCounts.Length && paperCounts[band] < limit)
        {
            band++;
        }

        return band;
    }

    /// <summary>The paper's tone: the 85th percentile of the capture (the page is most of it, and mostly paper).</summary>
    private static int PaperTone(GreyImage image, int step)
    {
        var histogram = new long[256];
        long count = 0;
        for (var y = 0; y < image.Height; y += step)
        {
            var offset = y * image.Width;
            for (var x = 0; x < image.Width; x += step)
            {
                histogram[image.Pixels[offset + x]]++;
                count++;
            }
        }

        var wanted = count * 0.15;
        long seen = 0;
        for (var tone = 255; tone > 0; tone--)
        {
            seen += histogram[tone];
            if (seen >= wanted)
            {
                return tone;
            }
        }

        return 0;
    }
}
