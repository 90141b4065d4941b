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
/// (nearly) blank noisy paper Otsu splits the noise in two and the page becomes speckle.
/// </summary>
public static class Binarization
{
    /// <summary>Pixels this many noise deviations darker than the paper are surely ink, not grain of the paper.</summary>
    private const double PaperNoiseDeviations = 5;

    public static BinaryImage Binarize(GreyImage page)
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
