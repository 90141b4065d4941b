using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>
/// What an editor should know about a page that was read but may have been read badly or not be a page at all: nothing
/// to read on it, a reading of low confidence (blur, tiny type, a photo of a screen), a strip far from a page's shape,
/// an EXIF orientation the text contradicted. Said once per page, in the run's warnings and in the sidecar.
/// </summary>
public static class PageWarnings
{
    /// <summary>Below this mean word confidence a page's reading is doubtful.</summary>
    public const double LowConfidence = 50;

    /// <summary>Pages longer than this many times their width (or wider than long) are no page of a book.</summary>
    public const double StripAspect = 3;

    public static IReadOnlyList<string> Of(GreyImage decoded, RecognizedPage recognized, int figures, bool exifTurned, int quarterTurns)
    {
        var warnings = new List<string>();
        var words = recognized.Blocks.SelectMany(b => b.Lines).SelectMany(l => l.Words).Where(w => w.Text.Any(char.IsLetterOrDigit)).ToList();
        if (words.Count == 0)
        {
            warnings.Add(figures > 0 ? "no text on the page: kept as a picture"
                : MeanGrey(decoded) < 40 ? "the page is nearly all black: nothing to read"
                : "no text found (a blank page, or one too faint, blurred or small to read)");
        }
        else if (words.Count >= 5 && PageOrientation.MeanConfidence(recognized) < LowConfidence)
        {
            warnings.Add($"read with low confidence (mean word confidence {PageOrientation.MeanConfidence(recognized):0}): blurred, very small type, or a photo of a screen? check the scan");
        }

        var aspect = Math.Max(decoded.Width, decoded.Height) / (double)Math.Max(1, Math.Min(decoded.Width, decoded.Height));
        if (aspect > StripAspect)
        {
            warnings.Add($"{decoded.Width}×{decoded.Height} pixels: a panorama or a strip, not one page? read as it is");
        }

        if (exifTurned && quarterTurns != 0)
        {
            warnings.Add($"its EXIF orientation turned it one way, its text another: turned {quarterTurns * 90}° more to read it");
        }

        return warnings;
    }

    private static double MeanGrey(GreyImage page)
    {
        long sum = 0;
        var count = 0;
        for (var i = 0; i < page.Pixels.Length; i += 17)
        {
            sum += page.Pixels[i];
            count++;
        }

        return count == 0 ? 255 : sum / (double)count;
    }
}
