using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// Skia writes every colour as DeviceRGB (<c>r g b rg</c>), so on press black type would separate into four-colour rich
/// black. For print the page content is rewritten: greys (black text, rules) become DeviceGray — the K plate alone under a
/// CMYK output intent —, the registration colour (drawn as <see cref="Registration"/>) becomes the Separation /All crop
/// marks need, and any other RGB colour becomes DeviceCMYK. Images are left to their own colour spaces (Skia writes
/// ICC-based RGB and DeviceGray). The same pass lists the glyphs each font draws, for subsetting, marks content for the
/// structure tree, and joins runs of glyphs (<see cref="TextRunCompactor"/>): one read of the stream's bytes, no strings.
/// </summary>
internal static partial class ContentRewriter
{
    /// <summary>The colour crop marks are drawn in; nothing else uses it.</summary>
    public static readonly SKColor Registration = new(1, 0, 1);

    /// <summary>Name of the Separation /All colour space in a page's resources.</summary>
    public const string RegistrationSpace = "CSAll";

    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <param name="content">The page's decoded content stream.</param>
    /// <param name="print">True: greys to DeviceGray, registration to /All, other RGB to CMYK; false: RGB left (registration black).</param>
    /// <param name="structure">The marks elements were drawn in (see <see cref="PdfStructure"/>); null: no tagging.</param>
    /// <param name="widths">Glyph advances of the page's font resources, for <see cref="TextRunCompactor"/>.</param>
    /// <param name="glyphs">Filled with the glyph ids drawn in each font resource (by resource name).</param>
    /// <param name="usesRegistration">Whether the page now needs the /All colour space in its resources.</param>
    /// <param name="marksByMcid">Filled with the mark of each marked-content id the page now has (index = MCID).</param>
    /// <returns>The rewritten content, its runs of glyphs compacted: one pass over the bytes, line by line.</returns>
    public static ContentLines Rewrite(ReadOnlySpan<byte> content, bool print, PdfStructure? structure, Func<string, Func<int, double>?> widths,
        Dictionary<string, HashSet<ushort>> glyphs, out bool usesRegistration, List<int> marksByMcid)
    {
        var output = new ContentLines(content.Length + 256);
        var compactor = new TextRunCompactor(widths, output);
        HashSet<ushort>? font = null;
        var registration = false;
        var pending = -1;
        string Ink(Match match)
        {
            var r = Component(match.Groups[1].Value);
            var g = Component(match.Groups[2].Value);
            var b = Component(match.Groups[3].Value);
            var stroke = match.Groups[4].Value == "RG";
            if (r == Registration.Red && g == Registration.Green && b == Registration.Blue)
            {
                pending = PdfStructure.LayoutArtifact;
                if (!print)
                {
                    return stroke ? "0 0 0 RG" : "0 0 0 rg";
                }

                registration = true;
                return stroke ? $"/{RegistrationSpace} CS 1 SCN" : $"/{RegistrationSpace} cs 1 scn";
            }

            if (structure is not null)
            {
                var mark = PdfStructure.MarkOf(r, g, b);
                if (PdfStructure.IsArtifact(mark) || structure.Elements.ContainsKey(mark))
                {
                    // A mark stands for black ink.
                    pending = mark;
                    (r, g, b) = (0, 0, 0);
                }
            }

            if (!print)
            {
                return $"{Number(r / 255.0)} {Number(g / 255.0)} {Number(b / 255.0)} {(stroke ? "RG" : "rg")}";
            }

            if (r == g && g == b)
            {
                return $"{Number(r / 255.0)} {(stroke ? "G" : "g")}";
            }

            // A colour that is not grey (nothing the composer draws today): naive separation, black from the darkest channel.
            var (c, m, y, k) = Cmyk(r, g, b);
            return $"{Number(c)} {Number(m)} {Number(y)} {Number(k)} {(stroke ? "K" : "k")}";
        }

        var depth = 0;
        var open = -1;
        var openDepth = 0;
        foreach (var range in content.Split((byte)'\n'))
        {
            var line = content[range];
            CollectGlyphs(line, glyphs, ref font);
            var trimmed = Trim(line);
            if (trimmed.EndsWith("rg"u8) || trimmed.EndsWith("RG"u8))
            {
                compactor.Line(Latin1.GetBytes(RgbColour().Replace(Latin1.GetString(line), Ink)));
                continue;
            }

            if (trimmed.SequenceEqual("q"u8))
            {
                depth++;
            }
            else if (trimmed.SequenceEqual("Q"u8))
            {
                if (open >= 0 && depth == openDepth)
                {
                    compactor.Line("EMC"u8);
                    open = -1;
                }

                depth--;
            }
            else if (structure is not null && pending >= 0 && open != pending && StartsGraphicsObject(trimmed))
            {
                // Marked content opens only where a graphics object starts (never inside one), and closes before a Q that
                // would end the graphics state it opened in.
                if (open >= 0)
                {
                    compactor.Line("EMC"u8);
                }

                compactor.Line(Latin1.GetBytes(Begin(pending, structure, marksByMcid)));
                open = pending;
                openDepth = depth;
            }

            compactor.Line(line);
        }

        if (open >= 0)
        {
            compactor.Line("EMC"u8);
        }

        compactor.Finish();
        usesRegistration = registration;
        return output;
    }

