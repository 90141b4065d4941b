using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// The objects of a PDF as Skia (and <see cref="PdfPartMerger"/>) write them: a classic cross-reference table, every
/// object written once as <c>N 0 obj … endobj</c>, dictionaries as text, stream lengths given directly. Enough to read
/// and rewrite our own files; not a reader for PDFs in general (the preflight reads any PDF with PdfPig).
/// </summary>
internal sealed partial class PdfFile
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    private PdfFile(byte[] bytes, Dictionary<int, long> offsets, long xrefOffset, string trailer)
    {
        Bytes = bytes;
        Offsets = offsets;
        XrefOffset = xrefOffset;
        Trailer = trailer;
        Size = int.Parse(DictionaryEntry(trailer, "Size"), CultureInfo.InvariantCulture);
        Root = ReferencedNumber(DictionaryEntry(trailer, "Root"));
        Info = trailer.Contains("/Info", StringComparison.Ordinal) ? ReferencedNumber(DictionaryEntry(trailer, "Info")) : null;
    }

    public byte[] Bytes { get; }

    /// <summary>Object number → offset of its <c>N 0 obj</c> line.</summary>
    public Dictionary<int, long> Offsets { get; }

    public long XrefOffset { get; }

    public string Trailer { get; }

    public int Size { get; }

    public int Root { get; }

    public int? Info { get; }

    public static PdfFile Read(byte[] bytes)
    {
        var tail = Latin1.GetString(bytes.AsSpan(Math.Max(0, bytes.Length - 1024)));
        var startXref = long.Parse(StartXref().Matches(tail)[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        var trailer = TrailerPattern().Matches(tail)[^1].Groups[1].Value;
        return new PdfFile(bytes, ReadXref(bytes, startXref), startXref, trailer);
    }

    /// <summary>Each object's number and byte range, in file order (an object ends where the next one or the table starts).</summary>
    public IEnumerable<(int Number, long Start, long End)> Objects()
    {
        var ordered = Offsets.OrderBy(entry => entry.Value).ToList();
        for (var k = 0; k < ordered.Count; k++)
        {
            yield return (ordered[k].Key, ordered[k].Value, k + 1 < ordered.Count ? ordered[k + 1].Value : XrefOffset);
        }
    }

    /// <summary>The object's dictionary (or other value) without its stream data.</summary>
    public string Dictionary(int number)
    {
        var window = Bytes.AsSpan((int)Offsets[number]);
        var end = window.IndexOf("endobj"u8);
        var stream = window.IndexOf("stream\n"u8);
        if (stream >= 0 && stream < end)
        {
            end = stream;
        }

        window = window[..end];
        var text = Latin1.GetString(window);
        var start = text.IndexOf("obj", StringComparison.Ordinal) + 3;
        return text[start..].Trim();
    }

    /// <summary>The stream's data as stored (still encoded), or empty when the object has no stream.</summary>
    public ReadOnlySpan<byte> StreamData(int number)
    {
        var window = Bytes.AsSpan((int)Offsets[number]);
        var head = window.IndexOf("stream\n"u8);
        var end = window.IndexOf("endobj"u8);
        if (head < 0 || head > end)
        {
            return [];
        }

        var length = int.Parse(DictionaryEntry(Dictionary(number), "Length"), CultureInfo.InvariantCulture);
        return window.Slice(head + "stream\n".Length, length);
    }

    /// <summary>The stream's data, inflated when it is Flate-encoded.</summary>
    public byte[] DecodedStream(int number)
    {
        var data = StreamData(number);
        return Dictionary(number).Contains("/FlateDecode", StringComparison.Ordinal) ? Inflate(data) : data.ToArray();
    }

    public static byte[] Inflate(ReadOnlySpan<byte> data)
    {
        using var input = new MemoryStream(data.ToArray());
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }

    public static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Pages in document order, through the page tree from the catalog.</summary>
    public List<int> Pages()
    {
        var pages = new List<int>();
        void Walk(int node)
        {
            var body = Dictionary(node);
            if (body.Contains("/Type /Pages", StringComparison.Ordinal))
            {
                foreach (Match kid in Reference().Matches(ArrayEntry(body, "Kids")))
                {
                    Walk(int.Parse(kid.Groups[1].Value, CultureInfo.InvariantCulture));
                }
            }
            else
            {
                pages.Add(node);
            }
        }

        Walk(ReferencedNumber(DictionaryEntry(Dictionary(Root), "Pages")));
        return pages;
    }

    internal static string DictionaryEntry(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, $@"/{key}\s+(\d+(?:\s+\d+\s+R)?)");
        if (!match.Success)
        {
            throw new InvalidDataException($"PDF dictionary has no /{key}");
        }

        return match.Groups[1].Value;
    }

    /// <summary>The referenced object number of <c>/Key N 0 R</c>, or null.</summary>
    internal static int? ReferenceEntry(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, $@"/{key}\s+(\d+)\s+0\s+R");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The text inside <c>/Key [ … ]</c> (no nested arrays), or empty.</summary>
    internal static string ArrayEntry(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, $@"/{key}\s*\[([^\]]*)\]");
        return match.Success ? match.Groups[1].Value : string.Empty;
    }

    /// <summary>The text inside <c>/Key &lt;&lt; … &gt;&gt;</c> (one level of nesting allowed), or empty.</summary>
    internal static string SubDictionary(string dictionary, string key)
    {
        var start = dictionary.IndexOf($"/{key}", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var open = dictionary.IndexOf("<<", start, StringComparison.Ordinal);
        if (open < 0)
        {
            return string.Empty;
        }

        var depth = 0;
        for (var i = open; i < dictionary.Length - 1; i++)
        {
            if (dictionary[i] == '<' && dictionary[i + 1] == '<')
            {
                depth++;
                i++;
            }
            else if (dictionary[i] == '>' && dictionary[i + 1] == '>')
            {
                depth--;
                i++;
                if (depth == 0)
                {
                    return dictionary[(open + 2)..(i - 1)];
                }
            }
        }

        return string.Empty;
    }

    /// <summary><c>/Name N 0 R</c> pairs of a resource dictionary's text.</summary>
    internal static Dictionary<string, int> NamedReferences(string dictionary)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match match in NamedReference().Matches(dictionary))
        {
            result[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        return result;
    }

    internal static int ReferencedNumber(string reference) =>
        int.Parse(reference.Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    internal static string InsertBeforeEnd(string dictionary, string entries)
    {
        var end = dictionary.LastIndexOf(">>", StringComparison.Ordinal);
        return dictionary[..end] + entries + dictionary[end..];
    }

    /// <summary>Object offsets from a classic cross-reference table (what Skia writes).</summary>
    internal static Dictionary<int, long> ReadXref(ReadOnlySpan<byte> bytes, long startXref)
    {
        var text = Latin1.GetString(bytes[(int)startXref..]);
        var offsets = new Dictionary<int, long>();
        using var reader = new StringReader(text);
        if (reader.ReadLine()?.Trim() != "xref")
        {
            throw new InvalidDataException("PDF has no classic cross-reference table");
        }

        while (reader.ReadLine() is { } header && !header.StartsWith("trailer", StringComparison.Ordinal))
        {
            var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var first = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var count = int.Parse(parts[1], CultureInfo.InvariantCulture);
            for (var k = 0; k < count; k++)
            {
                var entry = reader.ReadLine()!;
                if (entry.Length >= 18 && entry[17] == 'n')
                {
                    offsets[first + k] = long.Parse(entry[..10], CultureInfo.InvariantCulture);
                }
            }
        }

        return offsets;
    }

    [GeneratedRegex(@"startxref\s+(\d+)")]
    internal static partial Regex StartXref();

    [GeneratedRegex(@"trailer\s*<<(.*?)>>\s*startxref", RegexOptions.Singleline)]
    internal static partial Regex TrailerPattern();

    [GeneratedRegex(@"(\d+) 0 R")]
    internal static partial Regex Reference();

    [GeneratedRegex(@"/([^\s/<>\[\]()]+)\s+(\d+) 0 R")]
    private static partial Regex NamedReference();
}
