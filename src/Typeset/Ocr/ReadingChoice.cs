using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>
/// Which of several readings of one page to keep. The handover measured from the page (<see cref="PagePreparation"/>)
/// is right on most pages, but on a phone photo of a form or a title page a threshold can cost letters that another
/// keeps, and no measure of contrast or noise told them apart on the real photos of bench/ocr (the dev split). So a
/// page whose first reading is doubtful is read again with the other thresholds — Tesseract's own on the page as
/// scanned (what the CLI does), its local Sauvola threshold on the evened page (Leptonica's pixSauvolaBinarizeTiled),
/// ours or grey — and the reading that Tesseract itself is surest of, letter by letter, is kept. A clean page (mean
/// word confidence at or above <see cref="DoubtfulConfidence"/>) is read once.
/// </summary>
public static class ReadingChoice
{
    /// <summary>Below this mean word confidence (weighted by length) a page is read again with the other thresholds.</summary>
    public const double DoubtfulConfidence = 90;

    /// <summary>Confidence (Tesseract's 0–100) at which a word counts neither for nor against a reading.</summary>
    private const double Neutral = 50;

    /// <summary>Another reading replaces the first only when it scores this many letters better, so noise does not flip it.</summary>
    private const double Margin = 3;

    public static bool IsDoubtful(RecognizedPage reading) => PageOrientation.MeanConfidence(reading) < DoubtfulConfidence;

    /// <summary>
    /// Confident letters minus doubtful ones: each word counts its length times (confidence − 50) / 50. A reading
    /// that recovers more text scores higher; one that turns rules and specks into low-confidence junk scores lower.
    /// </summary>
    public static double Score(RecognizedPage reading) =>
        reading.Blocks.SelectMany(b => b.Lines).SelectMany(l => l.Words).Sum(w => w.Text.Length * (w.Confidence - Neutral) / Neutral);

    /// <summary>The handovers to try after <paramref name="first"/>, in order.</summary>
    public static IReadOnlyList<Handover> Alternatives(Handover first) =>
        [.. new[] { Handover.AsScanned, Handover.GreySauvola, Handover.Grey, Handover.Binary }.Where(h => h != first)];

    /// <summary>Whether a reading scoring <paramref name="score"/> should replace the best so far.</summary>
    public static bool Beats(double score, double best) => score > best + Margin;
}
