using Typeset.Interop.Tesseract;

namespace Typeset.Ocr.Geometry;

/// <summary>One page found in a capture: its pixels, where it lies in the capture, and what was done to find it.</summary>
/// <param name="Region">The page's box in the decoded capture's pixels.</param>
/// <param name="Side">"left" or "right" for a page of a split spread; null for a capture that is one page.</param>
public sealed record CapturedPage(GreyImage Image, Box Region, string? Side, IReadOnlyList<PageStep> Steps)
{
    public bool IsWholeCapture(GreyImage capture) => Region == new Box(0, 0, capture.Width, capture.Height);

    /// <summary>The page's pixels were moved (dewarped): they are no longer the capture's own at the same places.</summary>
    public bool Resampled => Steps.Any(s => s.Step == Dewarping.Step);
}

/// <summary>
/// The pages of a capture, before anything else looks at them: the dark border around the page cut off, a two-page
/// spread split at its gutter (left page first), each page's own border cut again (the spine's shadow, the edge of
/// the book), the dark wedges a page askew leaves at the edges painted in the paper's tone, and text lines that curve
/// towards the spine straightened (<see cref="Dewarping"/>). Each step is logged with its box in the capture's pixels.
/// </summary>
public static class CaptureGeometry
{
    public static IReadOnlyList<CapturedPage> Pages(GreyImage capture)
    {
        var steps = new List<PageStep>();
        var region = CutBorder(capture, new Box(0, 0, capture.Width, capture.Height), steps);
        var page = region == new Box(0, 0, capture.Width, capture.Height) ? capture : capture.Crop(region.X, region.Y, region.Width, region.Height);
        var (gutter, reason) = Spread.FindGutter(page);
        if (gutter is not { } split)
        {
            return [Dewarped(Painted(new CapturedPage(page, region, null, steps)))];
        }

        var (left, right) = Spread.Halves(page, split);
        steps.Add(new PageStep("spread-split", reason, new Box(region.X + split, region.Y, 0, region.Height)));
        return [Part(capture, Shift(left, region), "left", steps), Part(capture, Shift(right, region), "right", steps)];
    }

    private static CapturedPage Part(GreyImage capture, Box half, string side, List<PageStep> before)
    {
        var steps = new List<PageStep>(before);
        var region = CutBorder(capture, half, steps);
        return Dewarped(Painted(new CapturedPage(capture.Crop(region.X, region.Y, region.Width, region.Height), region, side, steps)));
    }

    /// <summary>The page with curved text lines straightened, or as it was; a curved page left as it was is logged too, with why.</summary>
    private static CapturedPage Dewarped(CapturedPage page)
    {
        var (image, dewarped, reason) = Dewarping.Apply(page.Image);
        return reason is null ? page
            : page with { Image = image, Steps = [.. page.Steps, new PageStep(dewarped ? Dewarping.Step : "dewarp-skipped", reason, page.Region)] };
    }

    /// <summary>The page with the dark background left at its edges (a page askew on a table) painted over, the step logged.</summary>
    private static CapturedPage Painted(CapturedPage page)
    {
        var (image, painted, reason) = PageBorder.PaintBackground(page.Image);
        return painted is { } box
            ? page with { Image = image, Steps = [.. page.Steps, new PageStep("background-painted", reason!, Shift(box, page.Region))] }
            : page;
    }

    /// <summary>The page inside <paramref name="within"/> (capture pixels) with its dark border cut, the cut logged.</summary>
    private static Box CutBorder(GreyImage capture, Box within, List<PageStep> steps)
    {
        var whole = within == new Box(0, 0, capture.Width, capture.Height);
        var image = whole ? capture : capture.Crop(within.X, within.Y, within.Width, within.Height);
        var (found, reason) = PageBorder.Find(image);
        if (reason is null)
        {
            return within;
        }

        var region = Shift(found, within);
        steps.Add(new PageStep("border-crop", reason, region));
        return region;
    }

    private static Box Shift(Box box, Box by) => box with { X = box.X + by.X, Y = box.Y + by.Y };
}
