namespace Typeset.Ocr;

/// <summary>
/// What a page image is like, measured before recognition to decide how to prepare it: the size of its type (x-height
/// and line pitch of letter-like ink blobs), its stroke width, and the tones of its paper and ink. Everything in the
/// image's own pixels; nothing assumed from the file's header.
/// </summary>
/// <param name="XHeight">Median height of letter-like blobs: most lower-case letters are that tall. 0 when the page has too few.</param>
/// <param name="LinePitch">Most common distance between text lines (baseline to baseline), 0 when not found.</param>
/// <param name="StrokeWidth">Median of the letters' mean horizontal ink runs.</param>
/// <param name="Letters">How many letter-like blobs were found.</param>
/// <param name="PaperTone">The paper's grey level (after lighting is evened out).</param>
/// <param name="PaperNoise">Deviation of the paper's grain.</param>
/// <param name="InkTone">The grey level of the letters' ink (median of the darkest pixels of the page).</param>
public sealed record PageMeasure(double XHeight, double LinePitch, double StrokeWidth, int Letters, int PaperTone, double PaperNoise, int InkTone)
{
    /// <summary>
    /// Too few letters standing in lines to say anything about the type. Counted among lined letters only (a picture's
    /// texture does not count), so a two-line caption under a drawing is enough (Leptonica's lion-page: 40 lost it).
    /// </summary>
    public const int MinimumLetters = 20;

    /// <summary>
    /// X-height of body type in inches: 10–12 pt text in the faces Russian books and documents use (Times, PT Serif,
    /// Arial) has an x-height of 0.45–0.52 em, about 5.2 pt.
    /// </summary>
    public const double TypicalXHeight = 5.2 / 72;

    /// <summary>Baseline-to-baseline distance of such text set solid to 1.2: about 13.3 pt.</summary>
    public const double TypicalLinePitch = 13.3 / 72;

    public bool HasText => Letters >= MinimumLetters && XHeight > 0;

    /// <summary>Contrast between ink and paper (0–255).</summary>
    public int Contrast => Math.Max(0, PaperTone - InkTone);

    /// <summary>
    /// The resolution the type's size implies: from the x-height, and from the line pitch too when both agree within a
    /// factor 1.5 (a form's spacing or a book's leading varies more than its letters do, so the x-height leads).
    /// 0 when the page has no measurable text.
    /// </summary>
    public int ImpliedDpi
    {
        get
        {
            if (!HasText)
            {
                return 0;
            }

            var fromLetters = XHeight / TypicalXHeight;
            var fromLines = LinePitch / TypicalLinePitch;
            var dpi = LinePitch > 0 && fromLines / fromLetters is > 1 / 1.5 and < 1.5 ? Math.Sqrt(fromLetters * fromLines) : fromLetters;
            return (int)Math.Round(dpi);
        }
    }

    /// <summary>Measures <paramref name="page"/> (lighting already evened out), reading ink below <paramref name="threshold"/>.</summary>
    public static PageMeasure Of(GreyImage page, int threshold)
    {
        var histogram = Binarization.Histogram(page, step: 3);
        var (paper, noise) = Binarization.PaperTone(histogram, threshold);
        var blobs = InkComponents.Find(page, threshold).Where(c => IsLetterLike(c, page)).ToList();
        var letters = Lined(blobs);
        if (letters.Count < MinimumLetters)
        {
            // A page lying sideways has its lines standing up: measured turned, its letters' widths are their heights.
            var standing = Lined(blobs.Select(c => new InkComponent(c.Y, c.X, c.Height, c.Width, c.Pixels, c.Runs)).ToList());
            if (standing.Count >= MinimumLetters)
            {
                var xHeightTurned = Median(standing.Select(c => (double)c.Height));
                return new PageMeasure(xHeightTurned, 0, 0, standing.Count, Math.Max(0, paper), noise, DarkMedian(histogram, threshold));
            }
        }

        var ink = DarkMedian(histogram, threshold);
        if (letters.Count < MinimumLetters)
        {
            return new PageMeasure(0, 0, 0, letters.Count, Math.Max(0, paper), noise, ink);
        }

        var xHeight = Median(letters.Select(c => (double)c.Height));
        var stroke = Median(letters.Select(c => c.MeanRun));
        return new PageMeasure(xHeight, RepeatingDistance(letters, xHeight, page.Height), stroke, letters.Count, Math.Max(0, paper), noise, ink);
    }

