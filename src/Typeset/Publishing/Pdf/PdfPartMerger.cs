using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// Joins PDFs that Skia wrote in parallel, each holding a consecutive run of the book's pages, into one document. Skia's
/// PDF writer is single-threaded and most of a book's time goes into it, so the pages are drawn in parts, one per core.
/// The first part's objects keep their numbers; every later part's objects are shifted past the ones before (object
/// references in their dictionaries renumbered, stream data copied byte for byte). A new page-tree root takes each part's
/// root as a kid, and one /Dests dictionary holds the named destinations of all parts, so a contents link or a bookmark
/// finds its heading whichever part drew it. A stream a later part repeats byte for byte (Skia embeds whole font files, so
/// every part carries the same ones) is kept once. The parts' own catalogs stay in the file, unreferenced.
/// </summary>
internal static partial class PdfPartMerger
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static void Merge(IReadOnlyList<byte[]> parts, Stream output)
    {
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        var read = parts.Select(Part.Read).ToList();
        var shifts = new int[read.Count];
        for (var i = 1; i < read.Count; i++)
        {
            shifts[i] = shifts[i - 1] + read[i - 1].Size - 1;
        }

        var total = shifts[^1] + read[^1].Size - 1;
        var pagesRoot = total + 1;
        var dests = total + 2;
        var catalog = total + 3;
        var offsets = new long[total + 4];
        var position = 0L;
        void Emit(ReadOnlySpan<byte> bytes)
        {
            output.Write(bytes);
            position += bytes.Length;
        }

        void EmitText(string text) => Emit(Latin1.GetBytes(text));

        // Streams a later part repeats (each part embeds the same font files, and a picture drawn in two parts twice) are
        // kept once: later references go to the first copy.
        var aliases = FindRepeatedStreams(read, shifts);

        // The header (version line and binary comment) as Skia wrote it.
        Emit(read[0].Bytes.AsSpan(0, (int)read[0].Offsets.Values.Min()));
        var destinations = new StringBuilder();
        var named = new HashSet<string>(StringComparer.Ordinal);
        var pageCount = 0;
        for (var i = 0; i < read.Count; i++)
        {
            var part = read[i];
            var shift = shifts[i];
            var alias = aliases[i];
            // A part's own repeats (two blank pages' empty content) are aliased too, so even the first part may need renumbering.
            string Renumbered(string text) => Renumber(text, shift, alias, force: alias.Count > 0);
            foreach (var (number, start, end) in part.Objects())
            {
                offsets[number + shift] = position;
                var bytes = part.Bytes.AsSpan((int)start, (int)(end - start));
                if (alias.ContainsKey(number))
                {
                    EmitText($"{number + shift} 0 obj\nnull\nendobj\n");
                }
                else if (number == part.PagesRoot)
                {
                    var body = Renumbered(Latin1.GetString(bytes));
                    var close = body.LastIndexOf(">>", StringComparison.Ordinal);
                    EmitText(body[..close] + $"\n/Parent {pagesRoot} 0 R" + body[close..]);
                }
                else if (shift == 0 && alias.Count == 0)
                {
                    Emit(bytes);
                }
                else
                {
                    // Only the dictionary is text to renumber; a stream's data is copied as it is.
                    var head = bytes.IndexOf("stream\n"u8);
                    var dictionary = head < 0 ? bytes : bytes[..head];
                    EmitText(Renumbered(Latin1.GetString(dictionary)));
                    if (head >= 0)
                    {
                        Emit(bytes[head..]);
                    }
                }
            }

            foreach (Match entry in Destination().Matches(part.Destinations))
            {
                if (named.Add(entry.Groups[1].Value))
                {
                    destinations.Append(CultureInfo.InvariantCulture, $"/{entry.Groups[1].Value} [{int.Parse(entry.Groups[2].Value, CultureInfo.InvariantCulture) + shift} 0 R {entry.Groups[3].Value}]\n");
                }
            }

            pageCount += part.PageCount;
        }

        var kids = string.Join(' ', read.Select((part, i) => $"{part.PagesRoot + shifts[i]} 0 R"));
        offsets[pagesRoot] = position;
        EmitText($"{pagesRoot} 0 obj\n<</Type /Pages\n/Count {pageCount}\n/Kids [{kids}]>>\nendobj\n");
        offsets[dests] = position;
        EmitText($"{dests} 0 obj\n<<{destinations.ToString().TrimEnd()}>>\nendobj\n");
        offsets[catalog] = position;
        var catalogBody = PagesEntry().Replace(read[0].Catalog, $"/Pages {pagesRoot} 0 R", 1);
        catalogBody = DestsEntry().IsMatch(catalogBody)
            ? DestsEntry().Replace(catalogBody, $"/Dests {dests} 0 R", 1)
            : catalogBody.Insert(catalogBody.LastIndexOf(">>", StringComparison.Ordinal), $"\n/Dests {dests} 0 R");
        EmitText($"{catalog} 0 obj\n{catalogBody}\nendobj\n");

        var xref = position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Length}\n0000000000 65535 f \n");
        for (var number = 1; number < offsets.Length; number++)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offsets[number]:D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {offsets.Length}\n/Root {catalog} 0 R");
        if (read[0].Info is { } info)
        {
            table.Append(CultureInfo.InvariantCulture, $"\n/Info {info} 0 R");
        }

        table.Append(CultureInfo.InvariantCulture, $">>\nstartxref\n{xref}\n%%EOF\n");
        EmitText(table.ToString());
    }

    /// <param name="alias">Objects of this part kept only as an earlier part's copy: number here → number in the output.</param>
    /// <param name="force">Renumber even with no shift (to compare dictionaries as they will be written).</param>
    private static string Renumber(string text, int shift, Dictionary<int, int> alias, bool force = false) => shift == 0 && !force
        ? text
        : Reference().Replace(text, match =>
        {
            var number = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var kind = match.Groups[2].Value;
            return $"{(kind == "R" && alias.TryGetValue(number, out var first) ? first : number + shift)} 0 {kind}";
        });

    /// <summary>
    /// For each part, its streams that repeat an earlier part's stream, mapped to that stream's number in the output. Two
    /// streams are the same when their data and their dictionaries are, references compared as they will be written: so a
    /// picture whose colour profile is itself a repeat is a repeat too (hence the passes until nothing new is found).
    /// </summary>
    private static Dictionary<int, int>[] FindRepeatedStreams(List<Part> parts, int[] shifts)
    {
        var aliases = parts.Select(_ => new Dictionary<int, int>()).ToArray();
        var streams = parts.Select(part => part.Objects()
            .Select(o => (o.Number, Bytes: part.Bytes.AsMemory((int)o.Start, (int)(o.End - o.Start))))
            .Where(o => o.Bytes.Span.IndexOf("stream\n"u8) >= 0)
            .ToList()).ToList();
        for (var found = true; found;)
        {
            found = false;
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < parts.Count; i++)
            {
                foreach (var (number, memory) in streams[i])
                {
                    if (aliases[i].ContainsKey(number))
                    {
                        continue;
                    }

                    var bytes = memory.Span;
                    var obj = bytes.IndexOf("obj"u8) + 3;
                    var head = bytes.IndexOf("stream\n"u8);
                    var dictionary = Renumber(Latin1.GetString(bytes[obj..head]), shifts[i], aliases[i], force: true);
                    var key = Convert.ToHexString(SHA256.HashData(Latin1.GetBytes(dictionary))) + Convert.ToHexString(SHA256.HashData(bytes[head..]));
                    if (seen.TryGetValue(key, out var first))
                    {
                        aliases[i][number] = first;
                        found = true;
                    }
                    else
                    {
                        seen[key] = number + shifts[i];
                    }
                }
            }
        }

        return aliases;
    }

    /// <summary>One part as Skia wrote it: a classic cross-reference table, every object numbered 1 to Size − 1.</summary>
    private sealed record Part(PdfFile File, string Catalog, int PagesRoot, string Destinations, int PageCount)
    {
        public byte[] Bytes => File.Bytes;

        public Dictionary<int, long> Offsets => File.Offsets;

        public int Size => File.Size;

        public int? Info => File.Info;

        public static Part Read(byte[] bytes)
        {
            var file = PdfFile.Read(bytes);
            if (file.Offsets.Count != file.Size - 1)
            {
                throw new InvalidDataException($"PDF part has {file.Offsets.Count} objects in use, expected {file.Size - 1}");
            }

            var catalog = file.Dictionary(file.Root);
            var pagesRoot = PdfFile.ReferencedNumber(PagesEntry().Match(catalog).Value["/Pages".Length..]);
            var destinations = DestsEntry().Match(catalog) is { Success: true } dests
                ? file.Dictionary(PdfFile.ReferencedNumber(dests.Value["/Dests".Length..]))
                : string.Empty;
            var count = int.Parse(CountEntry().Match(file.Dictionary(pagesRoot)).Groups[1].Value, CultureInfo.InvariantCulture);
            return new Part(file, catalog, pagesRoot, destinations, count);
        }

        public IEnumerable<(int Number, long Start, long End)> Objects() => File.Objects();
    }

    // An indirect reference ("12 0 R") or an object header ("12 0 obj"), not the tail of a real number.
    [GeneratedRegex(@"(?<![\d.])(\d+) 0 (R|obj)\b")]
    private static partial Regex Reference();

    [GeneratedRegex(@"/(\S+) \[(\d+) 0 R ([^\]]*)\]")]
    private static partial Regex Destination();

    [GeneratedRegex(@"/Pages \d+ 0 R")]
    private static partial Regex PagesEntry();

    [GeneratedRegex(@"/Dests \d+ 0 R")]
    private static partial Regex DestsEntry();

    [GeneratedRegex(@"/Count (\d+)")]
    private static partial Regex CountEntry();
}
