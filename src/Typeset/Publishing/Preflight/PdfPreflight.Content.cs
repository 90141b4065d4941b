using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Typeset.Publishing.Preflight;

public static partial class PdfPreflight
{
    private static readonly string[] InheritedPageKeys = ["Resources", "MediaBox", "CropBox", "Rotate"];

    /// <summary>
    /// The pages in order, straight from the page tree (attributes a page inherits copied into its dictionary); PdfPig's
    /// own pages would parse every content stream into letters.
    /// </summary>
    private static IEnumerable<(int Number, DictionaryToken Page)> Pages(PdfDocument document, DictionaryToken catalog)
    {
        if (Resolve(document, catalog, "Pages") is not DictionaryToken root)
        {
            yield break;
        }

        var number = 0;
        var seen = new HashSet<DictionaryToken>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(DictionaryToken Node, Dictionary<NameToken, IToken> Inherited)>();
        stack.Push((root, []));
        while (stack.Count > 0)
        {
            var (node, inherited) = stack.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            var own = new Dictionary<NameToken, IToken>(inherited);
            foreach (var key in InheritedPageKeys)
            {
                if (node.TryGet(NameToken.Create(key), out IToken? value))
                {
                    own[NameToken.Create(key)] = value;
                }
            }

            if (Resolve(document, node, "Kids") is ArrayToken kids)
            {
                for (var k = kids.Data.Count - 1; k >= 0; k--)
                {
                    if (Deref(document, kids.Data[k]) is DictionaryToken kid)
                    {
                        stack.Push((kid, own));
                    }
                }

                continue;
            }

            var page = new Dictionary<NameToken, IToken>(own);
            foreach (var (key, value) in node.Data)
            {
                page[NameToken.Create(key)] = value;
            }

            yield return (++number, new DictionaryToken(page));
        }
    }

    /// <summary>A page's content, its streams decoded and joined (a content array is one stream cut anywhere).</summary>
    private static byte[] ContentOf(PdfDocument document, DictionaryToken page)
    {
        switch (Resolve(document, page, "Contents"))
        {
            case StreamToken stream:
                return stream.Decode(DefaultFilterProvider.Instance).ToArray();
            case ArrayToken parts:
                using (var joined = new MemoryStream())
                {
                    foreach (var part in parts.Data.Select(token => Deref(document, token)).OfType<StreamToken>())
                    {
                        joined.Write(part.Decode(DefaultFilterProvider.Instance).Span);
                        joined.WriteByte((byte)'\n');
                    }

                    return joined.ToArray();
                }

            default:
                return [];
        }
    }

    /// <summary>
    /// What the content streams show: colour spaces and operators, the fill colour each piece of text is shown in, and
    /// each image's samples against its placed size (the matrix followed through q/Q/cm, into form XObjects).
    /// </summary>
    private sealed class ContentState(PdfDocument document, double minimumPpi)
    {
        private const int MaxFormDepth = 8;

