using System.Text.RegularExpressions;
using Typeset.Model;

namespace Typeset.Cleanup.BookParts;

/// <summary>
/// OCR noise a title verso shows and its own form corrects, line by line (never by a book's words): the author mark is
/// a Cyrillic capital and digits, printed twice (at the top under the indexes and at the head of the record), so a
/// misread copy (<c>Kél</c>) takes the record's reading (<c>К61</c>) when letter and length agree; a Latin look-alike
/// capital in a mark is folded to Cyrillic; a stray mark before © goes; a short word wholly of Latin look-alikes in a
/// Russian line (<c>OOO</c>, the initial <c>B.</c>) is folded to Cyrillic; a stray mark after a year on the title page goes.
/// Each repair is named, so the edit's reason tells the editor what changed.
/// </summary>
public static partial class ImprintNoise
{
    private const string LatinLookAlikes = "ABCEHKMOPTXaceopxy";
    private const string CyrillicTwins = "АВСЕНКМОРТХасеорху";

    /// <summary>The imprint's Markdown with its noise repaired; <paramref name="repairs"/> gets one note per repair.</summary>
    public static string Repair(string markdown, List<string> repairs)
    {
        var lines = markdown.Split('\n');
        var recordMark = lines.Select(l => RecordOpening().Match(l)).FirstOrDefault(m => m.Success) is { } opening
            ? Fold(opening.Groups["letter"].Value) + opening.Groups["digits"].Value
            : null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var original = line;
            if (RecordOpening().Match(line) is { Success: true } record && LatinLookAlikes.Contains(record.Groups["letter"].Value[0], StringComparison.Ordinal))
            {
                line = line[..record.Groups["letter"].Index] + Fold(record.Groups["letter"].Value) + line[(record.Groups["letter"].Index + 1)..];
                repairs.Add($"author mark {record.Groups["letter"].Value}{record.Groups["digits"].Value} in Latin letters → {Fold(record.Groups["letter"].Value)}{record.Groups["digits"].Value}");
            }
            else if (recordMark is not null && i > 0 && ImprintLines.KindOf(lines[i - 1]) == ImprintLineKind.Classification && IsMisreadMark(line.Trim(), recordMark))
            {
                line = line.Replace(line.Trim(), recordMark, StringComparison.Ordinal);
                repairs.Add($"author mark «{original.Trim()}» → {recordMark}, as the record heads with it");
            }

            if (StrayBeforeCopyright().Match(line) is { Success: true } stray)
            {
                line = line[..stray.Index] + line[(stray.Index + stray.Length - 1)..];
                repairs.Add($"stray «{stray.Value[..^1].Trim()}» before ©");
            }

            // Only where the verso's form is known: the © lines and the record's heading line (running text is spelling's).
            if ((ImprintLines.KindOf(line) == ImprintLineKind.Copyright || RecordOpening().IsMatch(line)) && line.Any(IsCyrillic))
            {
                line = LookAlikeWord().Replace(line, m =>
                {
                    var core = m.Value.TrimEnd('.');
                    if (!core.All(c => LatinLookAlikes.Contains(c, StringComparison.Ordinal)) || core.All(c => "IVXL".Contains(c, StringComparison.Ordinal)) || HasLatinWord(line))
                    {
                        return m.Value;
                    }

                    repairs.Add($"«{m.Value}» in Latin look-alikes → {Fold(m.Value)}");
                    return Fold(m.Value);
                });
            }

            lines[i] = line;
        }

        return string.Join('\n', lines);
    }

    /// <summary>A title page's line of a year with a stray mark after it (<c>2025‘</c>) without the mark.</summary>
    public static string RepairYear(string markdown, List<string> repairs) =>
        YearWithStrayMark().Replace(markdown, m =>
        {
            repairs.Add($"stray «{m.Groups["mark"].Value}» after the year {m.Groups["year"].Value}");
            return m.Groups["year"].Value;
        });

    /// <summary>A short line of the mark's length starting with its letter (or that letter's Latin twin): a misread mark.</summary>
    private static bool IsMisreadMark(string line, string mark) =>
        line.Length == mark.Length && line != mark && Fold(line[..1]) == mark[..1] && !line.Contains(' ', StringComparison.Ordinal);

    private static string Fold(string text) =>
        string.Concat(text.Select(c => LatinLookAlikes.IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? CyrillicTwins[i] : c));

    private static bool IsCyrillic(char c) => c is >= 'А' and <= 'я' or 'Ё' or 'ё';

    /// <summary>A Latin word of four letters or more: the line is partly in a Latin script, and look-alikes stay.</summary>
    private static bool HasLatinWord(string line) => LatinWord().IsMatch(line);

    /// <summary>The record opening with the author mark: <c>К61 Разгром…</c>, bold or not, its capital maybe Latin.</summary>
    [GeneratedRegex(@"^(?:\*\*)?(?<letter>[А-ЯЁABCEHKMOPTX])(?<digits>\d{2,3})(?:\*\*)?\s+\p{Lu}")]
    private static partial Regex RecordOpening();

    [GeneratedRegex(@"^\s*[-–—‘’'`.,·]+\s*©")]
    private static partial Regex StrayBeforeCopyright();

    /// <summary>A word of one to three letters (an initial with its dot) standing alone.</summary>
    [GeneratedRegex(@"(?<![\p{L}\d])[A-Za-z]{1,3}\.?(?![\p{L}\d])")]
    private static partial Regex LookAlikeWord();

    [GeneratedRegex(@"(?<!\p{L})[A-Za-z]{4,}")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"^(?<year>(?:1[5-9]|20)\d\d)(?<mark>[‘’'`°*])\s*$", RegexOptions.Multiline)]
    private static partial Regex YearWithStrayMark();
}
