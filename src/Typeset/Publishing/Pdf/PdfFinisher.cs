using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Typeset.Interop.HarfBuzz;
using Typeset.Model;

namespace Typeset.Publishing.Pdf;

/// <summary>How the file is finished for its use: PDF/X-4 for the printing house (CMYK output intent) or RGB for screens.</summary>
/// <param name="OutputProfile">The output intent's ICC profile (CMYK); null for a screen PDF.</param>
/// <param name="OutputCondition">The registered characterisation the profile describes (e.g. <c>CGATS TR 001</c>).</param>
/// <param name="OutputConditionInfo">The profile's own description, for the output intent's /Info.</param>
internal sealed record PrintOutput(byte[]? OutputProfile, string OutputCondition, string OutputConditionInfo)
{
    public static readonly PrintOutput Screen = new(null, string.Empty, string.Empty);

    public bool IsPdfX => OutputProfile is not null;
}

/// <summary>Everything the finished file needs beyond what Skia drew.</summary>
internal sealed record FinishSettings(IReadOnlyList<HeadingAnchor> Outline, BookMeta Meta, PageGeometry Geometry, PrintOutput Print, DateTimeOffset Date, PdfStructure? Structure = null);

/// <summary>
/// Writes the final file from what Skia drew (one part, or parts joined by <see cref="PdfPartMerger"/>): every object
/// copied once, the changed ones rewritten, no superseded objects left behind.
/// <list type="bullet">
/// <item>Page content: greys to DeviceGray, crop marks to registration, glyphs listed (<see cref="ContentRewriter"/>).</item>
/// <item>Fonts: Skia embeds whole font files; each is cut to the glyphs drawn (<see cref="FontSubsetter"/>), ids kept.</item>
/// <item>Pages: TrimBox on every page, BleedBox when the media is larger, a transparency group where an image has alpha.</item>
/// <item>Catalog: outline (bookmarks to the named destinations Skia wrote), /Lang, for PDF/X-4 the output intent with
/// its ICC profile and the XMP metadata; document info with dates, /Trapped and the PDF/X version; the trailer's /ID.</item>
/// </list>
/// Content streams are rewritten on all cores; the whole pass takes tens of milliseconds for a 300-page book.
/// </summary>
internal static class PdfFinisher
{
    public const string PdfXVersion = "PDF/X-4";

    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static void Finish(byte[] drawn, FinishSettings settings, Stream output)
    {
        var file = PdfFile.Read(drawn);
        var replaced = new Dictionary<int, byte[]>();
        var next = file.Size;
        void Write(int number, string body) => replaced[number] = Latin1.GetBytes(body);
        void WriteStream(int number, string dictionary, ReadOnlySpan<byte> data)
        {
            var head = Latin1.GetBytes($"{dictionary}\nstream\n");
            var tail = "\nendstream"u8;
            var bytes = new byte[head.Length + data.Length + tail.Length];
            head.CopyTo(bytes, 0);
            data.CopyTo(bytes.AsSpan(head.Length));
            tail.CopyTo(bytes.AsSpan(head.Length + data.Length));
            replaced[number] = bytes;
        }

        var print = settings.Print;
        var pages = file.Pages();

        // Page content, on all cores: colours for print, glyphs for the subsets.
        var glyphsByFontFile = new ConcurrentDictionary<int, HashSet<ushort>>();
        var fontFiles = new ConcurrentDictionary<int, int?>();
        var registrationPages = new ConcurrentDictionary<int, bool>();
        var rewritten = new ConcurrentDictionary<int, byte[]>();
        var marksByPage = new ConcurrentDictionary<int, List<int>>();
        var widths = new ConcurrentDictionary<int, Func<int, double>?>();
        Parallel.ForEach(pages, page =>
        {
            var body = file.Dictionary(page);
            if (PdfFile.ReferenceEntry(body, "Contents") is not { } contents)
            {
                return;
            }

            var decoded = file.DecodedStream(contents);
            if (decoded.Length == 0)
            {
                return;
            }

            var glyphs = new Dictionary<string, HashSet<ushort>>(StringComparer.Ordinal);
            var marks = new List<int>();
            var pageFonts = PdfFile.NamedReferences(PdfFile.SubDictionary(body, "Font"));
            var content = ContentRewriter.Rewrite(decoded, print.IsPdfX, settings.Structure,
                name => pageFonts.TryGetValue(name, out var font) ? widths.GetOrAdd(font, f => WidthsOf(file, f)) : null,
                glyphs, out var registration, marks);
            rewritten[contents] = PdfFile.Deflate(content.Written);
            marksByPage[page] = marks;
            if (registration)
            {
                registrationPages[page] = true;
            }

            var fonts = PdfFile.NamedReferences(PdfFile.SubDictionary(body, "Font"));
            foreach (var (name, used) in glyphs)
            {
                if (fonts.TryGetValue(name, out var font) && fontFiles.GetOrAdd(font, f => FontFileOf(file, f)) is { } fontFile)
                {
                    var set = glyphsByFontFile.GetOrAdd(fontFile, _ => []);
                    lock (set)
                    {
                        set.UnionWith(used);
                    }
                }
            }
        });
        foreach (var (number, data) in rewritten)
        {
            WriteStream(number, $"<</Filter /FlateDecode\n/Length {data.Length}>>", data);
        }

        // Fonts cut to the glyphs drawn (a font HarfBuzz cannot subset stays whole).
        Parallel.ForEach(glyphsByFontFile, entry =>
        {
            var (fontFile, glyphs) = entry;
            var subset = FontSubsetter.Subset(file.DecodedStream(fontFile), glyphs);
            if (subset is not null)
            {
                var data = PdfFile.Deflate(subset);
                lock (replaced)
                {
                    WriteStream(fontFile, $"<</Length1 {subset.Length}\n/Filter /FlateDecode\n/Length {data.Length}>>", data);
                }
            }
        });

        var registrationSpace = 0;
        if (!registrationPages.IsEmpty)
        {
            registrationSpace = next++;
            Write(registrationSpace, "[/Separation /All /DeviceCMYK <</FunctionType 2\n/Domain [0 1]\n/C0 [0 0 0 0]\n/C1 [1 1 1 1]\n/N 1>>]");
        }

        // The structure tree: which page's marked content belongs to which element, and the link annotations.
        var structParents = new Dictionary<int, int>();
        var annotationParents = new Dictionary<int, int>();
        var structTreeRoot = 0;
        if (settings.Structure is { } structure)
        {
            structTreeRoot = WriteStructure(file, structure, pages, marksByPage, structParents, annotationParents, ref next, Write, settings.Outline);
        }

        var geometry = settings.Geometry;
        var trim = Box(geometry.Offset, geometry.Offset, geometry.Offset + geometry.Width, geometry.Offset + geometry.Height);
        var bleed = Box(geometry.MarkArea, geometry.MarkArea, geometry.MediaWidth - geometry.MarkArea, geometry.MediaHeight - geometry.MarkArea);
        foreach (var page in pages)
        {
            var body = file.Dictionary(page);
            var extra = new StringBuilder($"\n/TrimBox {trim}");
            if (geometry.Offset > 0)
            {
                extra.Append(CultureInfo.InvariantCulture, $"\n/BleedBox {bleed}");
            }

            if (HasSoftMask(file, body) && !body.Contains("/Group", StringComparison.Ordinal))
            {
                // Images with alpha are kept as soft masks (PDF/X-4 allows transparency); the page says how to blend them.
                extra.Append(print.IsPdfX ? "\n/Group <</Type /Group\n/S /Transparency\n/CS /DeviceCMYK>>" : "\n/Group <</Type /Group\n/S /Transparency\n/CS /DeviceRGB>>");
            }

            if (registrationPages.ContainsKey(page))
            {
                body = AddResource(body, "ColorSpace", $"/{ContentRewriter.RegistrationSpace} {registrationSpace} 0 R");
            }

            if (structParents.TryGetValue(page, out var parents))
            {
                extra.Append(CultureInfo.InvariantCulture, $"\n/StructParents {parents}");
            }

            Write(page, PdfFile.InsertBeforeEnd(body, extra.ToString()));
        }

        // Catalog: language, outline, output intent, metadata.
        var meta = settings.Meta;
        var catalog = new StringBuilder();
        catalog.Append(CultureInfo.InvariantCulture, $"\n/Lang {PdfString(meta.Language)}");
        if (settings.Outline.Count > 0)
        {
            var outlineRoot = next++;
            catalog.Append(CultureInfo.InvariantCulture, $"\n/Outlines {outlineRoot} 0 R\n/PageMode /UseOutlines");
            WriteOutline(settings.Outline, outlineRoot, ref next, Write);
        }

        foreach (var (annotation, parent) in annotationParents)
        {
            Write(annotation, PdfFile.InsertBeforeEnd(file.Dictionary(annotation), $"\n/StructParent {parent}"));
        }

        if (structTreeRoot > 0)
        {
            catalog.Append(CultureInfo.InvariantCulture, $"\n/StructTreeRoot {structTreeRoot} 0 R\n/MarkInfo <</Marked true>>");
        }

        var documentId = Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"typeset\n{meta.Title}\n{meta.Author}\n{meta.Isbn}")));
        if (print.IsPdfX)
        {
            var profile = next++;
            var profileData = PdfFile.Deflate(print.OutputProfile);
            WriteStream(profile, $"<</N 4\n/Filter /FlateDecode\n/Length {profileData.Length}>>", profileData);
            var intent = next++;
            Write(intent, $"<</Type /OutputIntent\n/S /GTS_PDFX\n/OutputConditionIdentifier {PdfString(print.OutputCondition)}\n/RegistryName (http://www.color.org)\n/Info {PdfString(print.OutputConditionInfo)}\n/DestOutputProfile {profile} 0 R>>");
            catalog.Append(CultureInfo.InvariantCulture, $"\n/OutputIntents [{intent} 0 R]");
        }

        var instanceId = Guid(SHA256.HashData(drawn));
        var metadata = next++;
        var xmp = Encoding.UTF8.GetBytes(Xmp(meta, settings.Date, print.IsPdfX, documentId, instanceId));
        WriteStream(metadata, $"<</Type /Metadata\n/Subtype /XML\n/Length {xmp.Length}>>", xmp);
        catalog.Append(CultureInfo.InvariantCulture, $"\n/Metadata {metadata} 0 R");
        Write(file.Root, PdfFile.InsertBeforeEnd(file.Dictionary(file.Root), catalog.ToString()));

        var info = file.Info ?? next++;
        Write(info, Info(meta, settings.Date, print.IsPdfX));

        WriteFile(file, replaced, next, info, instanceId, output);
    }

    /// <summary>
    /// Writes the structure tree: a Document element holding the book's elements in reading order (a caption under its
    /// figure, contents items under the contents, a link under its item), each with its marked content on every page
    /// (MCRs) and its link annotations (OBJRs); the parent tree maps each page's MCIDs and each annotation back.
    /// Returns the root's object number.
    /// </summary>
    private static int WriteStructure(PdfFile file, PdfStructure structure, List<int> pages, ConcurrentDictionary<int, List<int>> marksByPage,
        Dictionary<int, int> structParents, Dictionary<int, int> annotationParents, ref int next, Action<int, string> write, IReadOnlyList<HeadingAnchor> outline)
    {
        var root = next++;
        var document = next++;
        var elements = structure.Elements.OrderBy(e => e.Value.Order).ThenBy(e => e.Value.Key, StringComparer.Ordinal).ToList();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, element) in elements)
        {
            numbers[element.Key] = next++;
        }

        var content = elements.ToDictionary(e => e.Key, _ => new List<string>());
        var parentTree = new List<(int Key, string Value)>();
        var nextKey = 0;
        for (var p = 0; p < pages.Count; p++)
        {
            if (!marksByPage.TryGetValue(pages[p], out var marks) || marks.Count == 0)
            {
                continue;
            }

            structParents[pages[p]] = nextKey;
            parentTree.Add((nextKey++, "[" + string.Join(' ', marks.Select(mark => $"{numbers[structure.Elements[mark].Key]} 0 R")) + "]"));
            for (var mcid = 0; mcid < marks.Count; mcid++)
            {
                content[marks[mcid]].Add($"<</Type /MCR /Pg {pages[p]} 0 R /MCID {mcid}>>");
            }
        }

        // Link annotations, in the order Skia listed them on each page, belong to the elements the renderer recorded.
        var marksByKey = elements.ToDictionary(e => e.Value.Key, e => e.Key, StringComparer.Ordinal);
        foreach (var ((pageNumber, index), key) in structure.Links.OrderBy(link => link.Key))
        {
            if (pageNumber < 1 || pageNumber > pages.Count)
            {
                continue;
            }

            var annotations = PdfFile.Reference().Matches(PdfFile.ArrayEntry(file.Dictionary(pages[pageNumber - 1]), "Annots"))
                .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            if (index >= annotations.Count)
            {
                continue;
            }

            annotationParents[annotations[index]] = nextKey;
            parentTree.Add((nextKey++, $"{numbers[key]} 0 R"));
            content[marksByKey[key]].Add($"<</Type /OBJR /Obj {annotations[index]} 0 R /Pg {pages[pageNumber - 1]} 0 R>>");
        }

        var children = elements.GroupBy(e => e.Value.ParentKey ?? string.Empty).ToDictionary(g => g.Key, g => g.Select(e => e.Value.Key).ToList(), StringComparer.Ordinal);
        foreach (var (mark, element) in elements)
        {
            var kids = content[mark].Concat(children.GetValueOrDefault(element.Key, []).Select(child => $"{numbers[child]} 0 R"));
            var parent = element.ParentKey is { } parentKey ? numbers[parentKey] : document;
            var body = new StringBuilder($"<</Type /StructElem\n/S /{element.Type}\n/P {parent} 0 R\n/K [{string.Join(' ', kids)}]");
            if (element.Attributes is { } attributes)
            {
                body.Append(CultureInfo.InvariantCulture, $"\n/A {attributes}");
            }

            if (element.Alt is { } alt)
            {
                body.Append(CultureInfo.InvariantCulture, $"\n/Alt {PdfString(alt)}");
            }

            if (element.Type == "Link" && outline.FirstOrDefault(h => element.Key == $"link:{h.Name}") is { } heading)
            {
                body.Append(CultureInfo.InvariantCulture, $"\n/Alt {PdfString(heading.Title)}");
            }

            write(numbers[element.Key], body.Append(">>").ToString());
        }

        write(document, $"<</Type /StructElem\n/S /Document\n/P {root} 0 R\n/K [{string.Join(' ', children.GetValueOrDefault(string.Empty, []).Select(key => $"{numbers[key]} 0 R"))}]>>");
        var tree = next++;
        write(tree, "<</Nums [" + string.Join('\n', parentTree.Select(entry => $"{entry.Key} {entry.Value}")) + "]>>");
        write(root, $"<</Type /StructTreeRoot\n/K [{document} 0 R]\n/ParentTree {tree} 0 R\n/ParentTreeNextKey {nextKey}>>");
        return root;
    }

    /// <summary>Glyph advances of a Type0 font, from its CIDFont's widths; null for other fonts.</summary>
    private static Func<int, double>? WidthsOf(PdfFile file, int font)
    {
        var descendant = PdfFile.Reference().Match(PdfFile.ArrayEntry(file.Dictionary(font), "DescendantFonts"));
        return descendant.Success
            ? TextRunCompactor.WidthsFromCidFont(file.Dictionary(int.Parse(descendant.Groups[1].Value, CultureInfo.InvariantCulture)))
            : null;
    }

    /// <summary>The FontFile2 stream behind a Type0 font (Type0 → CIDFont → descriptor), or null (Type3 and others).</summary>
    private static int? FontFileOf(PdfFile file, int font)
    {
        var type0 = file.Dictionary(font);
        var descendant = PdfFile.Reference().Match(PdfFile.ArrayEntry(type0, "DescendantFonts"));
        if (!descendant.Success)
        {
            return null;
        }

        var cidFont = file.Dictionary(int.Parse(descendant.Groups[1].Value, CultureInfo.InvariantCulture));
        return PdfFile.ReferenceEntry(cidFont, "FontDescriptor") is { } descriptor
            ? PdfFile.ReferenceEntry(file.Dictionary(descriptor), "FontFile2")
            : null;
    }

    private static bool HasSoftMask(PdfFile file, string page) =>
        PdfFile.NamedReferences(PdfFile.SubDictionary(page, "XObject")).Values
            .Any(xobject => file.Dictionary(xobject).Contains("/SMask", StringComparison.Ordinal));

    /// <summary>Adds <paramref name="entry"/> to the page's inline resource sub-dictionary <paramref name="kind"/>.</summary>
    private static string AddResource(string page, string kind, string entry)
    {
        var resources = PdfFile.SubDictionary(page, "Resources");
        var existing = PdfFile.SubDictionary(resources, kind);
        var updated = existing.Length > 0
            ? resources.Replace($"/{kind} <<{existing}>>", $"/{kind} <<{existing}\n{entry}>>", StringComparison.Ordinal)
            : resources + $"\n/{kind} <<{entry}>>";
        return page.Replace($"/Resources <<{resources}>>", $"/Resources <<{updated}>>", StringComparison.Ordinal);
    }

    private static void WriteFile(PdfFile file, Dictionary<int, byte[]> replaced, int size, int info, Guid instanceId, Stream output)
    {
        var ranges = file.Objects().ToDictionary(o => o.Number, o => (o.Start, o.End));
        var offsets = new long[size];
        using var buffer = new MemoryStream(file.Bytes.Length);
        buffer.Write(Latin1.GetBytes("%PDF-1.6\n%\u00E2\u00E3\u00CF\u00D3\n"));
        for (var number = 1; number < size; number++)
        {
            offsets[number] = buffer.Position;
            if (replaced.TryGetValue(number, out var body))
            {
                buffer.Write(Latin1.GetBytes($"{number} 0 obj\n"));
                buffer.Write(body);
                buffer.Write("\nendobj\n"u8);
            }
            else if (ranges.TryGetValue(number, out var range))
            {
                buffer.Write(file.Bytes.AsSpan((int)range.Start, (int)(range.End - range.Start)));
            }
            else
            {
                buffer.Write(Latin1.GetBytes($"{number} 0 obj\nnull\nendobj\n"));
            }
        }

        var xref = buffer.Position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {size}\n0000000000 65535 f \n");
        for (var number = 1; number < size; number++)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offsets[number]:D10} 00000 n \n");
        }

        // /ID: the first half names the document (stable across builds), the second this build.
        var id = Convert.ToHexString(instanceId.ToByteArray(bigEndian: true));
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {size}\n/Root {file.Root} 0 R\n/Info {info} 0 R\n/ID [<{id}> <{id}>]>>\nstartxref\n{xref}\n%%EOF\n");
        buffer.Write(Latin1.GetBytes(table.ToString()));
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static string Info(BookMeta meta, DateTimeOffset date, bool pdfX)
    {
        var info = new StringBuilder("<<");
        info.Append(CultureInfo.InvariantCulture, $"/Title {PdfString(meta.Title)}");
        if (meta.Author is { Length: > 0 } author)
        {
            info.Append(CultureInfo.InvariantCulture, $"\n/Author {PdfString(author)}");
        }

        if (meta.Subtitle is { Length: > 0 } subtitle)
        {
            info.Append(CultureInfo.InvariantCulture, $"\n/Subject {PdfString(subtitle)}");
        }

        if (Keywords(meta) is { Length: > 0 } keywords)
        {
            info.Append(CultureInfo.InvariantCulture, $"\n/Keywords {PdfString(keywords)}");
        }

        var stamp = "D:" + date.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";
        info.Append(CultureInfo.InvariantCulture, $"\n/Creator (Typeset)\n/Producer (Typeset)\n/CreationDate ({stamp})\n/ModDate ({stamp})\n/Trapped /False");
        if (pdfX)
        {
            info.Append(CultureInfo.InvariantCulture, $"\n/GTS_PDFXVersion ({PdfXVersion})");
        }

        return info.Append(">>").ToString();
    }

    internal static string Keywords(BookMeta meta) =>
        string.Join(", ", new[] { meta.Publisher, meta.City, meta.Year?.ToString(CultureInfo.InvariantCulture), meta.Isbn is null ? null : "ISBN " + meta.Isbn }.Where(part => part is { Length: > 0 }));

    /// <summary>XMP metadata matching the document info, as PDF/X-4 requires (with its version, rendition class and ids).</summary>
    private static string Xmp(BookMeta meta, DateTimeOffset date, bool pdfX, Guid documentId, Guid instanceId)
    {
        static string X(string text) => System.Security.SecurityElement.Escape(text);
        var stamp = date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var xmp = new StringBuilder();
        xmp.Append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
        xmp.Append("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n");
        xmp.Append("<dc:format>application/pdf</dc:format>\n");
        xmp.Append(CultureInfo.InvariantCulture, $"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{X(meta.Title)}</rdf:li></rdf:Alt></dc:title>\n");
        if (meta.Author is { Length: > 0 } author)
        {
            xmp.Append(CultureInfo.InvariantCulture, $"<dc:creator><rdf:Seq><rdf:li>{X(author)}</rdf:li></rdf:Seq></dc:creator>\n");
        }

        if (meta.Subtitle is { Length: > 0 } subtitle)
        {
            xmp.Append(CultureInfo.InvariantCulture, $"<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{X(subtitle)}</rdf:li></rdf:Alt></dc:description>\n");
        }

        xmp.Append(CultureInfo.InvariantCulture, $"<dc:language><rdf:Bag><rdf:li>{X(meta.Language)}</rdf:li></rdf:Bag></dc:language>\n");
        if (Keywords(meta) is { Length: > 0 } keywords)
        {
            xmp.Append(CultureInfo.InvariantCulture, $"<pdf:Keywords>{X(keywords)}</pdf:Keywords>\n");
        }

        xmp.Append(CultureInfo.InvariantCulture, $"<pdf:Producer>Typeset</pdf:Producer>\n<pdf:Trapped>False</pdf:Trapped>\n<xmp:CreatorTool>Typeset</xmp:CreatorTool>\n");
        xmp.Append(CultureInfo.InvariantCulture, $"<xmp:CreateDate>{stamp}</xmp:CreateDate>\n<xmp:ModifyDate>{stamp}</xmp:ModifyDate>\n<xmp:MetadataDate>{stamp}</xmp:MetadataDate>\n");
        xmp.Append(CultureInfo.InvariantCulture, $"<xmpMM:DocumentID>uuid:{documentId:D}</xmpMM:DocumentID>\n<xmpMM:InstanceID>uuid:{instanceId:D}</xmpMM:InstanceID>\n<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n");
        if (pdfX)
        {
            xmp.Append(CultureInfo.InvariantCulture, $"<pdfxid:GTS_PDFXVersion>{PdfXVersion}</pdfxid:GTS_PDFXVersion>\n");
        }

        xmp.Append("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n");
        // Room for an editor's tool to update the packet in place, as the XMP specification suggests.
        xmp.Append(' ', 512).Append("\n<?xpacket end=\"w\"?>");
        return xmp.ToString();
    }

    /// <summary>A name-based UUID (version 5 layout) from a hash.</summary>
    private static Guid Guid(byte[] hash)
    {
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
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
    internal static string PdfString(string text)
    {
        var builder = new StringBuilder("<FEFF");
        foreach (var b in Encoding.BigEndianUnicode.GetBytes(text))
        {
            builder.Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.Append('>').ToString();
    }
}
