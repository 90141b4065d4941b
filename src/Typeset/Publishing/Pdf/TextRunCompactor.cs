using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// Skia places every glyph with its own text-positioning operator (<c>6.457 0 Td &lt;014b&gt; Tj</c>, one line a glyph);
/// a run of them becomes one <c>TJ</c> array whose numbers are the differences between the font's own advances and the
/// positions Skia chose (kerning, justification, expansion), in thousandths of the text size — the same glyphs at the same
/// places in about half the bytes. The line matrix then stays at the run's start, so a later <c>Td</c> in the same text
/// object is moved by the offsets the run swallowed. A run in a font whose widths are unknown is left as it is.
/// </summary>
internal static partial class TextRunCompactor
{
    /// <param name="widths">Glyph advances (thousandths of an em) of a font resource of the page; null when unknown.</param>
    public static string Compact(string content, Func<string, Func<int, double>?> widths)
    {
        var output = new StringBuilder(content.Length);
        var scales = new Stack<double>();
        var scale = 1.0;
        var inText = false;
        Func<int, double>? advance = null;
        var size = 0.0;
        var swallowed = 0.0;

        // The run being gathered: its first positioning, the TJ array, and the advance of what it showed last.
        string? runStart = null;
        var array = new StringBuilder();
        var lastAdvance = 0.0;

        void Flush()
        {
            if (runStart is not null)
            {
                output.Append(runStart).Append(" [").Append(array).Append("] TJ\n");
                runStart = null;
                array.Clear();
            }
        }

        foreach (var line in content.Split('\n'))
        {
            var trimmed = line.Trim();
            if (inText && advance is not null && size > 0 && TryGlyphLine(trimmed, out var glyphX, out var yText, out var hex))
            {
                if (runStart is not null && double.Parse(yText, CultureInfo.InvariantCulture) == 0)
                {
                    // Move by x from the previous glyph's origin; the font would move by its advance.
                    var adjustment = lastAdvance - (glyphX * 1000 / (size * scale));
                    if (Math.Abs(adjustment) >= 0.005)
                    {
                        // Two decimals, as "0.##" would print them, without parsing a custom format for every glyph.
                        array.Append(CultureInfo.InvariantCulture, $"{Math.Round(adjustment, 2, MidpointRounding.AwayFromZero)}");
                    }

                    array.Append('<').Append(hex).Append('>');
                    swallowed += glyphX;
                }
                else
                {
                    Flush();
                    runStart = $"{Number(glyphX + swallowed)} {yText} Td";
                    swallowed = 0;
                    array.Append('<').Append(hex).Append('>');
                }

                lastAdvance = 0;
                for (var i = 0; i + 4 <= hex.Length; i += 4)
                {
                    lastAdvance += advance(int.Parse(hex.Slice(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }

                continue;
            }

            Flush();
            switch (trimmed)
            {
                case "q":
                    scales.Push(scale);
                    break;
                case "Q":
                    scale = scales.Count > 0 ? scales.Pop() : 1;
                    break;
                case "BT":
                    inText = true;
                    swallowed = 0;
                    break;
                case "ET":
                    inText = false;
                    break;
            }

            if (trimmed.EndsWith(" Tz", StringComparison.Ordinal))
            {
                scale = double.Parse(trimmed[..^3], CultureInfo.InvariantCulture) / 100;
            }
            else if (FontLine().Match(trimmed) is { Success: true } font)
            {
                advance = widths(font.Groups[1].Value);
                size = double.Parse(font.Groups[2].Value, CultureInfo.InvariantCulture);
            }
            else if (trimmed.EndsWith(" Tm", StringComparison.Ordinal))
            {
                swallowed = 0;
            }
            else if (swallowed != 0 && PositionLine().Match(line) is { Success: true } position)
            {
                // Any other line that starts with a Td: move it by what the last run swallowed.
                var x = double.Parse(position.Groups[1].Value, CultureInfo.InvariantCulture) + swallowed;
                swallowed = 0;
                output.Append(Number(x)).Append(line[position.Groups[1].Length..]).Append('\n');
                continue;
            }

            output.Append(line).Append('\n');
        }

        Flush();
        return output.ToString(0, Math.Max(0, output.Length - 1));
    }

    /// <summary>Advances from a CIDFont's /W array (<c>c [w1 w2 …]</c> and <c>c1 c2 w</c> forms) with /DW as the default.</summary>
    public static Func<int, double> WidthsFromCidFont(string cidFont)
    {
        var widths = new Dictionary<int, double>();
        var defaultWidth = Regex.Match(cidFont, @"/DW\s+([\d.]+)") is { Success: true } dw ? double.Parse(dw.Groups[1].Value, CultureInfo.InvariantCulture) : 1000;
        var start = cidFont.IndexOf("/W [", StringComparison.Ordinal);
        if (start >= 0)
        {
            // The array ends at the first ']' after which the nesting is closed.
            var depth = 0;
            var end = start + 3;
            for (; end < cidFont.Length; end++)
            {
                depth += cidFont[end] == '[' ? 1 : cidFont[end] == ']' ? -1 : 0;
                if (depth == 0)
                {
                    break;
                }
            }

            var tokens = WidthToken().Matches(cidFont[(start + 4)..end]).Select(m => m.Value).ToList();
            for (var i = 0; i < tokens.Count;)
            {
                var first = int.Parse(tokens[i], CultureInfo.InvariantCulture);
                if (i + 1 < tokens.Count && tokens[i + 1] == "[")
                {
                    i += 2;
                    for (var c = first; i < tokens.Count && tokens[i] != "]"; i++, c++)
                    {
                        widths[c] = double.Parse(tokens[i], CultureInfo.InvariantCulture);
                    }

                    i++;
                }
                else if (i + 2 < tokens.Count)
                {
                    var last = int.Parse(tokens[i + 1], CultureInfo.InvariantCulture);
                    var width = double.Parse(tokens[i + 2], CultureInfo.InvariantCulture);
                    for (var c = first; c <= last; c++)
                    {
                        widths[c] = width;
                    }

                    i += 3;
                }
                else
                {
                    break;
                }
            }
        }

        return glyph => widths.TryGetValue(glyph, out var width) ? width : defaultWidth;
    }

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>
    /// A line <c>x y Td &lt;hex&gt; Tj</c> (numbers as <c>-?\d*\.?\d+</c>, hex digits in fours or not), read without a
    /// regular expression: it is most lines of every page, and matching them was a tenth of a book's CPU time.
    /// </summary>
    internal static bool TryGlyphLine(string line, out double x, out string y, out ReadOnlySpan<char> hex)
    {
        x = 0;
        y = string.Empty;
        hex = default;
        if (!line.EndsWith("> Tj", StringComparison.Ordinal))
        {
            return false;
        }

        var td = line.IndexOf(" Td <", StringComparison.Ordinal);
        var space = td > 0 ? line.IndexOf(' ') : -1;
        if (space <= 0 || space >= td)
        {
            return false;
        }

        var first = line.AsSpan(0, space);
        var second = line.AsSpan(space + 1, td - space - 1);
        hex = line.AsSpan(td + 5, line.Length - 4 - (td + 5));
        if (!IsNumber(first) || !IsNumber(second) || hex.IsEmpty || hex.ContainsAnyExcept(HexDigits))
        {
            return false;
        }

        x = double.Parse(first, CultureInfo.InvariantCulture);
        y = second.ToString();
        return true;

        // -?\d*\.?\d+: an optional minus, digits with at most one point, ending in a digit.
        static bool IsNumber(ReadOnlySpan<char> text)
        {
            if (text.Length > 0 && text[0] == '-')
            {
                text = text[1..];
            }

            return text.Length > 0 && char.IsAsciiDigit(text[^1]) && text.IndexOf('.') == text.LastIndexOf('.') && !text.ContainsAnyExcept(NumberCharacters);
        }
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789ABCDEFabcdef");
    private static readonly System.Buffers.SearchValues<char> NumberCharacters = System.Buffers.SearchValues.Create("0123456789.");

    [GeneratedRegex(@"^/([^\s/<>\[\]()]+) (-?[\d.]+) Tf$")]
    private static partial Regex FontLine();

    [GeneratedRegex(@"^(-?\d*\.?\d+)(?= -?\d*\.?\d+ Td\b)")]
    private static partial Regex PositionLine();

    [GeneratedRegex(@"\[|\]|-?\d*\.?\d+")]
    private static partial Regex WidthToken();
}
