using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>Whether a region Tesseract's layout analysis calls a picture is one, and why.</summary>
public sealed record PictureVerdict(bool IsPicture, string Reason);

/// <summary>
/// Tells pictures (photographs, drawings, maps) from what Tesseract's layout analysis also calls "image" on real pages:
/// tables, forms, stamps, signatures, whole pages of text. Judged on the region's pixels: a picture has continuous tone
/// (grey between ink and paper over much of it) or large marks that are neither letters nor rules; a table or a form is
/// letters and thin rules on paper. Text Tesseract read inside the region counts against it.
/// </summary>
public static class PictureRegions
{
    /// <param name="region">The region cut from the page as recognised (lighting evened out).</param>
    /// <param name="page">The page's measure: its paper and ink tones, x-height and stroke width.</param>
    /// <param name="threshold">The page's ink threshold.</param>
    /// <param name="textCover">Share of the region's area covered by words Tesseract read in text blocks.</param>
    public static PictureVerdict Judge(GreyImage region, PageMeasure page, int threshold, double textCover)
    {
        if (textCover >= 0.2)
        {
            return new(false, $"text covers {textCover:P0} of it");
        }

        var contrast = Math.Max(40, page.Contrast);
        var paperEdge = page.PaperTone - contrast * 0.25;
        var (midLow, midHigh) = (page.InkTone + contrast * 0.3, page.PaperTone - contrast * 0.3);
        long notPaper = 0, mid = 0;
        foreach (var p in region.Pixels)
        {
            notPaper += p < paperEdge ? 1 : 0;
            mid += p > midLow && p < midHigh ? 1 : 0;
        }

        var area = (double)region.Pixels.Length;
        var (notPaperShare, midShare) = (notPaper / area, mid / area);

        var xHeight = page.XHeight > 0 ? page.XHeight : 12;
        var stroke = page.StrokeWidth > 0 ? page.StrokeWidth : 2;
        long letters = 0, rules = 0, blobs = 0, blobBoxes = 0;
        foreach (var c in InkComponents.Find(region, threshold))
        {
            var fill = (double)c.Pixels / ((double)c.Width * c.Height);
            var longSide = Math.Max(c.Width, c.Height);
            var shortSide = Math.Min(c.Width, c.Height);
            if (c.Height <= xHeight * 3.5 && c.Width <= xHeight * 5)
            {
                letters += c.Pixels;
            }
            else if (longSide >= xHeight * 4 && (shortSide <= Math.Max(3, stroke * 2.5) || fill < 0.08 || c.MeanRun <= stroke * 1.6 && fill < 0.2))
            {
                // Rules, frames and grids of a table or form, handwriting and signatures: thin strokes over a large box.
                rules += c.Pixels;
            }
            else
            {
                blobs += c.Pixels;
                blobBoxes += (long)c.Width * c.Height;
            }
        }

        var ink = Math.Max(1, letters + rules + blobs);
        var describe = $"tone {midShare:P0}, marks {notPaperShare:P0} of it: letters {letters / (double)ink:P0}, rules and strokes {rules / (double)ink:P0}, shapes {blobs / (double)ink:P0}";
        if (letters >= ink * 0.5 && midShare < 0.3)
        {
            return new(false, "mostly letters: " + describe);
        }

        if (midShare >= 0.12 && notPaperShare >= 0.25)
        {
            return new(true, "continuous tone: " + describe);
        }

        if (blobs >= ink * 0.5 && notPaperShare >= 0.06 && blobBoxes >= area * 0.3)
        {
            return new(true, "large shapes: " + describe);
        }

        return new(false, "letters and rules: " + describe);
    }

    /// <summary>Cells (pixels a side) in which <see cref="BeyondThePage"/> looks at the region.</summary>
    private const int Cell = 8;

    /// <summary>
    /// Whether the region is the background a phone photo shows around the page (a table, a tablecloth, a hand) with
    /// blank paper beside it, not a picture: its marks all hang together with the image's edge it touches, and the
    /// paper left when they are taken away has nothing on it. Judged in cells of <see cref="Cell"/> pixels, a cell being
    /// dark when a fifth of its pixels are not paper, so a textured cloth with light threads still hangs together. A
    /// picture printed on the page stands apart from the image's edge, or fills its region with no blank paper left.
    /// </summary>
    /// <param name="touching">Which of the region's sides lie on the image's edge (left, top, right, bottom).</param>
    public static bool BeyondThePage(GreyImage region, PageMeasure page, (bool Left, bool Top, bool Right, bool Bottom) touching)
    {
        if (!(touching.Left || touching.Top || touching.Right || touching.Bottom))
        {
            return false;
        }

        var paperEdge = page.PaperTone - Math.Max(40, page.Contrast) * 0.25;
        var (columns, rows) = ((region.Width + Cell - 1) / Cell, (region.Height + Cell - 1) / Cell);
        var dark = new bool[rows, columns];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                int marks = 0, all = 0;
                for (var y = row * Cell; y < Math.Min(region.Height, (row + 1) * Cell); y++)
                {
                    for (var x = column * Cell; x < Math.Min(region.Width, (column + 1) * Cell); x++)
                    {
                        marks += region.Pixels[y * region.Width + x] < paperEdge ? 1 : 0;
                        all++;
                    }
                }

                dark[row, column] = marks * 5 >= all;
            }
        }

        // The background: dark cells reached from the touching sides through dark cells.
        var reached = new bool[rows, columns];
        var queue = new Queue<(int Row, int Column)>();
        void Seed(int row, int column)
        {
            if (dark[row, column] && !reached[row, column])
            {
                reached[row, column] = true;
                queue.Enqueue((row, column));
            }
        }

        for (var row = 0; row < rows; row++)
        {
            if (touching.Left) Seed(row, 0);
            if (touching.Right) Seed(row, columns - 1);
        }

        for (var column = 0; column < columns; column++)
        {
            if (touching.Top) Seed(0, column);
            if (touching.Bottom) Seed(rows - 1, column);
        }

        while (queue.TryDequeue(out var at))
        {
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    var (r, c) = (at.Row + dy, at.Column + dx);
                    if (r >= 0 && c >= 0 && r < rows && c < columns)
                    {
                        Seed(r, c);
                    }
                }
            }
        }

        int background = 0, elsewhere = 0;
        foreach (var (isDark, isReached) in dark.Cast<bool>().Zip(reached.Cast<bool>()))
        {
            background += isReached ? 1 : 0;
            elsewhere += isDark && !isReached ? 1 : 0;
        }

        var cells = rows * columns;
        var paper = cells - background;
        return background > 0 && paper >= cells * 0.3 && elsewhere <= paper * 0.02;
    }

    /// <summary>Share of <paramref name="box"/>'s area covered by words of the page's text blocks (confident ones).</summary>
    public static double TextCover(RecognizedPage page, Box box)
    {
        double covered = 0;
        foreach (var word in page.Blocks.Where(b => !b.IsImage).SelectMany(b => b.Lines).SelectMany(l => l.Words).Where(w => w.Confidence >= 50))
        {
            var width = Math.Min(word.Box.Right, box.Right) - Math.Max(word.Box.X, box.X);
            var height = Math.Min(word.Box.Bottom, box.Bottom) - Math.Max(word.Box.Y, box.Y);
            covered += width > 0 && height > 0 ? (double)width * height : 0;
        }

        return covered / Math.Max(1.0, (double)box.Width * box.Height);
    }
}
