using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>
/// Which of several readings of one page to keep. The handover measured from the page (<see cref="PagePreparation"/>)
/// is right on most pages, but on a phone photo of a form or a title page a threshold can cost letters that another
/// keeps, and no measure of contrast or noise told them apart on the real photos of bench/ocr (the dev split). So a
/// page whose first reading is doubtful is read again with the other thresholds — Tesseract's own on the page as
/// scanned (what the CLI does) and its local Sauvola threshold on the evened page (Leptonica's
/// pixSauvolaBinarizeTiled) — and the reading that Tesseract itself is clearly surest of, letter by letter, is kept. A clean page (mean
/// word confidence at or above <see cref="DoubtfulConfidence"/>) is read once.
/// </summary>
public static class ReadingChoice
{
    /// <summary>Below this mean word confidence (weighted by length) a page is read again with the other thresholds.</summary>
    public const double DoubtfulConfidence = 90;

    /// <summary>Confidence (Tesseract's 0–100) at which a word counts neither for nor against a reading.</summary>
    private const double Neutral = 50;

    /// <summary>
    /// Another reading replaces the first only when it scores this share better (and at least <see cref="Margin"/>
    /// letters): on the dev split, closer calls went either way on the dictionary measure.
    /// </summary>
    private const double RelativeMargin = 0.05;

    private const double Margin = 3;

    public static bool IsDoubtful(RecognizedPage reading) => PageOrientation.MeanConfidence(reading) < DoubtfulConfidence;

    /// <summary>
    /// Confident letters minus doubtful ones: each word counts its length times (confidence − 50) / 50. A reading
    /// that recovers more text scores higher; one that turns rules and specks into low-confidence junk scores lower.
    /// </summary>
    public static double Score(RecognizedPage reading) =>
        reading.Blocks.SelectMany(b => b.Lines).SelectMany(l => l.Words).Sum(w => w.Text.Length * (w.Confidence - Neutral) / Neutral);

    /// <summary>
    /// The handovers to try after <paramref name="first"/>: the page as scanned (only when its lighting was evened out:
    /// otherwise it is the grey page again) and Tesseract's Sauvola threshold. Our black and white is never a second
    /// opinion: on the doubtful photos of the dev split it won once, by a hair, and lost letters there.
    /// </summary>
    public static IReadOnlyList<Handover> Alternatives(Handover first, bool lightingEvened) =>
        [.. new[] { Handover.AsScanned, Handover.GreySauvola }.Where(h => h != first && (h != Handover.AsScanned || lightingEvened))];

    /// <summary>Whether a reading scoring <paramref name="score"/> should replace the best so far.</summary>
    public static bool Beats(double score, double best) => score > best + Math.Max(Margin, Math.Abs(best) * RelativeMargin);
}