    /// <summary>The line without the white space .NET's <see cref="string.Trim()"/> would remove from Latin-1 text.</summary>
    internal static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line)
    {
        var start = 0;
        while (start < line.Length && IsWhiteSpace(line[start]))
        {
            start++;
        }

        var end = line.Length;
        while (end > start && IsWhiteSpace(line[end - 1]))
        {
            end--;
        }

        return line[start..end];
    }

    private static bool IsWhiteSpace(byte value) => value is (>= 9 and <= 13) or 32 or 0x85 or 0xA0;

    /// <summary>Where a PDF name's characters end (white space or a delimiter), or -1 if they run to the end.</summary>
    internal static int IndexOfNameEnd(ReadOnlySpan<byte> text) => text.IndexOfAny(NameEnds);

    private static readonly System.Buffers.SearchValues<byte> NameEnds = System.Buffers.SearchValues.Create([9, 10, 11, 12, 13, 32, 0x85, 0xA0, (byte)'/', (byte)'<', (byte)'>', (byte)'[', (byte)']', (byte)'(', (byte)')']);

    /// <summary>Four hex digits as a glyph id.</summary>
    internal static int Hex16(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var digit in hex)
        {
            value = (value << 4) | (digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10);
        }

        return value;
    }

    private static bool StartsGraphicsObject(ReadOnlySpan<byte> line) =>
        line.SequenceEqual("BT"u8) || line.EndsWith(" Do"u8) || line.EndsWith(" m"u8) || line.EndsWith(" re"u8);

    private static string Begin(int mark, PdfStructure structure, List<int> marksByMcid)
    {
        switch (mark)
        {
            case PdfStructure.PaginationArtifact:
                return "/Artifact <</Type /Pagination>> BDC";
            case PdfStructure.LayoutArtifact:
                return "/Artifact BMC";
        }

        var mcid = marksByMcid.Count;
        marksByMcid.Add(mark);
        return $"/{structure.Elements[mark].Type} <</MCID {mcid}>> BDC";
    }

    /// <summary>
    /// Glyph ids of the hex strings shown after each <c>Tf</c> (Skia writes two-byte glyph ids, Identity-H): a
    /// <c>/Name size Tf</c> anywhere on the line selects the font, each <c>&lt;hex&gt;</c> adds its glyphs to it.
    /// </summary>
    internal static void CollectGlyphs(ReadOnlySpan<byte> line, Dictionary<string, HashSet<ushort>> glyphs, ref HashSet<ushort>? current)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '<')
            {
                var end = line[(i + 1)..].IndexOfAnyExcept(HexDigits);
                if (end >= 0 && line[i + 1 + end] == '>')
                {
                    if (current is not null)
                    {
                        var hex = line.Slice(i + 1, end);
                        for (var k = 0; k + 4 <= hex.Length; k += 4)
                        {
                            current.Add((ushort)Hex16(hex.Slice(k, 4)));
                        }
                    }

                    i += end + 1;
                }
            }
            else if (line[i] == '/' && FontSelection(line[(i + 1)..]) is > 0 and var length)
            {
                var name = Latin1.GetString(line.Slice(i + 1, line[(i + 1)..].IndexOf((byte)' ')));
                if (!glyphs.TryGetValue(name, out current))
                {
                    glyphs[name] = current = [];
                }

                i += length;
            }
        }
    }

    /// <summary>After a '/': the length of <c>Name -?[\d.]+ Tf</c> there, or 0.</summary>
    private static int FontSelection(ReadOnlySpan<byte> text)
    {
        var nameEnd = IndexOfNameEnd(text);
        if (nameEnd <= 0 || text[nameEnd] != ' ')
        {
            return 0;
        }

        var number = nameEnd + 1;
        if (number < text.Length && text[number] == '-')
        {
            number++;
        }

        var digits = text[number..].IndexOfAnyExcept(NumberCharacters);
        return digits > 0 && text[(number + digits)..].StartsWith(" Tf"u8) ? number + digits + 3 : 0;
    }

    private static readonly System.Buffers.SearchValues<byte> HexDigits = System.Buffers.SearchValues.Create("0123456789ABCDEFabcdef"u8);
    private static readonly System.Buffers.SearchValues<byte> NumberCharacters = System.Buffers.SearchValues.Create("0123456789."u8);

    private static int Component(string value) =>
        (int)Math.Round(double.Parse(value, CultureInfo.InvariantCulture) * 255);

    private static (double C, double M, double Y, double K) Cmyk(int r, int g, int b)
    {
        var k = 1 - Math.Max(r, Math.Max(g, b)) / 255.0;
        if (k >= 1)
        {
            return (0, 0, 0, 1);
        }

        double Channel(int v) => (1 - v / 255.0 - k) / (1 - k);
        return (Channel(r), Channel(g), Channel(b), k);
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    // An RGB colour operator with its three operands, as whole tokens.
    [GeneratedRegex(@"(?<![\w.\-])(-?\d*\.?\d+) (-?\d*\.?\d+) (-?\d*\.?\d+) (RG|rg)(?![\w])")]
    private static partial Regex RgbColour();

}
