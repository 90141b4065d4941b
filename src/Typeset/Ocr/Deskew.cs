namespace Typeset.Ocr;

/// <summary>
/// Straightens a page: Tesseract drops whole lines from about 2° of skew. The angle is the one whose horizontal
/// projection of dark pixels is sharpest (text lines then fall into few rows), searched within ±<see cref="MaxAngle"/>°.
/// </summary>
public static class Deskew
{
    public const double MaxAngle = 5;

    /// <summary>
    /// Skew below this is left to Tesseract, which follows slightly tilted lines well; rotating resamples (softens) every
    /// glyph, and on the sample scans correcting skews under 1° cost more characters than it saved (bench/ocr).
    /// </summary>
    public const double MinCorrection = 1.0;

    public static (GreyImage Image, double Angle) Straighten(GreyImage page)
    {
        var angle = EstimateAngle(page);
        return Math.Abs(angle) < MinCorrection ? (page, 0) : (Rotate(page, -angle), angle);
    }

    /// <summary>The page's skew in degrees, clockwise positive (text lines descend to the right).</summary>
    public static double EstimateAngle(GreyImage page)
    {
        // Work at about 100 dpi: plenty for lines of 10-point type, and fast.
        var step = Math.Max(1, page.Dpi / 100);
        var threshold = DarkThreshold(page);
        var points = new List<(int X, int Y)>();
        for (var y = 0; y < page.Height; y += step)
        {
            for (var x = 0; x < page.Width; x += step)
            {
                if (page[x, y] < threshold)
                {
                    points.Add((x / step, y / step));
                }
            }
        }

        if (points.Count < 50)
        {
            return 0;
        }

        var height = page.Height / step + 1;
        var width = page.Width / step + 1;
        double Score(double degrees)
        {
            var tan = Math.Tan(degrees * Math.PI / 180);
            var offset = (int)Math.Ceiling(Math.Abs(tan) * width) + 1;
            var rows = new int[height + 2 * offset];
            foreach (var (x, y) in points)
            {
                rows[(int)Math.Round(y - x * tan) + offset]++;
            }

            double sum = 0;
            for (var i = 1; i < rows.Length; i++)
            {
                double d = rows[i] - rows[i - 1];
                sum += d * d;
            }

            return sum;
        }

        var best = 0.0;
        var bestScore = Score(0);
        for (var a = -MaxAngle; a <= MaxAngle + 1e-9; a += 0.25)
        {
            var s = Score(a);
            if (s > bestScore)
            {
                (best, bestScore) = (a, s);
            }
        }

        var coarse = best;
        for (var a = coarse - 0.25; a <= coarse + 0.25 + 1e-9; a += 0.05)
        {
            var s = Score(a);
            if (s > bestScore)
            {
                (best, bestScore) = (a, s);
            }
        }

        return Math.Round(best, 2);
    }

    /// <summary>
    /// Rotates about the centre (clockwise for positive degrees, image y pointing down) with bilinear sampling, filling
    /// the uncovered corners with the paper's tone. Plain loops: several times faster than a round trip through Skia.
    /// </summary>
    public static GreyImage Rotate(GreyImage page, double degrees)
    {
        var width = page.Width;
        var height = page.Height;
        var source = page.Pixels;
        var target = new byte[source.Length];
        var paper = PaperTone(page);
        var rotation = new PageRotation(degrees, width, height);
        var (stepX, stepY) = rotation.Step;
        for (var y = 0; y < height; y++)
        {
            // Where the row's first pixel comes from; along the row the source point moves by one step.
            var (sx, sy) = rotation.SourceOf(0, y);
            var row = y * width;
            for (var x = 0; x < width; x++, sx += stepX, sy += stepY)
            {
                var x0 = (int)Math.Floor(sx);
                var y0 = (int)Math.Floor(sy);
                if (x0 < 0 || y0 < 0 || x0 >= width - 1 || y0 >= height - 1)
                {
                    target[row + x] = paper;
                    continue;
                }

                var fx = sx - x0;
                var fy = sy - y0;
                var i = y0 * width + x0;
                var top = source[i] + (source[i + 1] - source[i]) * fx;
                var bottom = source[i + width] + (source[i + width + 1] - source[i + width]) * fx;
                target[row + x] = (byte)(top + (bottom - top) * fy + 0.5);
            }
        }

        return new GreyImage(width, height, target, page.Dpi);
    }

    /// <summary>Ink from paper on a sample of the page, whatever the scan's exposure.</summary>
    internal static int DarkThreshold(GreyImage page) => Binarization.InkThreshold(Binarization.Histogram(page, step: 7));

    private static byte PaperTone(GreyImage page)
    {
        var (tone, _) = Binarization.PaperTone(Binarization.Histogram(page, step: 7), from: 128);
        return (byte)(tone < 0 ? 255 : tone);
    }
}

/// <summary>
/// A page turned by <paramref name="degrees"/> about its centre (clockwise, image y pointing down), as
/// <see cref="Deskew.Rotate"/> turns it: maps each pixel of the turned page back to where it lies on the page before.
/// </summary>
public readonly struct PageRotation(double degrees, int width, int height)
{
    private readonly double cos = Math.Cos(degrees * Math.PI / 180);
    private readonly double sin = Math.Sin(degrees * Math.PI / 180);

    /// <summary>How far the source point moves for one pixel to the right on the turned page.</summary>
    public (double X, double Y) Step => (cos, -sin);

    public (double X, double Y) SourceOf(double x, double y)
    {
        var (dx, dy) = (x - width / 2.0, y - height / 2.0);
        return (dx * cos + dy * sin + width / 2.0, -dx * sin + dy * cos + height / 2.0);
    }
}
