using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>
/// One recognised page: what Tesseract found on the straightened image (boxes are in its pixels), the straightening
/// angle and the quarter turns that stood it upright (to map boxes back to the scan), and the figures cropped from it.
/// </summary>
public sealed record OcrPage(int Number, string File, double DeskewAngle, int Dpi, RecognizedPage Recognized, IReadOnlyList<FigureCrop> Figures, int Orientation = 0,
    PreparationNote? Preparation = null, IReadOnlyList<PageStep>? Steps = null, IReadOnlyList<string>? Warnings = null);

/// <summary>One thing done to the page before or after recognition (a region not taken for a picture, a spread split…), for the sidecar.</summary>
public sealed record PageStep(string Step, string Detail, Box? Box = null);

/// <summary>What was measured on the page and decided before recognition, as the sidecar shows it.</summary>
public sealed record PreparationNote(int HeaderDpi, string DpiSource, double XHeight, double LinePitch, double StrokeWidth, int Contrast, double PaperNoise,
    double Scale, string Handover, string Reason)
{
    public static PreparationNote Of(PagePreparation p) => new(p.HeaderDpi, p.DpiSource, p.Measure.XHeight, p.Measure.LinePitch,
        Math.Round(p.Measure.StrokeWidth, 1), p.Measure.Contrast, Math.Round(p.Measure.PaperNoise, 1), p.Scale,
        HandoverName(p.Handover), p.Reason);

    public static string HandoverName(Handover handover) => handover switch
    {
        Typeset.Ocr.Handover.Binary => "black and white",
        Typeset.Ocr.Handover.GreySauvola => "grey, local threshold",
        Typeset.Ocr.Handover.AsScanned => "as scanned",
        _ => "grey",
    };
}

/// <summary>A picture region cropped to an image file; <see cref="ImagePath"/> is relative to the Markdown's folder.</summary>
public sealed record FigureCrop(Box Box, string ImagePath);

/// <summary>A running head or folio taken out of the text: logged as an edit so review shows it.</summary>
public sealed record DroppedLine(int Page, string Rule, string Text, Box Box, double Confidence, string Reason);
