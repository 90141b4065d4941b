using System.Text.RegularExpressions;

namespace Typeset.Cleanup.Spelling;

/// <summary>
/// Evidence from the page around a word that a correction is a guess, whatever the word itself looks like. Phone photos
/// of forms are read into garbage where the capture is poor (обезатслькх в ириивном случм) and into pieces of words
/// where a table head hyphenates inside narrow cells or OCR splits a word (Сум ма, Нало говая): the nearest dictionary
/// word to such a piece is another word (ма → на), and on a page where many plain words are no words, the neighbours
/// that would confirm a reading are noise too. Such corrections are left to the editor.
/// </summary>
public sealed partial class PhotoEvidence
{
    /// <summary>Under this share of dictionary words among a page's plain lower-case words, the reading is too poor to correct alone.</summary>
    public const double PoorPageShare = 0.8;

    /// <summary>Fewer plain words than this on a page say nothing about its reading.</summary>
    public const int MinimumPageWords = 20;

    public static readonly PhotoEvidence None = new([]);

    private readonly Dictionary<int, (int Known, int Total)> pages;

    private PhotoEvidence(Dictionary<int, (int Known, int Total)> pages) => this.pages = pages;

    /// <summary>
    /// Counts, page by page, the plain lower-case Cyrillic words of three letters or more (no names, codes, numbers or
    /// hyphenated parts) and how many of them <paramref name="isWord"/> knows. A book without page markers is one page.
    /// </summary>
    public static PhotoEvidence Measure(IEnumerable<(int? Page, string Text)> parts, Func<string, bool> isWord)
    {
        var pages = new Dictionary<int, (int Known, int Total)>();
        foreach (var (page, text) in parts)
        {
            var key = page ?? -1;
            var (known, total) = pages.GetValueOrDefault(key);
            foreach (Match match in PlainWord().Matches(text))
            {
                total++;
                known += isWord(match.Value) ? 1 : 0;
            }

            pages[key] = (known, total);
        }

        return new PhotoEvidence(pages);
    }

    /// <summary>The share of dictionary words among the page's plain words, or null when the page has too few to tell.</summary>
    public double? PageWordShare(int? page) =>
        pages.TryGetValue(page ?? -1, out var count) && count.Total >= MinimumPageWords ? (double)count.Known / count.Total : null;

    /// <summary>
    /// Why a correction of the word at <paramref name="start"/> should not be applied alone, or null: the page's plain
    /// words are mostly no words, a neighbour is a piece of a word (see <see cref="WordPieceNeighbour"/>), a short Latin
    /// token stands loose (see <see cref="IsLooseShortToken"/>), or the line runs across a table's cells.
    /// </summary>
    public string? Doubt(int? page, string text, int start, int length, Func<string, bool> isWord, Func<string, bool> isMisreading, bool latinLookAlike = false)
    {
        if (PageWordShare(page) is < PoorPageShare and var share)
        {
            return $"; only {share:P0} of the page's plain words are dictionary words, too poor a reading to correct it alone";
        }

        if (WordPieceNeighbour(text, start, length, isWord, isMisreading) is { } piece)
        {
            return $"; beside «{piece}», a piece of a word (OCR split a word or read a table head cell by cell), the word may be a piece too";
        }

        if (latinLookAlike && IsLooseShortToken(text, start, length))
        {
            return "; a short token beside no word on one side, as likely a box edge or a speck read as letters";
        }

        return IsOnRuledLine(text, start)
            ? "; on a line where OCR read a table's rules as bars, so across its cells: the word may be a piece of a cell's text"
            : null;
    }

    /// <summary>
    /// A short token of Latin look-alikes (ee) that stands beside no word on one side — a number, a mark, a paragraph's
    /// end — is as likely a box edge or a speck read as letters on a form: it is corrected alone only between words (a
    /// line end between is a space), or opening its paragraph before one.
    /// </summary>
    public static bool IsLooseShortToken(string text, int start, int length)
    {
        if (length > 2)
        {
            return false;
        }

        var left = start;
        while (left > 0 && IsGap(text[left - 1]))
        {
            left--;
        }

        var right = start + length;
        while (right < text.Length && IsGap(text[right]))
        {
            right++;
        }

        var opensBlock = left == 0;
        // A word on each side (Cyrillic, or Latin look-alikes repaired with this one: «B TBOH»), not a number or a mark.
        var wordBefore = left < start && char.IsLetter(text[left - 1]);
        var wordAfter = right > start + length && right < text.Length && char.IsLetter(text[right]);
        return !(wordAfter && (wordBefore || opensBlock));
    }

    /// <summary>The word's line holds two bars or more: OCR read a table's vertical rules, and the line runs across three cells or more.</summary>
    private static bool IsOnRuledLine(string text, int start)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
        var lineEnd = text.IndexOf('\n', start);
        var line = text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart);
        return line.Count('|') >= 2;
    }

    /// <summary>
    /// The word's neighbour (only spaces or a line end between) that is a piece of a word rather than a word: Cyrillic, and
    /// either making a dictionary word with this word (Сум + ма) or lower-case, no dictionary word and no misreading of
    /// one (нных, чество, ь). Null when both neighbours are words, numbers, codes, marks or absent.
    /// </summary>
    public static string? WordPieceNeighbour(string text, int start, int length, Func<string, bool> isWord, Func<string, bool> isMisreading)
    {
        var word = text.Substring(start, length);
        var left = start;
        while (left > 0 && IsGap(text[left - 1]))
        {
            left--;
        }

        var leftStart = left;
        while (leftStart > 0 && char.IsLetter(text[leftStart - 1]))
        {
            leftStart--;
        }

        var right = start + length;
        while (right < text.Length && IsGap(text[right]))
        {
            right++;
        }

        var rightEnd = right;
        while (rightEnd < text.Length && char.IsLetter(text[rightEnd]))
        {
            rightEnd++;
        }

        // A neighbour touching a digit, a dot or a hyphen is a code, an abbreviation or a compound's part, not a loose piece.
        var leftWord = left < start && leftStart < left && (leftStart == 0 || IsGap(text[leftStart - 1]) || text[leftStart - 1] is '|' or '(')
            ? text[leftStart..left] : null;
        var rightWord = right > start + length && rightEnd > right && (rightEnd == text.Length || IsGap(text[rightEnd]) || IsPunctuationAfter(text[rightEnd]))
            ? text[right..rightEnd] : null;
        if (leftWord is { } l && IsPiece(l, l + word, isWord, isMisreading))
        {
            return l;
        }

        return rightWord is { } r && IsPiece(r, word + r, isWord, isMisreading) ? r : null;
    }

    private static bool IsPiece(string neighbour, string joined, Func<string, bool> isWord, Func<string, bool> isMisreading) =>
        neighbour.All(ScriptRepair.IsCyrillic) &&
        // Сум + ма is Сумма (Сум being a form of a town's name does not make the pair two words); нных, чество are no words at all.
        (isWord(joined) || (char.IsLower(neighbour[0]) && !isWord(neighbour) && !isMisreading(neighbour)));

    private static bool IsGap(char c) => c is ' ' or '\u00A0' or '\n' or '\t';

    private static bool IsPunctuationAfter(char c) => c is ',' or ';' or ':' or ')' or '|' or '!' or '?';

    [GeneratedRegex(@"(?<![\p{L}\p{N}\-‐.])[а-яё]{3,}(?![\p{L}\p{N}\-‐])")]
    private static partial Regex PlainWord();
}
