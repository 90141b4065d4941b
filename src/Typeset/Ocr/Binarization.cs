namespace Typeset.Ocr;

/// <summary>
/// A page in black and white, one bit a pixel, as Tesseract's C API takes it: rows of <see cref="Stride"/> bytes, the
/// leftmost pixel in the most significant bit, a set bit white (paper), a clear bit black (ink).
/// </summary>
public sealed class BinaryImage(int width, int height, int stride, byte[] bits, int dpi)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public int Stride { get; } = stride;

    public byte[] Bits { get; } = bits;

    public int Dpi { get; } = dpi;

    public bool IsInk(int x, int y) => (Bits[y * Stride + (x >> 3)] & (0x80 >> (x & 7))) == 0;
}

/// <summary>
/// Ink from paper, decided once per page before Tesseract sees it. Tesseract is handed the black-and-white page: measured
/// on the bench scans it then spends about 14 % less time a page than when it thresholds a grey page itself (its
/// recogniser no longer rescales grey line images), with the same character error rate.
/// The threshold is Otsu's, as the tesseract CLI's default, but never above the paper's own noise: on a page of
/// (nearly) blank noisy paper Otsu splits the noise in two and the page becomes speckle. One threshold for the page
/// holds because uneven lighting (a gutter shadow) is evened out first, which the CLI does not do.
/// </summary>
public static class Binarization
{
    /// <summary>Pixels this many noise deviations darker than the paper are surely ink, not grain of the paper.</summary>
    private const double PaperNoiseDeviations = 5;

    /// <summary>Paper varying more than this across the page (a gutter shadow, a lamp's falloff) is evened out first.</summary>
    private const double UnevenLighting = 1.15;

    /// <summary>Tiles whose paper is darker than this share of the page's are pictures or black areas, not paper in shadow.</summary>
    private const double NotPaper = 0.45;

    /// <summary>How much darker paper may get from one tile to the next (a sixth of an inch) and still be lit paper.</summary>
    private const double LightStep = 0.1;

    /// <summary>Grey levels below a tile's paper level that still count as paper (grain, JPEG ringing).</summary>
    private const int PaperSpread = 24;

    public static BinaryImage Binarize(GreyImage page) => Threshold(EvenLighting(page));

    /// <summary>The page in black and white at its ink threshold, its lighting taken as even (see <see cref="EvenLighting(GreyImage)"/>).</summary>
    public static BinaryImage Threshold(GreyImage page)
    {
        var threshold = InkThreshold(Histogram(page, step: 1));
        var width = page.Width;
        var stride = (width + 7) / 8;
        var bits = new byte[stride * page.Height];
        var pixels = page.Pixels;
        for (var y = 0; y < page.Height; y++)
        {
            var source = pixels.AsSpan(y * width, width);
            var target = bits.AsSpan(y * stride, stride);
            for (var x = 0; x < width; x++)
            {
                if (source[x] >= threshold)
                {
                    target[x >> 3] |= (byte)(0x80 >> (x & 7));
                }
            }
        }

        return new BinaryImage(width, page.Height, stride, bits, page.Dpi);
    }

    /// <summary>
    /// The page with its lighting evened out, so that one threshold holds across it: each pixel is divided by the
    /// brightness of the paper around it, estimated per tile (a sixth of an inch: several lines of type) as a high
    /// percentile, with tiles darker than paper can be (pictures) filled from their neighbours and the map interpolated
    /// between tile centres. An evenly lit page (paper within 15 %) is returned as it is.
    /// </summary>
    public static GreyImage EvenLighting(GreyImage page) => EvenLighting(page, Math.Max(16, page.Dpi / 6));

