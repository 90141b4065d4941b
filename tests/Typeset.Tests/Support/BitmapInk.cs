using SkiaSharp;

namespace Typeset.Tests.Support;

/// <summary>How much of a rendered area is ink: sampled every other pixel both ways.</summary>
public static class BitmapInk
{
    /// <summary>Sampled pixels in <paramref name="area"/> whose R+G+B sum is under <paramref name="darkerThan"/>.</summary>
    public static int Count(SKBitmap bitmap, SKRectI area, int darkerThan)
    {
        var count = 0;
        for (var y = area.Top; y < area.Bottom; y += 2)
        {
            for (var x = area.Left; x < area.Right; x += 2)
            {
                var pixel = bitmap.GetPixel(x, y);
                count += pixel.Red + pixel.Green + pixel.Blue < darkerThan ? 1 : 0;
            }
        }

        return count;
    }
}
