using SkiaSharp;
using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>
/// Pages scanned sideways or upside down. Tesseract reads such a page as a few low-confidence scraps, so a page is
/// only questioned when its first reading looks like that: an upright page costs nothing more. A questioned page goes
/// to Tesseract's orientation detection; when that is sure of another orientation, the page is turned and read again,
/// and the better reading is kept.
/// </summary>
public static class PageOrientation
{
    /// <summary>Below this mean word confidence (weighted by length) a page with text on it is questioned.</summary>
    public const double QuestionableConfidence = 60;

    /// <summary>Orientation detection's confidence from which a turn is tried (Tesseract's own scale; OCRmyPDF's default).</summary>
    public const float SureOrientation = 2;

    /// <summary>Clockwise quarter turns that stand a page detected as <paramref name="found"/> upright.</summary>
    public static int QuarterTurnsToUpright(DetectedOrientation found) => (4 - found.Degrees / 90) % 4;

    /// <param name="hasText">Whether the page has letter-like ink at all (<see cref="PageMeasure.HasText"/>): a blank page has little to question.</param>
    public static bool IsQuestionable(RecognizedPage page, bool hasText) =>
        hasText && (MeanConfidence(page) < QuestionableConfidence || MostLinesStandUp(page));

    /// <summary>
    /// How well a reading of the page went, to choose between two: its mean word confidence, but nothing for a reading
    /// in standing lines (Tesseract reads a sideways page as vertical text, sometimes with high confidence, in the
    /// sideways page's frame).
    /// </summary>
    public static double Plausibility(RecognizedPage page) => MostLinesStandUp(page) ? 0 : MeanConfidence(page);

    /// <summary>Mean word confidence weighted by word length; 0 without words.</summary>
    public static double MeanConfidence(RecognizedPage page)
    {
        double weighted = 0, letters = 0;
        foreach (var word in page.Blocks.SelectMany(b => b.Lines).SelectMany(l => l.Words))
        {
            weighted += word.Confidence * word.Text.Length;
            letters += word.Text.Length;
        }

        return letters == 0 ? 0 : weighted / letters;
    }

    /// <summary>Tesseract may read a sideways page's lines as vertical text: lines taller than wide.</summary>
    private static bool MostLinesStandUp(RecognizedPage page)
    {
        var lines = page.Blocks.SelectMany(b => b.Lines).Where(l => l.Words.Sum(w => w.Text.Length) >= 4).ToList();
        return lines.Count > 0 && lines.Count(l => l.Box.Height > l.Box.Width) * 2 > lines.Count;
    }

    /// <summary>The page turned clockwise by <paramref name="quarterTurns"/> × 90°, pixel for pixel.</summary>
    public static GreyImage Turn(GreyImage page, int quarterTurns) => ExifOrientation.Upright(page, AsOrigin(quarterTurns));

    /// <summary>The same turn for a colour scan (figure crops are cut from it); a new bitmap unless no turn is asked.</summary>
    public static SKBitmap Turn(SKBitmap scan, int quarterTurns) => ExifOrientation.Upright(scan, AsOrigin(quarterTurns));

    /// <summary>A clockwise turn as the EXIF orientation that asks for it, so both share one pixel mapping.</summary>
    private static SKEncodedOrigin AsOrigin(int quarterTurns) => (((quarterTurns % 4) + 4) % 4) switch
    {
        1 => SKEncodedOrigin.RightTop,
        2 => SKEncodedOrigin.BottomRight,
        3 => SKEncodedOrigin.LeftBottom,
        _ => SKEncodedOrigin.TopLeft,
    };
}
