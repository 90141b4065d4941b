using System.Text.RegularExpressions;
using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

public enum ListMarkerKind
{
    /// <summary>A bullet (•, ▪, ●…), which Tesseract reads as <c>» © ® ¢ e о *</c> or not at all.</summary>
    Bullet,

    /// <summary>A dash before each item (<c>- марки KIA</c>, <c>– набор шин</c>).</summary>
    Dash,

    /// <summary>A number or letter with a dot or parenthesis (<c>1.</c>, <c>2)</c>, <c>1.1.</c>, <c>а)</c>, <c>IV.</c>).</summary>
    Number,
}

/// <summary>What a list item starts with: its kind, the marker as printed (normalised for bullets and dashes), and how many words it takes.</summary>
public sealed record ListMarker(ListMarkerKind Kind, string Text, int Words, int MarkerX, int TextX);

/// <summary>
/// Recognises list markers at the start of a line by geometry, not by the glyph Tesseract guessed: a bullet is a small
/// mark raised off the baseline or set apart from the text by a wide gap; a dash or a number stands first with text
/// after it. Dashes only make a list when several items in a row carry one and read like items (lower-case or ending
/// with ; or ,), so dialogue (<c>— Нет, — сказал он.</c>) stays prose.
/// </summary>
public static partial class ListMarkers
{
    /// <summary>Glyphs Tesseract makes of a bullet, besides real bullet characters.</summary>
    private const string BulletLike = "•·●▪■□◦○►▸»«©®¢°*+@eеоo";

    private const string Dashes = "-–—";

    public const string BulletText = "•";

    public const string DashText = "–";

    public static ListMarker? Of(RecognizedLine line, double lineHeight)
    {
        var words = line.Words;
        if (words.Count < 2)
        {
            return null;
        }

        var first = words[0];
        var text = first.Text;
        // Stray marks Tesseract adds after a bullet ("» = Оградить") belong to the marker.
        var skip = 1;
        while (skip < words.Count - 1 && words[skip].Text.Length == 1 && !char.IsLetterOrDigit(words[skip].Text[0]) && !"«\"„(".Contains(words[skip].Text[0]))
        {
            skip++;
        }

        var next = words[skip];
        var gap = next.Box.X - first.Box.Right;
        if (!char.IsLetterOrDigit(next.Text.FirstOrDefault(c => !"«\"„(".Contains(c))))
        {
            return null;
        }

        if (text.Length <= 2 && text.All(c => BulletLike.Contains(c) || (!char.IsLetterOrDigit(c) && !Dashes.Contains(c))))
        {
            // A speck of dirt before a line is no bullet: a printed one is a mark of some size (a fifth of the line at least).
            if (Math.Max(first.Box.Width, first.Box.Height) < lineHeight * 0.2)
            {
                return null;
            }

            // A bullet is a small mark, often raised off the baseline, set apart from its text (by a tab). A letter ("e",
            // "о") counts only when small and square and far from the text: a one-letter word may start a loose line.
            var small = first.Box.Height <= lineHeight * 0.45 && Math.Abs(first.Box.Width - first.Box.Height) <= first.Box.Height * 0.4;
            var raised = first.Box.Bottom <= line.Baseline - lineHeight * 0.12 && first.Box.Height <= lineHeight * 0.6;
            var letter = text.Any(char.IsLetter);
            if (letter ? small && gap >= lineHeight * 0.9 : raised || small || gap >= lineHeight * 0.45)
            {
                return new ListMarker(ListMarkerKind.Bullet, BulletText, skip, first.Box.X, next.Box.X);
            }

            return null;
        }

        next = words[1];

        if (text.Length == 1 && Dashes.Contains(text[0]))
        {
            return new ListMarker(ListMarkerKind.Dash, DashText, 1, first.Box.X, next.Box.X);
        }

        // A dash glued to the item's first word ("-марки"): Tesseract often leaves no space after a short dash.
        if (text.Length > 2 && Dashes.Contains(text[0]) && char.IsLetter(text[1]))
        {
            return new ListMarker(ListMarkerKind.Dash, DashText, 0, first.Box.X, first.Box.X);
        }

        if (NumberPattern().IsMatch(text))
        {
            return new ListMarker(ListMarkerKind.Number, text, 1, first.Box.X, next.Box.X);
        }

        return null;
    }

    /// <summary>Whether a run of dash-marked lines reads as a list: items in lower case or ending with ; or , (not dialogue).</summary>
    public static bool DashesMakeAList(IReadOnlyList<string> itemTexts) =>
        itemTexts.Count >= 2 &&
        itemTexts.Count(t => t.TrimStart(Dashes.ToCharArray()).TrimStart().FirstOrDefault() is var c && char.IsLower(c)
                             || t.TrimEnd().EndsWith(';') || t.TrimEnd().EndsWith(',')) * 2 > itemTexts.Count;

    [GeneratedRegex(@"^\(?(\d{1,3}(\.\d{1,3})*[.)]|[IVXLC]{1,5}[.)]|[а-еa-e]\))$")]
    private static partial Regex NumberPattern();
}
