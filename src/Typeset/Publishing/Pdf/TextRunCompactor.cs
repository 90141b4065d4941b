using System.Buffers;
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
/// Fed line by line (bytes, as the stream holds them) by <see cref="ContentRewriter"/>, it writes to <paramref name="output"/>.
/// </summary>
/// <param name="widths">Glyph advances (thousandths of an em) of a font resource of the page; null when unknown.</param>
internal sealed partial class TextRunCompactor(Func<string, Func<int, double>?> widths, ContentLines output)
{
    private readonly Stack<double> scales = new();
    private double scale = 1.0;
    private bool inText;
    private Func<int, double>? advance;
    private double size;
    private double swallowed;

    // The run being gathered: its first positioning (x, and y as written), the TJ array, and the advance of what it showed last.
    private bool inRun;
    private double runX;
    private readonly ContentLines runY = new(16);
    private readonly ContentLines array = new(1024);
    private double lastAdvance;

    /// <summary>The compacted form of a whole content stream (for tests and tools; the finisher streams lines).</summary>
    public static string Compact(string content, Func<string, Func<int, double>?> widths)
    {
        var output = new ContentLines(content.Length);
        var compactor = new TextRunCompactor(widths, output);
        var bytes = Encoding.Latin1.GetBytes(content);
        foreach (var range in bytes.AsSpan().Split((byte)'\n'))
        {
            compactor.Line(bytes.AsSpan(range));
        }

        compactor.Finish();
        return Encoding.Latin1.GetString(output.Written);
    }

    public void Line(ReadOnlySpan<byte> line)
    {
        var trimmed = ContentRewriter.Trim(line);
        if (inText && advance is not null && size > 0 && TryGlyphLine(trimmed, out var glyphX, out var y, out var hex))
        {
            if (inRun && double.Parse(y, CultureInfo.InvariantCulture) == 0)
            {
                // Move by x from the previous glyph's origin; the font would move by its advance.
                var adjustment = lastAdvance - (glyphX * 1000 / (size * scale));
                if (Math.Abs(adjustment) >= 0.005)
                {
                    // Two decimals, printed the shortest way ("-100", "12.35").
                    array.Append(Math.Round(adjustment, 2, MidpointRounding.AwayFromZero), null);
                }

                swallowed += glyphX;
            }
            else
            {
                Flush();
                inRun = true;
                runX = glyphX + swallowed;
                runY.Clear().Append(y);

                swallowed = 0;
            }

            array.Append((byte)'<').Append(hex).Append((byte)'>');
            lastAdvance = 0;
            for (var i = 0; i + 4 <= hex.Length; i += 4)
            {
                lastAdvance += advance(ContentRewriter.Hex16(hex.Slice(i, 4)));
            }

            return;
        }

        Flush();
        if (trimmed.SequenceEqual("q"u8))
        {
            scales.Push(scale);
        }
        else if (trimmed.SequenceEqual("Q"u8))
        {
            scale = scales.Count > 0 ? scales.Pop() : 1;
        }
        else if (trimmed.SequenceEqual("BT"u8))
        {
            inText = true;
            swallowed = 0;
        }
        else if (trimmed.SequenceEqual("ET"u8))
        {
            inText = false;
        }

        if (trimmed.EndsWith(" Tz"u8))
        {
            scale = double.Parse(trimmed[..^3], CultureInfo.InvariantCulture) / 100;
        }
        else if (TryFontLine(trimmed, out var name, out var fontSize))
        {
            advance = widths(Encoding.Latin1.GetString(name));
            size = double.Parse(fontSize, CultureInfo.InvariantCulture);
        }
        else if (trimmed.EndsWith(" Tm"u8))
        {
            swallowed = 0;
        }
        else if (swallowed != 0 && PositionLength(line) is > 0 and var first)
        {
            // Any other line that starts with a Td: move it by what the last run swallowed.
            var x = double.Parse(line[..first], CultureInfo.InvariantCulture) + swallowed;
            swallowed = 0;
            output.NewLine().Append(x, PositionFormat).Append(line[first..]);
            return;
        }

        output.Line(line);
    }

