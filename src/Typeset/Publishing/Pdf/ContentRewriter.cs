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
/// ICC-based RGB and DeviceGray). The rewrite also lists the glyphs each font draws, for subsetting.
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
    /// <param name="glyphs">Filled with the glyph ids drawn in each font resource (by resource name).</param>
    /// <param name="usesRegistration">Whether the page now needs the /All colour space in its resources.</param>
    /// <param name="marksByMcid">Filled with the mark of each marked-content id the page now has (index = MCID).</param>
    public static byte[] Rewrite(byte[] content, bool print, PdfStructure? structure, Dictionary<string, HashSet<ushort>> glyphs, out bool usesRegistration, List<int> marksByMcid)
    {
        var text = Latin1.GetString(content);
        CollectGlyphs(text, glyphs);
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

        var output = new StringBuilder(text.Length + 256);
        var depth = 0;
        var open = -1;
        var openDepth = 0;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.EndsWith("rg", StringComparison.Ordinal) || trimmed.EndsWith("RG", StringComparison.Ordinal))
            {
                output.Append(RgbColour().Replace(line, Ink)).Append('\n');
                continue;
            }

            if (trimmed == "q")
            {
                depth++;
            }
            else if (trimmed == "Q")
            {
                if (open >= 0 && depth == openDepth)
                {
                    output.Append("EMC\n");
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
                    output.Append("EMC\n");
                }

                output.Append(Begin(pending, structure, marksByMcid)).Append('\n');
                open = pending;
                openDepth = depth;
            }

            output.Append(line).Append('\n');
        }

        if (open >= 0)
        {
            output.Append("EMC\n");
        }

        usesRegistration = registration;
        return Latin1.GetBytes(output.ToString(0, Math.Max(0, output.Length - 1)));
    }

    private static bool StartsGraphicsObject(string line) =>
        line == "BT" || line.EndsWith(" Do", StringComparison.Ordinal) || line.EndsWith(" m", StringComparison.Ordinal) || line.EndsWith(" re", StringComparison.Ordinal);

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

    /// <summary>Glyph ids of the hex strings shown after each <c>Tf</c> (Skia writes two-byte glyph ids, Identity-H).</summary>
    internal static void CollectGlyphs(string content, Dictionary<string, HashSet<ushort>> glyphs)
    {
        HashSet<ushort>? current = null;
        foreach (Match match in FontOrString().Matches(content))
        {
            if (match.Groups[1].Success)
            {
                var name = match.Groups[1].Value;
                if (!glyphs.TryGetValue(name, out current))
                {
                    glyphs[name] = current = [];
                }
            }
            else if (current is not null)
            {
                var hex = match.Groups[2].Value;
                for (var i = 0; i + 4 <= hex.Length; i += 4)
                {
                    current.Add(ushort.Parse(hex.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }
    }

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

    [GeneratedRegex(@"/([^\s/<>\[\]()]+) -?[\d.]+ Tf|<([0-9A-Fa-f]*)>")]
    private static partial Regex FontOrString();
}