        public SortedSet<string> ColourSpaces { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> TextColours { get; } = new(StringComparer.Ordinal);

        public List<string> LowImages { get; } = [];

        public int RgbOperators { get; private set; }

        public int RichBlackText { get; private set; }

        public int ImageCount { get; private set; }

        public double MinPpi { get; private set; } = double.MaxValue;

        public void ScanPage(int page, byte[] content, DictionaryToken? resources) =>
            Scan(page, content, resources, [1, 0, 0, 1, 0, 0], 0);

        private void Scan(int page, byte[] content, DictionaryToken? resources, double[] start, int depth)
        {
            var fill = "DeviceGray 0";
            var matrix = start;
            var saved = new Stack<(double[] Matrix, string Fill)>();
            ContentScanner.Scan(content, (name, operands) =>
            {
                switch (name)
                {
                    case [(byte)'q']:
                        saved.Push((matrix, fill));
                        break;
                    case [(byte)'Q']:
                        if (saved.Count > 0)
                        {
                            (matrix, fill) = saved.Pop();
                        }

                        break;
                    case [(byte)'c', (byte)'m'] when Numbers(operands, 6) is { } m:
                        matrix = Multiply(m, matrix);
                        break;
                    case [(byte)'r', (byte)'g']:
                        RgbOperators++;
                        ColourSpaces.Add("DeviceRGB");
                        fill = Numbers(operands, 3) is { } rgb ? $"DeviceRGB {Number(rgb[0])} {Number(rgb[1])} {Number(rgb[2])}" : "DeviceRGB";
                        break;
                    case [(byte)'R', (byte)'G']:
                        RgbOperators++;
                        ColourSpaces.Add("DeviceRGB");
                        break;
                    case [(byte)'g']:
                        ColourSpaces.Add("DeviceGray");
                        fill = Numbers(operands, 1) is { } gray ? $"DeviceGray {Number(gray[0])}" : "DeviceGray";
                        break;
                    case [(byte)'G']:
                        ColourSpaces.Add("DeviceGray");
                        break;
                    case [(byte)'k']:
                        ColourSpaces.Add("DeviceCMYK");
                        fill = Numbers(operands, 4) is { } cmyk ? $"DeviceCMYK {Number(cmyk[0])} {Number(cmyk[1])} {Number(cmyk[2])} {Number(cmyk[3])}" : "DeviceCMYK";
                        break;
                    case [(byte)'K']:
                        ColourSpaces.Add("DeviceCMYK");
                        break;
                    case [(byte)'c', (byte)'s'] when LastName(operands) is { } space:
                        fill = SpaceName(document, resources, space);
                        ColourSpaces.Add(fill);
                        break;
                    case [(byte)'C', (byte)'S'] when LastName(operands) is { } space:
                        ColourSpaces.Add(SpaceName(document, resources, space));
                        break;
                    case [(byte)'T', (byte)'j'] or [(byte)'T', (byte)'J'] or [(byte)'\''] or [(byte)'"']:
                        TextColours.Add(fill);
                        if (fill.StartsWith("DeviceCMYK", StringComparison.Ordinal) && fill.EndsWith(" 1", StringComparison.Ordinal) && fill != "DeviceCMYK 0 0 0 1")
                        {
                            RichBlackText++;
                        }

                        break;
                    case [(byte)'D', (byte)'o'] when LastName(operands) is { } xobject:
                        Draw(page, xobject, resources, matrix, depth);
                        break;
                }
            });
        }

        private void Draw(int page, string name, DictionaryToken? resources, double[] matrix, int depth)
        {
            if (resources is null || Resolve(document, resources, "XObject") is not DictionaryToken xobjects
                || !xobjects.TryGet(NameToken.Create(name), out IToken? token) || Deref(document, token) is not StreamToken stream)
            {
                return;
            }

            var dictionary = stream.StreamDictionary;
            switch (Get<NameToken>(dictionary, "Subtype")?.Data)
            {
                case "Image":
                    Image(page, dictionary, matrix);
                    break;
                case "Form" when depth < MaxFormDepth:
                    var formMatrix = Resolve(document, dictionary, "Matrix") is ArrayToken { Data.Count: 6 } array
                        ? array.Data.Select(value => (Deref(document, value) as NumericToken)?.Double ?? 0).ToArray()
                        : [1, 0, 0, 1, 0, 0];
                    var formResources = Resolve(document, dictionary, "Resources") as DictionaryToken ?? resources;
                    Scan(page, stream.Decode(DefaultFilterProvider.Instance).ToArray(), formResources, Multiply(formMatrix, matrix), depth + 1);
                    break;
            }
        }

        private void Image(int page, DictionaryToken image, double[] m)
        {
            ImageCount++;
            var samplesWide = (Resolve(document, image, "Width") as NumericToken)?.Double ?? 0;
            var samplesHigh = (Resolve(document, image, "Height") as NumericToken)?.Double ?? 0;

            // The unit square through the matrix: its bounds are the placed size.
            var widthInches = (Math.Abs(m[0]) + Math.Abs(m[2])) / 72;
            var heightInches = (Math.Abs(m[1]) + Math.Abs(m[3])) / 72;
            var ppi = Math.Min(samplesWide / Math.Max(widthInches, 1e-6), samplesHigh / Math.Max(heightInches, 1e-6));
            MinPpi = Math.Min(MinPpi, ppi);
            if (ppi < minimumPpi)
            {
                LowImages.Add($"page {page}: {samplesWide:0}×{samplesHigh:0} px at {ppi.ToString("0", CultureInfo.InvariantCulture)} ppi");
            }

            var space = Resolve(document, image, "ColorSpace") switch
            {
                NameToken named => named.Data,
                ArrayToken { Data.Count: > 0 } array => (Deref(document, array.Data[0]) as NameToken)?.Data ?? "unknown",
                _ => Get<BooleanToken>(image, "ImageMask")?.Data == true ? "stencil mask" : "unknown",
            };
            ColourSpaces.Add($"{space} (image)");
            if (space == "DeviceRGB")
            {
                RgbOperators++;
            }
        }

        private static double[]? Numbers(List<ContentOperand> operands, int count)
        {
            if (operands.Count < count)
            {
                return null;
            }

            var values = new double[count];
            for (var k = 0; k < count; k++)
            {
                var operand = operands[operands.Count - count + k];
                if (!operand.IsNumber)
                {
                    return null;
                }

                values[k] = operand.Number;
            }

            return values;
        }

        private static string? LastName(List<ContentOperand> operands) => operands.Count > 0 ? operands[^1].Name : null;

        /// <summary>a × b for PDF matrices [a b c d e f] (a applied first, as <c>cm</c> does: CTM' = M × CTM).</summary>
        private static double[] Multiply(double[] a, double[] b) =>
        [
            (a[0] * b[0]) + (a[1] * b[2]), (a[0] * b[1]) + (a[1] * b[3]),
            (a[2] * b[0]) + (a[3] * b[2]), (a[2] * b[1]) + (a[3] * b[3]),
            (a[4] * b[0]) + (a[5] * b[2]) + b[4], (a[4] * b[1]) + (a[5] * b[3]) + b[5],
        ];
    }
}