    /// <summary>
    /// A blob that can be a letter: a few pixels tall at least, not a rule or a frame (filled 10–90 % of its box, not
    /// much wider than tall), not a picture (a small part of the page).
    /// </summary>
    private static bool IsLetterLike(InkComponent c, GreyImage page)
    {
        var fill = (double)c.Pixels / ((double)c.Width * c.Height);
        return c.Height >= 4 && c.Width >= 2 && c.Height <= page.Height / 20 && c.Width <= c.Height * 2.5 && c.Height <= c.Width * 8
               && fill is > 0.1 and < 0.9;
    }

    /// <summary>
    /// The letter-like blobs that stand in a line of type: a blob of about the same height on each side, close and at
    /// the same height. A picture's texture has blobs of every size scattered about; text has rows of like letters.
    /// </summary>
    private static List<InkComponent> Lined(List<InkComponent> blobs)
    {
        var byX = blobs.OrderBy(c => c.X).ToList();
        var xs = byX.Select(c => c.X).ToArray();
        var lined = new List<InkComponent>();
        foreach (var c in byX)
        {
            var centre = c.Y + c.Height / 2.0;
            bool Mate(InkComponent o) => Math.Abs(o.Y + o.Height / 2.0 - centre) <= c.Height * 0.3 && Math.Abs(o.Height - c.Height) <= c.Height * 0.35;
            var reach = c.Height * 1.5;
            var from = Array.BinarySearch(xs, (int)(c.X - reach - c.Height * 3));
            from = from < 0 ? ~from : from;
            bool left = false, right = false;
            for (var i = from; i < byX.Count && byX[i].X <= c.Right + reach && !(left && right); i++)
            {
                var o = byX[i];
                if (o == c || !Mate(o))
                {
                    continue;
                }

                left |= o.Right <= c.X + c.Width / 2 && c.X - o.Right <= reach;
                right |= o.X >= c.X + c.Width / 2 && o.X - c.Right <= reach;
            }

            if (left && right)
            {
                lined.Add(c);
            }
        }

        return lined;
    }

    /// <summary>The distance that best repeats between rows of letters: the peak of the autocorrelation of letter centres per row.</summary>
    private static double RepeatingDistance(List<InkComponent> letters, double xHeight, int height)
    {
        var profile = new double[height];
        foreach (var c in letters)
        {
            profile[Math.Clamp(c.Y + c.Height / 2, 0, height - 1)]++;
        }

        // Smooth over a third of the x-height so letters of one line fall on one hump.
        var radius = Math.Max(1, (int)(xHeight / 3));
        var smooth = new double[height];
        double running = 0;
        for (var y = 0; y < height + radius; y++)
        {
            if (y < height)
            {
                running += profile[y];
            }

            if (y - 2 * radius - 1 >= 0)
            {
                running -= profile[y - 2 * radius - 1];
            }

            if (y - radius >= 0 && y - radius < height)
            {
                smooth[y - radius] = running;
            }
        }

        var mean = smooth.Average();
        var bestLag = 0;
        var best = 0.0;
        for (var lag = (int)(xHeight * 1.5); lag <= Math.Min(height / 3, (int)(xHeight * 8)); lag++)
        {
            double sum = 0;
            for (var y = 0; y + lag < height; y++)
            {
                sum += (smooth[y] - mean) * (smooth[y + lag] - mean);
            }

            if (sum > best)
            {
                (best, bestLag) = (sum, lag);
            }
        }

        return bestLag;
    }

    /// <summary>The ink's grey level: the median of the pixels darker than the threshold.</summary>
    private static int DarkMedian(long[] histogram, int threshold)
    {
        long dark = 0;
        for (var i = 0; i < threshold && i < 256; i++)
        {
            dark += histogram[i];
        }

        long seen = 0;
        for (var i = 0; i < threshold && i < 256; i++)
        {
            seen += histogram[i];
            if (seen * 2 >= dark)
            {
                return i;
            }
        }

        return 0;
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
