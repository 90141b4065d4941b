using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>Maps what Tesseract found on an enlarged page back to the page's own pixels.</summary>
public static class RecognizedScaling
{
    public static RecognizedPage Shrunk(this RecognizedPage page, double factor, int width, int height)
    {
        if (factor == 1)
        {
            return page;
        }

        Box Map(Box b)
        {
            var x = (int)Math.Floor(b.X / factor);
            var y = (int)Math.Floor(b.Y / factor);
            return new Box(x, y, Math.Max(1, (int)Math.Ceiling(b.Right / factor) - x), Math.Max(1, (int)Math.Ceiling(b.Bottom / factor) - y));
        }

        return new RecognizedPage(width, height, page.Blocks.Select(block => block with
        {
            Box = Map(block.Box),
            Lines = block.Lines.Select(line => line with
            {
                Box = Map(line.Box),
                Baseline = (int)Math.Round(line.Baseline / factor),
                Words = line.Words.Select(word => word with
                {
                    Box = Map(word.Box),
                    PointSize = word.PointSize,
                    Symbols = word.Symbols?.Select(symbol => symbol with { Box = Map(symbol.Box) }).ToList(),
                }).ToList(),
            }).ToList(),
        }).ToList());
    }

    /// <summary>The page's boxes moved by (<paramref name="dx"/>, <paramref name="dy"/>): a region's reading placed on its page.</summary>
    public static RecognizedPage Shifted(this RecognizedPage page, int dx, int dy)
    {
        Box Move(Box b) => b with { X = b.X + dx, Y = b.Y + dy };
        return page with
        {
            Blocks = page.Blocks.Select(block => block with
            {
                Box = Move(block.Box),
                Lines = block.Lines.Select(line => line with
                {
                    Box = Move(line.Box),
                    Baseline = line.Baseline + dy,
                    Words = line.Words.Select(word => word with
                    {
                        Box = Move(word.Box),
                        Symbols = word.Symbols?.Select(symbol => symbol with { Box = Move(symbol.Box) }).ToList(),
                    }).ToList(),
                }).ToList(),
            }).ToList(),
        };
    }
}
