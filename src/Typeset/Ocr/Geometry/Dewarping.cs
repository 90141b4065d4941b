using Typeset.Interop.Leptonica;

namespace Typeset.Ocr.Geometry;

/// <summary>
/// A page whose text lines curve (a book photographed open, its pages bending towards the spine) straightened with
/// leptonica's dewarping. The cheap check comes first: only a page whose lines are not all parallel — a bend of
/// <see cref="MinBend"/> or more across a band (<see cref="LineBend"/>) — is modelled at all; then the page is dewarped
/// only when leptonica built a valid model (fifteen long lines at least, its curvature limits) and the model's most
/// curved line sags by more than the type's size, so a form, a table or a flat page changes nothing.
/// </summary>
public static class Dewarping
{
    public const string Step = "dewarp";

    /// <summary>
    /// Below this bend (degrees across a band of the page) leptonica is not asked: a clean scan's lines run parallel
    /// (0 to 0.45° on the flatbed pages of bench/ocr, 0 on rendered pages). The measure is noisy on phone photos (up to
    /// 6° where a stamp or a table sits among the text), so most photos are modelled, and leptonica's curvature decides.
    /// </summary>
    public const double MinBend = 0.6;

    /// <summary>The page dewarped, or itself; the reason says what was measured, also when the page was left as it was (null when it was flat).</summary>
    public static (GreyImage Image, bool Dewarped, string? Reason) Apply(GreyImage page)
    {
        if (LineBend.Measure(page) is not { Degrees: >= MinBend } before)
        {
            return (page, false, null);
        }

        using var pix = Pix.FromGrey(page.Pixels, page.Width, page.Height, page.Dpi);
        using var dewarped = PageDewarp.Apply(pix, out var model);
        var bent = $"text lines bent {before.Degrees:0.#}° across the page (cell angles {before.Cells})";
        if (dewarped is null || model is null)
        {
            return (page, false, $"{bent}; leptonica found no valid model{(model is { } m ? $" ({m.Lines} lines)" : string.Empty)}: left as it was");
        }

        var sag = model.Sag(page.Width);
        var fitted = $"leptonica's model: {model.Lines} lines, curvature {model.MinCurvature} to {model.MaxCurvature}, the most curved line's sag {sag:0.#} px over the page's width{(model.Horizontal ? ", line ends straightened too" : string.Empty)}";
        if (sag < MinSag(page))
        {
            return (page, false, $"{bent}; {fitted}: straight enough, left as it was");
        }

        var (pixels, width, height) = dewarped.ToGrey();
        return (SameSize(new GreyImage(width, height, pixels, page.Dpi), page.Width, page.Height), true, $"{bent}; {fitted}: dewarped");
    }

    /// <summary>
    /// A sag under this (pixels) is left alone: one percent of the page's width. Leptonica's curved book photos sag 3 to
    /// 3.5 % and a flat page bent towards its spine 1.5 %, while a flat but skewed scan of the sample book got a model
    /// sagging 0.64 % whose dewarping made its reading worse (1903 read 1905, Хунань read Xy-нань); flatbed pages that
    /// get a model at all stay under 4 px on 2,550.
    /// </summary>
    private static double MinSag(GreyImage page) => page.Width / 100.0;

    /// <summary>The image cut or padded with white to the page's size, so every box stays in the page's frame.</summary>
    private static GreyImage SameSize(GreyImage image, int width, int height)
    {
        if (image.Width == width && image.Height == height)
        {
            return image;
        }

        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        var copy = Math.Min(width, image.Width);
        for (var y = 0; y < Math.Min(height, image.Height); y++)
        {
            image.Pixels.AsSpan(y * image.Width, copy).CopyTo(pixels.AsSpan(y * width));
        }

        return new GreyImage(width, height, pixels, image.Dpi);
    }
}
