using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>
/// Specks of dirt that Tesseract reads as a mark of their own (a 3×3-pixel dot becomes "|" or "'"): a "word" made only
/// of marks that never stand alone in prose, and far smaller than the page's letters, is no text. It is left out of the
/// page before layout, so neither the Markdown nor the sidecar has it. A bar as tall as a letter (often a misread "1")
/// is text and stays.
/// </summary>
public static class Specks
{
    /// <summary>Marks that prose never sets as a word of their own.</summary>
    private const string LoneMarks = "|¦‖`'‘’·•_~^";

    /// <summary>A speck is at most this share of the page's median letter height, in width and in height.</summary>
    private const double SpeckSize = 0.3;

    public static bool IsSpeck(RecognizedWord word, double letterHeight) =>
        word.Text.Length > 0 && word.Text.All(c => LoneMarks.Contains(c))
        && word.Box.Height <= letterHeight * SpeckSize && word.Box.Width <= letterHeight * SpeckSize;

    /// <summary>The page without its specks (lines left empty by them go too); the page itself when it has none.</summary>
    public static OcrPage Without(OcrPage page)
    {
        var heights = page.Recognized.Blocks.SelectMany(b => b.Lines).SelectMany(l => l.Words)
            .Where(w => w.Text.Any(char.IsLetterOrDigit)).Select(w => w.Box.Height).Order().ToList();
        if (heights.Count == 0)
        {
            return page;
        }

        var letterHeight = heights[heights.Count / 2];
        if (!page.Recognized.Blocks.SelectMany(b => b.Lines).SelectMany(l => l.Words).Any(w => IsSpeck(w, letterHeight)))
        {
            return page;
        }

        var blocks = new List<RecognizedBlock>();
        foreach (var block in page.Recognized.Blocks)
        {
            var lines = block.Lines.Select(l => l with { Words = l.Words.Where(w => !IsSpeck(w, letterHeight)).ToList() }).Where(l => l.Words.Count > 0).ToList();
            if (lines.Count > 0 || block.Lines.Count == 0)
            {
                blocks.Add(block with { Lines = lines });
            }
        }

        return page with { Recognized = page.Recognized with { Blocks = blocks } };
    }
}
