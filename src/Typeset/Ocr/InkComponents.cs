namespace Typeset.Ocr;

/// <summary>A connected blob of ink (8-connected): its bounding box, its pixel count and its horizontal runs.</summary>
public readonly record struct InkComponent(int X, int Y, int Width, int Height, int Pixels, int Runs)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    /// <summary>Mean length of its horizontal runs of ink: about the stroke width for letters.</summary>
    public double MeanRun => Runs == 0 ? 0 : (double)Pixels / Runs;
}

/// <summary>
/// The connected components of a page's ink, found over runs of ink row by row (one union-find over runs, so a page of
/// millions of pixels costs a few hundred thousand steps). Pixels darker than the threshold are ink.
/// </summary>
public static class InkComponents
{
    public static List<InkComponent> Find(GreyImage page, int threshold)
    {
        var (width, height, pixels) = (page.Width, page.Height, page.Pixels);
        var parent = new List<int>(1 << 16);
        var startX = new List<int>(1 << 16);
        var endX = new List<int>(1 << 16);
        var rowOf = new List<int>(1 << 16);
        var previousFirst = 0;
        var previousCount = 0;
        for (var y = 0; y < height; y++)
        {
            var first = parent.Count;
            var line = pixels.AsSpan(y * width, width);
            var x = 0;
            var scan = previousFirst;
            while (x < width)
            {
                while (x < width && line[x] >= threshold)
                {
                    x++;
                }

                if (x >= width)
                {
                    break;
                }

                var start = x;
                while (x < width && line[x] < threshold)
                {
                    x++;
                }

                var run = parent.Count;
                parent.Add(run);
                startX.Add(start);
                endX.Add(x);
                rowOf.Add(y);

                // Runs of the row above touching this one (8-connected: diagonal neighbours count).
                while (scan < previousFirst + previousCount && endX[scan] < start)
                {
                    scan++;
                }

                for (var other = scan; other < previousFirst + previousCount && startX[other] <= x; other++)
                {
                    Union(parent, run, other);
                }
            }

            previousFirst = first;
            previousCount = parent.Count - first;
        }

        var index = new Dictionary<int, int>();
        var boxes = new List<(int MinX, int MinY, int MaxX, int MaxY, int Pixels, int Runs)>();
        for (var run = 0; run < parent.Count; run++)
        {
            var root = Find(parent, run);
            if (!index.TryGetValue(root, out var slot))
            {
                slot = boxes.Count;
                index[root] = slot;
                boxes.Add((int.MaxValue, int.MaxValue, -1, -1, 0, 0));
            }

            var b = boxes[slot];
            boxes[slot] = (Math.Min(b.MinX, startX[run]), Math.Min(b.MinY, rowOf[run]), Math.Max(b.MaxX, endX[run] - 1), Math.Max(b.MaxY, rowOf[run]),
                b.Pixels + endX[run] - startX[run], b.Runs + 1);
        }

        return boxes.Select(b => new InkComponent(b.MinX, b.MinY, b.MaxX - b.MinX + 1, b.MaxY - b.MinY + 1, b.Pixels, b.Runs)).ToList();
    }

    private static int Find(List<int> parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(List<int> parent, int a, int b)
    {
        var (ra, rb) = (Find(parent, a), Find(parent, b));
        if (ra != rb)
        {
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
