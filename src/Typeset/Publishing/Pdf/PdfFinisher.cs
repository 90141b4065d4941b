using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// Adds what Skia's PDF backend cannot write, as an incremental update appended to its output (the original bytes
/// stay as they are, so this costs milliseconds even for a large book): the outline (bookmarks) pointing at the
/// named destinations Skia wrote, /Lang, /PageMode, and with a bleed the TrimBox and BleedBox of every page.
/// </summary>
internal static partial class PdfFinisher
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static void Finish(MemoryStream pdf, IReadOnlyList<HeadingAnchor> outline, string language, PageGeometry geometry)
    {
        var bytes = pdf.GetBuffer().AsSpan(0, (int)pdf.Length);
        var tail = Latin1.GetString(bytes[Math.Max(0, bytes.Length - 1024)..]);
        var startXref = long.Parse(StartXref().Matches(tail)[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        var trailer = Trailer().Matches(tail)[^1].Groups[1].Value;
        var size = int.Parse(DictionaryEntry(trailer, "Size"), CultureInfo.InvariantCulture);
        var root = int.Parse(DictionaryEntry(trailer, "Root").Split(' ')[0], CultureInfo.InvariantCulture);
        var info = trailer.Contains("/Info", StringComparison.Ordinal) ? DictionaryEntry(trailer, "Info") : null;
        var offsets = ReadXref(bytes, startXref);

        var update = new StringBuilder();
        var written = new SortedDictionary<int, long>();
        var position = pdf.Length;
        void Write(int number, string body)
        {
            var text = $"{number} 0 obj\n{body}\nendobj\n";
            written[number] = position + Latin1.GetByteCount(update.ToString());
            update.Append(text);
        }

        update.Append('\n');
        var next = size;
        var catalog = ObjectBody(bytes, offsets[root]);
        var extra = new StringBuilder();
        extra.Append(CultureInfo.InvariantCulture, $"\n/Lang {PdfString(language)}");
        if (outline.Count > 0)
        {
            var outlineRoot = next++;
            extra.Append(CultureInfo.InvariantCulture, $"\n/Outlines {outlineRoot} 0 R\n/PageMode /UseOutlines");
            WriteOutline(outline, outlineRoot, ref next, Write);
        }

        Write(root, InsertBeforeEnd(catalog, extra.ToString()));

        if (geometry.Offset > 0)
        {
            var trim = Box(geometry.Offset, geometry.Offset, geometry.Offset + geometry.Width, geometry.Offset + geometry.Height);
            var bleed = Box(geometry.MarkArea, geometry.MarkArea, geometry.MediaWidth - geometry.MarkArea, geometry.MediaHeight - geometry.MarkArea);
            foreach (var (number, offset) in offsets)
            {
                var body = ObjectBody(bytes, offset, peekOnly: true);
                if (body.StartsWith("<</Type /Page\n", StringComparison.Ordinal))
                {
                    Write(number, InsertBeforeEnd(ObjectBody(bytes, offset), $"\n/TrimBox {trim}\n/BleedBox {bleed}"));
                }
            }
        }

        var xrefOffset = position + Latin1.GetByteCount(update.ToString());
        update.Append("xref\n");
        foreach (var (number, offset) in written)
        {
            update.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} 00000 n \n");
        }

        update.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {next}\n/Root {root} 0 R\n");
        if (info is not null)
        {
            update.Append(CultureInfo.InvariantCulture, $"/Info {info}\n");
        }

        update.Append(CultureInfo.InvariantCulture, $"/Prev {startXref}>>\nstartxref\n{xrefOffset}\n%%EOF\n");
        pdf.Position = pdf.Length;
        pdf.Write(Latin1.GetBytes(update.ToString()));
    }

    /// <summary>Outline items nested by heading level (a level-2 heading under the chapter before it).</summary>
    private static void WriteOutline(IReadOnlyList<HeadingAnchor> headings, int rootNumber, ref int next, Action<int, string> write)
    {
        var numbers = new int[headings.Count];
        for (var i = 0; i < headings.Count; i++)
        {
            numbers[i] = next++;
        }

        // Parent of each item: the nearest earlier item of a lower level, or the root.
        var parent = new int[headings.Count];
        var children = new Dictionary<int, List<int>> { [-1] = [] };
        for (var i = 0; i < headings.Count; i++)
        {
            parent[i] = -1;
            for (var j = i - 1; j >= 0; j--)
            {
                if (headings[j].Level < headings[i].Level)
                {
                    parent[i] = j;
                    break;
                }
            }

            if (!children.TryGetValue(parent[i], out var list))
            {
                children[parent[i]] = list = [];
            }

            list.Add(i);
            children.TryAdd(i, []);
        }

        int Number(int item) => item < 0 ? rootNumber : numbers[item];
        for (var i = 0; i < headings.Count; i++)
        {
            var siblings = children[parent[i]];
            var index = siblings.IndexOf(i);
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"<</Title {PdfString(headings[i].Title)}\n/Parent {Number(parent[i])} 0 R\n/Dest /{headings[i].Name}");
            if (index > 0)
            {
                body.Append(CultureInfo.InvariantCulture, $"\n/Prev {numbers[siblings[index - 1]]} 0 R");
            }

            if (index < siblings.Count - 1)
            {
                body.Append(CultureInfo.InvariantCulture, $"\n/Next {numbers[siblings[index + 1]]} 0 R");
            }

            if (children[i].Count > 0)
            {
                // Negative count: chapters start closed, showing only their titles.
                body.Append(CultureInfo.InvariantCulture, $"\n/First {numbers[children[i][0]]} 0 R\n/Last {numbers[children[i][^1]]} 0 R\n/Count -{children[i].Count}");
            }

            body.Append(">>");
            write(numbers[i], body.ToString());
        }

        var top = children[-1];
        write(rootNumber, $"<</Type /Outlines\n/First {numbers[top[0]]} 0 R\n/Last {numbers[top[^1]]} 0 R\n/Count {top.Count}>>");
    }

    private static string Box(double x0, double y0, double x1, double y1) =>
        string.Create(CultureInfo.InvariantCulture, $"[{x0:0.####} {y0:0.####} {x1:0.####} {y1:0.####}]");

    /// <summary>A text string as UTF-16BE with BOM, in hex: safe for any title.</summary>
    private static string PdfString(string text)
    {
        var builder = new StringBuilder("<FEFF");
        foreach (var b in Encoding.BigEndianUnicode.GetBytes(text))
        {
            builder.Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.Append('>').ToString();
    }

    private static string InsertBeforeEnd(string dictionary, string entries)
    {
        var end = dictionary.LastIndexOf(">>", StringComparison.Ordinal);
        return dictionary[..end] + entries + dictionary[end..];
    }

    internal static string DictionaryEntry(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, $@"/{key}\s+(\d+(?:\s+\d+\s+R)?)");
        if (!match.Success)
        {
            throw new InvalidDataException($"PDF trailer has no /{key}");
        }

        return match.Groups[1].Value;
    }

    /// <summary>The dictionary of object at <paramref name="offset"/> (objects without streams: catalog, pages, destinations).</summary>
    internal static string ObjectBody(ReadOnlySpan<byte> bytes, long offset, bool peekOnly = false)
    {
        var window = bytes[(int)offset..];
        if (peekOnly)
        {
            window = window[..Math.Min(window.Length, 64)];
        }
        else if (window.IndexOf("endobj"u8) is var end and >= 0)
        {
            window = window[..end];
        }

        var text = Latin1.GetString(window);
        var start = text.IndexOf("obj", StringComparison.Ordinal) + 3;
        return text[start..].Trim();
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
    internal static partial Regex Trailer();
}
