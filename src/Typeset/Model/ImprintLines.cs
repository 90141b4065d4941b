using System.Text.RegularExpressions;

namespace Typeset.Model;

/// <summary>What a line of a title verso is (ГОСТ Р 7.0.4-2020): the elements set each on a line of its own.</summary>
public enum ImprintLineKind
{
    /// <summary>Running text: the bibliographic record, the annotation, anything else.</summary>
    None,

    /// <summary>A classification index: УДК, ББК.</summary>
    Classification,

    /// <summary>The author mark (авторский знак), alone on its line: a capital and two or three digits.</summary>
    AuthorMark,

    /// <summary>An ISBN line.</summary>
    Isbn,

    /// <summary>A copyright line (© …).</summary>
    Copyright,
}

/// <summary>
/// The lines of an imprint as OCR reads them. One home for the knowledge the front-matter recogniser, typography's
/// line-break rule and the PDF composer share: which of the scan's line ends on a title verso are its own line ends
/// (УДК, ББК, the author mark, ISBN and each © line stand alone) and which only wrap running text (the record, the
/// annotation).
/// </summary>
public static partial class ImprintLines
{
    /// <summary>The kind of one line, read with OCR's usual noise at its start tolerated.</summary>
    public static ImprintLineKind KindOf(string text)
    {
        var line = OcrLineStart(text.Trim());
        return line.StartsWith("УДК", StringComparison.Ordinal) || line.StartsWith("UDC", StringComparison.Ordinal) || line.StartsWith("ББК", StringComparison.Ordinal)
            ? ImprintLineKind.Classification
            : line.StartsWith("ISBN", StringComparison.OrdinalIgnoreCase) ? ImprintLineKind.Isbn
            : line.StartsWith('©') || line.StartsWith("(c)", StringComparison.OrdinalIgnoreCase) || line.StartsWith("(с)", StringComparison.OrdinalIgnoreCase) ? ImprintLineKind.Copyright
            : AuthorMark().IsMatch(line) ? ImprintLineKind.AuthorMark
            : ImprintLineKind.None;
    }

    /// <summary>A line's start as OCR may read it: a stray mark before it dropped, Latin look-alikes of УДК/ББК folded.</summary>
    public static string OcrLineStart(string text)
    {
        var line = text.TrimStart('-', '–', '—', '‘', '’', '\'', '.', ',', '·', '*', ' ', '\u00A0');
        if (line.Length >= 3 && !line.StartsWith("ISBN", StringComparison.OrdinalIgnoreCase))
        {
            var head = line[..3].Replace('Y', 'У').Replace('K', 'К').Replace('B', 'В').Replace('E', 'Е');
            line = head + line[3..];
        }

        return line;
    }

    /// <summary>
    /// Whether the scan's line end between two lines of an imprint is a line end of the verso: before any element that
    /// stands alone (an index, the author mark, the record opening with the author mark, ISBN, ©), and after an index or
    /// the author mark (they never wrap). Between two lines of the record or the annotation it only wraps the text.
    /// </summary>
    public static bool KeepsBreak(string before, string after)
    {
        var next = OcrLineStart(after.Trim());
        if (KindOf(after) != ImprintLineKind.None || RecordOpening().IsMatch(next))
        {
            return true;
        }

        var previous = KindOf(before);
        return previous is ImprintLineKind.Classification or ImprintLineKind.AuthorMark;
    }

    /// <summary>
    /// The content with every soft line end that <see cref="KeepsBreak"/> keeps made hard, so a composer sets the verso
    /// line by line while the record and the annotation still flow.
    /// </summary>
    public static ValueList<Inline> WithLineEndsKept(ValueList<Inline> content)
    {
        var lines = SplitAtBreaks(content);
        if (lines.Count < 2)
        {
            return content;
        }

        var result = new List<Inline>(content.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            result.AddRange(lines[i].Line);
            if (lines[i].Break is { } lineBreak)
            {
                var hard = lineBreak.Hard || KeepsBreak(Inlines.PlainText(lines[i].Line), Inlines.PlainText(lines[i + 1].Line));
                result.Add(hard ? new LineBreak(true) : lineBreak);
            }
        }

        return result.ToValueList();
    }

    /// <summary>The content cut at its hard line ends (after <see cref="WithLineEndsKept"/>: the verso's own lines).</summary>
    public static List<ValueList<Inline>> HardLines(ValueList<Inline> content)
    {
        var lines = new List<ValueList<Inline>>();
        var current = new List<Inline>();
        foreach (var inline in content)
        {
            if (inline is LineBreak { Hard: true })
            {
                lines.Add(current.ToValueList());
                current = [];
            }
            else
            {
                current.Add(inline);
            }
        }

        lines.Add(current.ToValueList());
        return lines.Where(line => Inlines.PlainText(line).Trim().Length > 0).ToList();
    }

    private static List<(List<Inline> Line, LineBreak? Break)> SplitAtBreaks(ValueList<Inline> content)
    {
        var lines = new List<(List<Inline> Line, LineBreak? Break)>();
        var current = new List<Inline>();
        foreach (var inline in content)
        {
            if (inline is LineBreak lineBreak)
            {
                lines.Add((current, lineBreak));
                current = [];
            }
            else
            {
                current.Add(inline);
            }
        }

        lines.Add((current, null));
        return lines;
    }

    [GeneratedRegex(@"^[А-ЯЁ]\s?\d{2,3}$")]
    private static partial Regex AuthorMark();

    /// <summary>The bibliographic record opening with the author mark (<c>К61 Разгром Японии…</c>), Latin look-alike capital allowed.</summary>
    [GeneratedRegex(@"^[А-ЯЁABCEHKMOPTX]\s?\d{2,3}\s+\p{Lu}")]
    private static partial Regex RecordOpening();
}
