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
