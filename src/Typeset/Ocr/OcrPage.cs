using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>
/// One recognised page: what Tesseract found on the straightened image (boxes are in its pixels), the straightening
/// angle and the quarter turns that stood it upright (to map boxes back to the scan), and the figures cropped from it.
/// </summary>
public sealed record OcrPage(int Number, string File, double DeskewAngle, int Dpi, RecognizedPage Recognized, IReadOnlyList<FigureCrop> Figures, int Orientation = 0);

/// <summary>A picture region cropped to an image file; <see cref="ImagePath"/> is relative to the Markdown's folder.</summary>
public sealed record FigureCrop(Box Box, string ImagePath);

/// <summary>A running head or folio taken out of the text: logged as an edit so review shows it.</summary>
public sealed record DroppedLine(int Page, string Rule, string Text, Box Box, double Confidence, string Reason);