    /// <summary>The same with tiles of <paramref name="tile"/> pixels (used before the page's resolution is known).</summary>
    public static GreyImage EvenLighting(GreyImage page, int tile)
    {
        tile = Math.Max(16, tile);
        var columns = (page.Width + tile - 1) / tile;
        var rows = (page.Height + tile - 1) / tile;
        var paper = new double[rows, columns];
        var counts = new int[256];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                Array.Clear(counts);
                var total = 0;
                for (var y = row * tile; y < Math.Min(page.Height, (row + 1) * tile); y += 2)
                {
                    var line = page.Pixels.AsSpan(y * page.Width, page.Width);
                    for (var x = column * tile; x < Math.Min(page.Width, (column + 1) * tile); x += 2)
                    {
                        counts[line[x]]++;
                        total++;
                    }
                }

                // The 90th percentile: paper even where type covers much of the tile. A tile is paper when at least half of
                // it lies near that level (paper with type on it); a picture's tones spread wide and leave it unknown.
                var seen = 0;
                var level = 255;
                while (level > 0 && (seen += counts[level]) < total / 10)
                {
                    level--;
                }

                var near = 0;
                for (var v = Math.Max(0, level - PaperSpread); v < 256; v++)
                {
                    near += counts[v];
                }

                paper[row, column] = near * 2 >= total ? level : double.NaN;
            }
        }

        var sample = Histogram(page, step: 7);
        var (pageTone, _) = PaperTone(sample, OtsuThreshold(sample));
        if (pageTone <= 0)
        {
            return page;
        }

        // Paper is what can be reached from the page's brightest paper in gentle steps: light falls off gradually, while a
        // picture's edge is a jump. Tiles not reached (pictures, black areas) are filled from their neighbours.
        var reached = ReachablePaper(paper, pageTone);
        var known = new List<double>();
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                if (reached[row, column])
                {
                    known.Add(paper[row, column]);
                }
                else
                {
                    paper[row, column] = double.NaN;
                }
            }
        }

        // Robust ends of the paper's range: a stray tile does not make a page unevenly lit.
        known.Sort();
        if (known.Count == 0 || known[known.Count * 95 / 100] / Math.Max(1, known[known.Count * 5 / 100]) < UnevenLighting || !FillFromNeighbours(paper))
        {
            return page;
        }

        var evened = new byte[page.Pixels.Length];
        for (var y = 0; y < page.Height; y++)
        {
            // Bilinear between tile centres, clamped at the edges.
            var fy = Math.Clamp((y + 0.5) / tile - 0.5, 0, rows - 1);
            var row0 = (int)fy;
            var row1 = Math.Min(rows - 1, row0 + 1);
            var wy = fy - row0;
            var line = y * page.Width;
            for (var x = 0; x < page.Width; x++)
            {
                var fx = Math.Clamp((x + 0.5) / tile - 0.5, 0, columns - 1);
                var column0 = (int)fx;
                var column1 = Math.Min(columns - 1, column0 + 1);
                var wx = fx - column0;
                var top = paper[row0, column0] + (paper[row0, column1] - paper[row0, column0]) * wx;
                var bottom = paper[row1, column0] + (paper[row1, column1] - paper[row1, column0]) * wx;
                var light = top + (bottom - top) * wy;
                evened[line + x] = (byte)Math.Min(255, page.Pixels[line + x] * pageTone / light + 0.5);
            }
        }

        return new GreyImage(page.Width, page.Height, evened, page.Dpi);
    }

    /// <summary>
    /// Tiles reached from those as bright as the page's paper through neighbours each at most <see cref="LightStep"/>
    /// darker than the last, and never darker than <see cref="NotPaper"/> of the paper.
    /// </summary>
    private static bool[,] ReachablePaper(double[,] paper, double pageTone)
    {
        var (rows, columns) = (paper.GetLength(0), paper.GetLength(1));
        var reached = new bool[rows, columns];
        var queue = new Queue<(int Row, int Column)>();
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                if (paper[row, column] >= pageTone * 0.97)
                {
                    reached[row, column] = true;
                    queue.Enqueue((row, column));
                }
            }
        }

        while (queue.TryDequeue(out var at))
        {
            foreach (var (r, c) in new[] { (at.Row - 1, at.Column), (at.Row + 1, at.Column), (at.Row, at.Column - 1), (at.Row, at.Column + 1) })
            {
                if (r < 0 || c < 0 || r >= rows || c >= columns || reached[r, c] || double.IsNaN(paper[r, c]))
                {
                    continue;
                }

                if (paper[r, c] >= paper[at.Row, at.Column] * (1 - LightStep) && paper[r, c] >= pageTone * NotPaper)
                {
                    reached[r, c] = true;
                    queue.Enqueue((r, c));
                }
            }
        }

        return reached;
    }

    /// <summary>Gives every NaN tile the mean of its known neighbours, growing inwards; false when no tile is known.</summary>
    private static bool FillFromNeighbours(double[,] map)
    {
        var (rows, columns) = (map.GetLength(0), map.GetLength(1));
        var missing = true;
        while (missing)
        {
            missing = false;
            var filled = (double[,])map.Clone();
            var progress = false;
            for (var row = 0; row < rows; row++)
            {
                for (var column = 0; column < columns; column++)
                {
                    if (!double.IsNaN(map[row, column]))
                    {
                        continue;
                    }

                    double sum = 0;
                    var known = 0;
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            var (r, c) = (row + dy, column + dx);
                            if (r >= 0 && c >= 0 && r < rows && c < columns && !double.IsNaN(map[r, c]))
                            {
                                sum += map[r, c];
                                known++;
                            }
                        }
                    }

                    if (known > 0)
                    {
                        filled[row, column] = sum / known;
                        progress = true;
                    }
                    else
                    {
                        missing = true;
                    }
                }
            }

            Array.Copy(filled, map, map.Length);
            if (missing && !progress)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Grey levels below the result are ink.</summary>
    public static int InkThreshold(long[] histogram)
    {
        var otsu = OtsuThreshold(histogram);
        var (paper, noise) = PaperTone(histogram, otsu);
        return paper < 0 ? otsu : Math.Min(otsu, (int)Math.Floor(paper - PaperNoiseDeviations * noise));
    }

    /// <summary>
    /// Otsu's threshold: the split of the histogram with the largest variance between its two classes (below = dark).
    /// Across a gap of empty grey levels every split scores the same; the middle of the gap is taken.
    /// </summary>
    public static int OtsuThreshold(long[] histogram)
    {
        double total = 0, sumAll = 0;
        for (var i = 0; i < 256; i++)
        {
            total += histogram[i];
            sumAll += i * (double)histogram[i];
        }

        double weightDark = 0, sumDark = 0, bestVariance = -1;
        int bestFrom = 127, bestTo = 127;
        for (var t = 0; t < 255; t++)
        {
            weightDark += histogram[t];
            sumDark += t * (double)histogram[t];
            if (weightDark == 0 || weightDark == total)
            {
                continue;
            }

            var meanDark = sumDark / weightDark;
            var meanLight = (sumAll - sumDark) / (total - weightDark);
            var variance = weightDark * (total - weightDark) * (meanDark - meanLight) * (meanDark - meanLight);
            if (variance > bestVariance)
            {
                (bestVariance, bestFrom, bestTo) = (variance, t, t);
            }
            else if (variance == bestVariance && bestTo == t - 1)
            {
                bestTo = t;
            }
        }

        return (bestFrom + bestTo) / 2 + 1;
    }

    /// <summary>
    /// The paper: the most common grey level from <paramref name="from"/> up, and its noise, measured on the side of the
    /// peak away from the ink (a half-normal deviation), where no ink or anti-aliased edge pulls it. (-1, 0) if no paper.
    /// </summary>
    internal static (int Tone, double Noise) PaperTone(long[] histogram, int from)
    {
        var peak = -1;
        for (var i = Math.Max(0, from); i < 256; i++)
        {
            if (histogram[i] > 0 && (peak < 0 || histogram[i] >= histogram[peak]))
            {
                peak = i;
            }
        }

        if (peak < 0)
        {
            return (-1, 0);
        }

        double count = histogram[peak] / 2.0, squares = 0;
        for (var i = peak + 1; i < 256; i++)
        {
            count += histogram[i];
            squares += histogram[i] * (double)(i - peak) * (i - peak);
        }

        return (peak, Math.Sqrt(squares / count));
    }

    /// <summary>Grey-level counts over every <paramref name="step"/>th pixel.</summary>
    public static long[] Histogram(GreyImage page, int step)
    {
        var histogram = new long[256];
        var pixels = page.Pixels;
        for (var i = 0; i < pixels.Length; i += step)
        {
            histogram[pixels[i]]++;
        }

        return histogram;
    }
}
