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
            if (inText && GlyphLine().Match(trimmed) is { Success: true } glyph && advance is not null && size > 0)
            {
                var x = double.Parse(glyph.Groups[1].Value, CultureInfo.InvariantCulture);
                var y = double.Parse(glyph.Groups[2].Value, CultureInfo.InvariantCulture);
                var hex = glyph.Groups[3].Value;
                if (runStart is not null && y == 0)
                {
                    // Move by x from the previous glyph's origin; the font would move by its advance.
                    var adjustment = lastAdvance - (x * 1000 / (size * scale));
                    if (Math.Abs(adjustment) >= 0.005)
                    {
                        array.Append(adjustment.ToString("0.##", CultureInfo.InvariantCulture));
                    }

                    array.Append('<').Append(hex).Append('>');
                    swallowed += x;
                }
                else
                {
                    Flush();
                    runStart = $"{Number(x + swallowed)} {glyph.Groups[2].Value} Td";
                    swallowed = 0;
                    array.Append('<').Append(hex).Append('>');
                }

                lastAdvance = 0;
                for (var i = 0; i + 4 <= hex.Length; i += 4)
                {
                    lastAdvance += advance(int.Parse(hex.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
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

    [GeneratedRegex(@"^(-?\d*\.?\d+) (-?\d*\.?\d+) Td <([0-9A-Fa-f]+)> Tj$")]
    private static partial Regex GlyphLine();

    [GeneratedRegex(@"^/([^\s/<>\[\]()]+) (-?[\d.]+) Tf$")]
    private static partial Regex FontLine();

    [GeneratedRegex(@"^(-?\d*\.?\d+)(?= -?\d*\.?\d+ Td\b)")]
    private static partial Regex PositionLine();

    [GeneratedRegex(@"\[|\]|-?\d*\.?\d+")]
    private static partial Regex WidthToken();
}