    /// <summary>Writes the run still being gathered (at the end of the stream).</summary>
    public void Finish() => Flush();

    private void Flush()
    {
        if (!inRun)
        {
            return;
        }

        output.NewLine().Append(runX, PositionFormat).Append((byte)' ').Append(runY.Written).Append(" Td ["u8).Append(array.Written).Append("] TJ"u8);
        inRun = false;
        array.Clear();
    }

    private const string PositionFormat = "0.######";

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

    /// <summary>
    /// A line <c>x y Td &lt;hex&gt; Tj</c> (numbers as <c>-?\d*\.?\d+</c>, hex digits in fours or not), read without a
    /// regular expression: it is most lines of every page.
    /// </summary>
    internal static bool TryGlyphLine(ReadOnlySpan<byte> line, out double x, out ReadOnlySpan<byte> y, out ReadOnlySpan<byte> hex)
    {
        x = 0;
        y = default;
        hex = default;
        if (!line.EndsWith("> Tj"u8))
        {
            return false;
        }

        var td = line.IndexOf(" Td <"u8);
        var space = td > 0 ? line.IndexOf((byte)' ') : -1;
        if (space <= 0 || space >= td)
        {
            return false;
        }

        var first = line[..space];
        var second = line[(space + 1)..td];
        hex = line[(td + 5)..^4];
        if (!IsNumber(first) || !IsNumber(second) || hex.IsEmpty || hex.ContainsAnyExcept(HexDigits))
        {
            hex = default;
            return false;
        }

        x = double.Parse(first, CultureInfo.InvariantCulture);
        y = second;
        return true;
    }

    /// <summary><c>-?\d*\.?\d+</c>: an optional minus, digits with at most one point, ending in a digit.</summary>
    private static bool IsNumber(ReadOnlySpan<byte> text)
    {
        if (text.Length > 0 && text[0] == '-')
        {
            text = text[1..];
        }

        return text.Length > 0 && char.IsAsciiDigit((char)text[^1]) && text.IndexOf((byte)'.') == text.LastIndexOf((byte)'.') && !text.ContainsAnyExcept(NumberCharacters);
    }

    /// <summary><c>/Name size Tf</c> alone on the line (the name without white space or delimiters, the size <c>-?[\d.]+</c>).</summary>
    private static bool TryFontLine(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> size)
    {
        name = default;
        size = default;
        if (line.Length < 6 || line[0] != '/' || !line.EndsWith(" Tf"u8))
        {
            return false;
        }

        var space = line.IndexOf((byte)' ');
        if (space < 2 || space + 1 > line.Length - 3 || ContentRewriter.IndexOfNameEnd(line[1..space]) >= 0)
        {
            return false;
        }

        size = line[(space + 1)..^3];
        var digits = size.Length > 0 && size[0] == '-' ? size[1..] : size;
        if (digits.IsEmpty || digits.ContainsAnyExcept(NumberCharacters))
        {
            return false;
        }

        name = line[1..space];
        return true;
    }

    /// <summary>
    /// The length of the number that starts a line <c>x y Td…</c> (the operator followed by nothing that continues a
    /// word), or 0.
    /// </summary>
    private static int PositionLength(ReadOnlySpan<byte> line)
    {
        var space = line.IndexOf((byte)' ');
        if (space <= 0 || !IsNumber(line[..space]))
        {
            return 0;
        }

        var rest = line[(space + 1)..];
        var next = rest.IndexOf((byte)' ');
        if (next <= 0 || !IsNumber(rest[..next]) || !rest[next..].StartsWith(" Td"u8))
        {
            return 0;
        }

        var after = rest[(next + 3)..];
        return after.IsEmpty || !(char.IsLetterOrDigit((char)after[0]) || after[0] == '_') ? space : 0;
    }

    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef"u8);
    private static readonly SearchValues<byte> NumberCharacters = SearchValues.Create("0123456789."u8);

    [GeneratedRegex(@"\[|\]|-?\d*\.?\d+")]
    private static partial Regex WidthToken();
}
