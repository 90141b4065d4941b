using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>
/// How the page goes to Tesseract: as black and white thresholded by us, or in grey (Tesseract thresholds it for layout
/// and reads the letters in grey) with Tesseract's global Otsu or its local Sauvola threshold, or the page as scanned
/// (lighting not evened out, Tesseract's own Otsu: what the tesseract CLI does).
/// </summary>
public enum Handover
{
    Binary,
    Grey,
    GreySauvola,
    AsScanned,
}

/// <summary>
/// A page made ready for recognition, and why: its lighting evened out, its resolution decided from the size of its
/// type (the file's header is believed only when the two agree), a scale for pages whose type is too small for
/// Tesseract's layout analysis, and the form in which Tesseract gets it.
/// </summary>
/// <param name="Page">The decoded page with its lighting evened out, at the decided resolution (not yet scaled).</param>
/// <param name="HeaderDpi">The resolution the file claims (0 when none or implausible).</param>
/// <param name="DpiSource">Where <see cref="GreyImage.Dpi"/> of <see cref="Page"/> comes from: "option", "header", "type size" or "fallback".</param>
/// <param name="Scale">Factor the page is enlarged by before recognition (1: as it is); boxes are mapped back.</param>
/// <param name="Threshold">The page's ink threshold (grey levels below it are ink).</param>
/// <param name="Scanned">The decoded page as it came (lighting not evened out), at the decided resolution.</param>
public sealed record PagePreparation(GreyImage Page, PageMeasure Measure, int Threshold, int HeaderDpi, string DpiSource, double Scale, Handover Handover, string Reason,
    GreyImage? Scanned = null)
{
    /// <summary>Header and type size agree when within this factor of each other.</summary>
    public const double Agreement = 1.5;

    /// <summary>
    /// Below this x-height (pixels) Tesseract's layout analysis takes letters for specks and pictures: such pages are
    /// enlarged to <see cref="TargetXHeight"/>. Measured on the real phone photos of bench/ocr (run-real.sh dev).
    /// </summary>
    public const double MinimumXHeight = 10;

    public const double TargetXHeight = 20;

    /// <summary>No page is enlarged by more than this, nor beyond the pixel limit.</summary>
    public const double MaximumScale = 4;

    public static PagePreparation Prepare(GreyImage decoded, int? forcedDpi, long pixelLimit)
    {
        var header = decoded.Dpi;
        // Before the resolution is known, lighting tiles are a fiftieth of the page's width: a sixth of an inch on a page
        // eight inches wide, whatever the pixel count.
        var evened = Binarization.EvenLighting(decoded, header > 0 ? header / 6 : decoded.Width / 50);
        var threshold = Binarization.InkThreshold(Binarization.Histogram(evened, step: 3));
        var measure = PageMeasure.Of(evened, threshold);
        var implied = measure.ImpliedDpi;

        var (dpi, source) = forcedDpi is { } forced ? (forced, "option")
            : header > 0 && (implied == 0 || Agree(header, implied)) ? (header, "header")
            : implied > 0 ? (Math.Clamp(implied, 50, 2400), "type size")
            : (OcrSettings.FallbackDpi, "fallback");

        var scale = 1.0;
        if (measure.HasText && measure.XHeight < MinimumXHeight)
        {
            var limit = Math.Sqrt(pixelLimit / ((double)decoded.Width * decoded.Height));
            scale = Math.Max(1, Math.Min(Math.Min(MaximumScale, limit), TargetXHeight / measure.XHeight));
        }

        var (handover, reason) = ChooseHandover(measure, scale);
        return new PagePreparation(evened.WithDpi(dpi), measure, threshold, header, source, Math.Round(scale, 2), handover, reason, decoded.WithDpi(dpi));
    }

    private static bool Agree(int header, int implied) => implied / (double)header is > 1 / Agreement and < Agreement;

    /// <summary>
    /// Black and white only where thresholding loses nothing: type large enough, strokes several pixels wide, near-black
    /// ink on clean paper. Tesseract's recogniser reads the letters from the grey image when it has one, and on real scans
    /// with grey ink (toner, a photo's softness) the anti-aliased edges carry the shapes: there the page goes in grey.
    /// </summary>
    internal static (Handover, string) ChooseHandover(PageMeasure measure, double scale)
    {
        if (!measure.HasText)
        {
            return (Handover.Grey, "too little text to measure");
        }

        if (scale > 1)
        {
            return (Handover.Grey, $"small type (x-height {measure.XHeight:0.#} px), enlarged ×{scale:0.##}");
        }

        if (measure.XHeight < 18 || measure.StrokeWidth < 4)
        {
            return (Handover.Grey, $"thin or small letters (x-height {measure.XHeight:0.#} px, stroke {measure.StrokeWidth:0.#} px)");
        }

        if (measure.Contrast < 150 || measure.PaperNoise > 10)
        {
            return (Handover.Grey, $"grey ink or noisy paper (contrast {measure.Contrast}, noise {measure.PaperNoise:0.#})");
        }

        return (Handover.Binary, $"black type on clean paper (x-height {measure.XHeight:0.#} px, contrast {measure.Contrast})");
    }
}
