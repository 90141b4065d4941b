using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>
/// The blanks of a form (<c>Г-н/-жа ________, далее…</c>, <c>Подпись ______</c>): Tesseract finds their underlines as
/// horizontal rules and drops them from the text, so the line reads as if nothing were missing. A rule lying on a
/// text line's baseline with no word over it becomes a word <c>____</c> at its place; a rule under words (an
/// underlined heading or running head, a filled-in blank) adds nothing.
/// </summary>
public static class Blanks
{
    public const string Blank = "____";

    public static OcrPage Insert(OcrPage page)
    {
        var lines = page.Recognized.Blocks.SelectMany(b => b.Lines).ToList();
        if (lines.Count == 0)
        {
            return page;
        }

        var lineHeight = PageLayout.Percentile(lines.Select(l => (double)l.Box.Height), 0.5);
        var rules = page.Recognized.Blocks.Where(b => b.Kind == BlockKind.HorizontalLine && b.Box.Height <= lineHeight * 0.6 && b.Box.Width >= lineHeight * 1.5).ToList();
        if (rules.Count == 0)
        {
            return page;
        }

        var added = new Dictionary<RecognizedLine, List<RecognizedWord>>(ReferenceEqualityComparer.Instance);
        foreach (var rule in rules)
        {
            var middle = rule.Box.Y + rule.Box.Height / 2.0;
            var line = lines
                .Where(l => middle >= l.Box.Y + l.Box.Height * 0.4 && middle <= l.Baseline + lineHeight * 0.5)
                .Where(l => rule.Box.X <= l.Box.Right + lineHeight * 30 && rule.Box.Right >= l.Box.X - lineHeight * 30)
                .OrderBy(l => Math.Abs(l.Baseline - middle))
                .FirstOrDefault();
            if (line is null)
            {
                continue;
            }

            // A rule passing under words underlines them (a heading, a running head, a filled-in blank): no blank.
            if (line.Words.Any(w => w.Box.Right > rule.Box.X + lineHeight * 0.3 && w.Box.X < rule.Box.Right - lineHeight * 0.3))
            {
                continue;
            }

            (added.TryGetValue(line, out var list) ? list : added[line] = [])
                .Add(new RecognizedWord(Blank, 100, rule.Box, false, false, 0, null));
        }

        if (added.Count == 0)
        {
            return page;
        }

        var blocks = page.Recognized.Blocks.Select(block => block with
        {
            Lines = block.Lines.Select(line => added.TryGetValue(line, out var blanks)
                ? line with { Box = PageLayout.Union([line.Box, .. blanks.Select(b => b.Box)]), Words = [.. line.Words.Concat(blanks).OrderBy(w => w.Box.X)] }
                : line).ToList(),
        }).ToList();
        return page with { Recognized = page.Recognized with { Blocks = blocks } };
    }
}
