using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Typeset.Publishing.Preflight;

public enum PreflightStatus
{
    Pass,
    Warning,
    Fail,
}

/// <summary>One line of the report: what was checked, what the file holds, and whether a PDF/X-4 workflow accepts it.</summary>
public sealed record PreflightCheck(string Check, string Result, PreflightStatus Status);

public sealed record PreflightReport(string File, IReadOnlyList<PreflightCheck> Checks)
{
    public int Failures => Checks.Count(check => check.Status == PreflightStatus.Fail);

    public int Warnings => Checks.Count(check => check.Status == PreflightStatus.Warning);

    public string Summary => Failures == 0
        ? $"PDF/X-4 preflight passed ({Warnings} warning{(Warnings == 1 ? string.Empty : "s")})"
        : $"PDF/X-4 preflight failed: {Failures} problem{(Failures == 1 ? string.Empty : "s")}, {Warnings} warning{(Warnings == 1 ? string.Empty : "s")}";

    /// <summary>The report as a Markdown table, the way a printer's preflight lists it.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Preflight: {Path.GetFileName(File)}\n\n{Summary}.\n\n| check | result | status |\n|---|---|---|\n");
        foreach (var check in Checks)
        {
            var status = check.Status switch { PreflightStatus.Pass => "ok", PreflightStatus.Warning => "warning", _ => "FAIL" };
            text.Append(CultureInfo.InvariantCulture, $"| {check.Check} | {check.Result.Replace("|", "\\|", StringComparison.Ordinal)} | {status} |\n");
        }

        return text.ToString();
    }
}

/// <summary>
/// Checks a PDF against what a printing house's PDF/X-4 preflight asks (ISO 15930-7): version, PDF/X identification in
/// XMP and document info, the output intent and its ICC profile, dates, /Trapped and /ID, page boxes, the colour of
/// type and rules (never DeviceRGB; black on the K plate alone), image colour spaces and resolution at placed size,
/// fonts embedded and truly subset (glyph outlines counted, not the name tag trusted), transparency. It reads the file
/// with PdfPig, independently of the code that wrote it, so it can judge any PDF (<c>typeset doctor book.pdf</c>).
/// </summary>
public static partial class PdfPreflight
{
    public const double MinimumImagePpi = 300;

    public static PreflightReport Check(string path, double minimumPpi = MinimumImagePpi)
    {
        var checks = new List<PreflightCheck>();
        void Add(string check, string result, PreflightStatus status) => checks.Add(new PreflightCheck(check, result, status));
        var bytes = File.ReadAllBytes(path);
        using var document = PdfDocument.Open(bytes);
        var catalog = document.Structure.Catalog.CatalogDictionary;

        var version = HeaderVersion(bytes);
        Add("PDF version", version.ToString("0.0", CultureInfo.InvariantCulture), version >= 1.6 ? PreflightStatus.Pass : PreflightStatus.Fail);

        // Identification and metadata.
        var xmp = Resolve(document, catalog, "Metadata") is StreamToken metadata ? Encoding.UTF8.GetString(metadata.Decode(DefaultFilterProvider.Instance).Span) : null;
        var info = document.Information;
        var xmpVersion = xmp is null ? null : XmpValue(xmp, "pdfxid:GTS_PDFXVersion");
        var infoVersion = Get<StringToken>(info.DocumentInformationDictionary!, "GTS_PDFXVersion")?.Data;
        Add("PDF/X version", xmpVersion is null ? "none in XMP" : $"{xmpVersion} (XMP){(infoVersion is null ? string.Empty : $", {infoVersion} (info)")}",
            xmpVersion is not null && xmpVersion.StartsWith("PDF/X-4", StringComparison.Ordinal) && (infoVersion is null || infoVersion == xmpVersion) ? PreflightStatus.Pass : PreflightStatus.Fail);
        var missingXmp = xmp is null ? ["XMP"] : new[] { "xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass", "xmp:CreateDate", "xmp:ModifyDate", "dc:title" }.Where(key => !xmp.Contains("<" + key, StringComparison.Ordinal)).ToArray();
        Add("XMP metadata", missingXmp.Length == 0 ? "present: title, dates, document id, version, rendition class" : "missing " + string.Join(", ", missingXmp), missingXmp.Length == 0 ? PreflightStatus.Pass : PreflightStatus.Fail);
        var titleMatches = xmp is not null && info.Title is { Length: > 0 } title && xmp.Contains(System.Security.SecurityElement.Escape(title), StringComparison.Ordinal);
        Add("document title", info.Title is { Length: > 0 } t ? $"\"{t}\"{(titleMatches ? ", same in XMP" : ", differs from XMP")}" : "none", titleMatches ? PreflightStatus.Pass : PreflightStatus.Fail);
        var dates = info.CreationDate is not null && info.ModifiedDate is not null;
        Add("dates", dates ? $"created {info.CreationDate}, modified {info.ModifiedDate}" : "creation or modification date missing", dates ? PreflightStatus.Pass : PreflightStatus.Fail);
        var trapped = Get<NameToken>(info.DocumentInformationDictionary!, "Trapped")?.Data;
        Add("trapping", trapped is null ? "/Trapped missing" : $"/Trapped /{trapped}", trapped is "True" or "False" ? PreflightStatus.Pass : PreflightStatus.Fail);
        var hasId = TrailerId().IsMatch(Encoding.Latin1.GetString(bytes.AsSpan(Math.Max(0, bytes.Length - 2048))));
        Add("file identifier", hasId ? "/ID in the trailer" : "no /ID", hasId ? PreflightStatus.Pass : PreflightStatus.Fail);

        // Output intent.
        CheckOutputIntent(document, catalog, Add);

        // Pages, colour, images, fonts, transparency: page dictionaries and content-stream operators only, no letters built.
        var pageCount = 0;
        var boxProblems = new List<string>();
        var trimSizes = new HashSet<string>(StringComparer.Ordinal);
        var bleeds = new HashSet<string>(StringComparer.Ordinal);
        var scan = new ContentState(document, minimumPpi);
        var softMasks = 0;
        var constantAlpha = 0;
        var fonts = new Dictionary<string, string>(StringComparer.Ordinal);
        var fontProblems = new List<string>();
        foreach (var (number, page) in Pages(document, catalog))
        {
            pageCount++;
            var media = BoxOf(document, page, "MediaBox");
            var trim = BoxOf(document, page, "TrimBox") ?? BoxOf(document, page, "ArtBox");
            var bleed = BoxOf(document, page, "BleedBox") ?? media;
            if (trim is null)
            {
                boxProblems.Add($"page {number}: no TrimBox");
            }
            else if (media is not null && bleed is not null)
            {
                if (!Inside(trim, bleed) || !Inside(bleed, media))
                {
                    boxProblems.Add($"page {number}: TrimBox ⊄ BleedBox ⊄ MediaBox");
                }

                trimSizes.Add($"{Mm(trim[2] - trim[0])}×{Mm(trim[3] - trim[1])} mm");
                bleeds.Add($"{Mm(trim[0] - bleed[0])} mm");
            }

            var resources = Resolve(document, page, "Resources") as DictionaryToken;
            scan.ScanPage(number, ContentOf(document, page), resources);
            softMasks += SoftMasks(document, page);
            constantAlpha += ConstantAlpha(document, resources);
            foreach (var (name, fontReference) in FontNames(document, page))
            {
                if (!fonts.ContainsKey(name))
                {
                    fonts[name] = FontState(document, fontReference, fontProblems, name);
                }
            }
        }

        var (colourSpaces, textColours, rgbOperators, richBlackText) = (scan.ColourSpaces, scan.TextColours, scan.RgbOperators, scan.RichBlackText);
        var (imageCount, minPpi, lowImages) = (scan.ImageCount, scan.MinPpi, scan.LowImages);
        Add("page boxes", boxProblems.Count == 0 ? $"TrimBox on all {pageCount} pages, trim {string.Join(", ", trimSizes)}, bleed {string.Join(", ", bleeds)}" : string.Join("; ", boxProblems.Take(5)),
            boxProblems.Count == 0 ? PreflightStatus.Pass : PreflightStatus.Fail);
        Add("colour spaces", colourSpaces.Count == 0 ? "none" : string.Join(", ", colourSpaces), rgbOperators == 0 ? PreflightStatus.Pass : PreflightStatus.Fail);
        Add("text colour", textColours.Count == 0 ? "no text" : string.Join(", ", textColours) + (richBlackText > 0 ? $"; {richBlackText} text runs in rich black" : string.Empty),
            textColours.Any(c => c.StartsWith("DeviceRGB", StringComparison.Ordinal)) || richBlackText > 0 ? PreflightStatus.Fail : PreflightStatus.Pass);
        Add("fonts", fonts.Count == 0 ? "none" : string.Join("; ", fonts.Select(f => $"{f.Key}: {f.Value}")), fontProblems.Count == 0 ? PreflightStatus.Pass : PreflightStatus.Fail);
        Add("image resolution", imageCount == 0 ? "no images" : lowImages.Count == 0 ? $"{imageCount} images, lowest {minPpi:0} ppi at placed size" : $"{lowImages.Count} of {imageCount} images under {minimumPpi:0} ppi: " + string.Join("; ", lowImages.Take(5)),
            lowImages.Count == 0 ? PreflightStatus.Pass : PreflightStatus.Warning);
        var transparency = softMasks + constantAlpha;
        Add("transparency", transparency == 0 ? "none" : $"{softMasks} images with a soft mask, {transparency - softMasks} transparent drawing states (allowed in PDF/X-4)", PreflightStatus.Pass);
        return new PreflightReport(path, checks);
    }

    private static void CheckOutputIntent(PdfDocument document, DictionaryToken catalog, Action<string, string, PreflightStatus> add)
    {
        var intents = Resolve(document, catalog, "OutputIntents") as ArrayToken;
        var pdfX = intents?.Data.Select(token => Deref(document, token) as DictionaryToken)
            .FirstOrDefault(intent => intent is not null && Get<NameToken>(intent, "S")?.Data == "GTS_PDFX");
        if (pdfX is null)
        {
            add("output intent", "no GTS_PDFX output intent", PreflightStatus.Fail);
            return;
        }

        var condition = pdfX.TryGet(NameToken.Create("OutputConditionIdentifier"), out IToken? identifier) ? TextOf(identifier) : "?";
        if (Resolve(document, pdfX, "DestOutputProfile") is not StreamToken profile)
        {
            add("output intent", $"{condition}, no embedded ICC profile", PreflightStatus.Fail);
            return;
        }

        var icc = profile.Decode(DefaultFilterProvider.Instance).Span;
        var valid = icc.Length > 40 && icc.Slice(36, 4).SequenceEqual("acsp"u8);
        var space = valid ? Encoding.ASCII.GetString(icc.Slice(16, 4)).Trim() : "?";
        var deviceClass = valid ? Encoding.ASCII.GetString(icc.Slice(12, 4)) : "?";
        var description = pdfX.TryGet(NameToken.Create("Info"), out IToken? infoToken) ? TextOf(infoToken) : string.Empty;
        add("output intent", $"{condition} ({description}), ICC profile embedded: {space}, class {deviceClass}, {icc.Length / 1024} KiB",
            valid && space == "CMYK" && deviceClass == "prtr" ? PreflightStatus.Pass : PreflightStatus.Fail);
    }

    /// <summary>Embedded or not, and whether the font program really is a subset (glyphs with outlines among all glyphs).</summary>
    private static string FontState(PdfDocument document, IToken reference, List<string> problems, string name)
    {
        if (Deref(document, reference) is not DictionaryToken font)
        {
            return "unreadable";
        }

        var descriptorHolder = font;
        if (Resolve(document, font, "DescendantFonts") is ArrayToken descendants && descendants.Data.Count > 0 && Deref(document, descendants.Data[0]) is DictionaryToken cidFont)
        {
            descriptorHolder = cidFont;
        }

        if (Get<NameToken>(font, "Subtype")?.Data == "Type3")
        {
            return "Type 3 (drawn glyphs)";
        }

        if (Resolve(document, descriptorHolder, "FontDescriptor") is not DictionaryToken descriptor)
        {
            problems.Add(name);
            return "not embedded";
        }

        var program = Resolve(document, descriptor, "FontFile2") as StreamToken;
        var other = program is null && (Resolve(document, descriptor, "FontFile3") is StreamToken || Resolve(document, descriptor, "FontFile") is StreamToken);
        if (program is null && !other)
        {
            problems.Add(name);
            return "not embedded";
        }

        if (program is null)
        {
            return "embedded (CFF/Type 1, subset not measured)";
        }

        var (outlines, total) = TrueTypeGlyphs(program.Decode(DefaultFilterProvider.Instance).Span);
        var subset = total > 0 && outlines < total * 0.5;
        if (!subset)
        {
            problems.Add(name);
        }

        return total == 0 ? "embedded, glyph table unreadable" : $"embedded, {(subset ? "subset" : "NOT subset")} ({outlines} of {total} glyphs)";
    }

    /// <summary>How many glyphs of a TrueType font have outlines (non-empty 'glyf' entries), and how many it has.</summary>
    internal static (int Outlines, int Total) TrueTypeGlyphs(ReadOnlySpan<byte> font)
    {
        if (font.Length < 12)
        {
            return (0, 0);
        }

        var tables = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        int head = -1, maxp = -1, loca = -1, locaLength = 0;
        for (var i = 0; i < tables && 12 + (i + 1) * 16 <= font.Length; i++)
        {
            var record = font.Slice(12 + i * 16, 16);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            switch (Encoding.ASCII.GetString(record[..4]))
            {
                case "head": head = offset; break;
                case "maxp": maxp = offset; break;
                case "loca": loca = offset; locaLength = length; break;
            }
        }

        if (head < 0 || maxp < 0 || loca < 0 || head + 52 > font.Length || maxp + 6 > font.Length || loca + locaLength > font.Length)
        {
            return (0, 0);
        }

        var total = BinaryPrimitives.ReadUInt16BigEndian(font[(maxp + 4)..]);
        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(font[(head + 50)..]) == 1;
        var outlines = 0;
        for (var glyph = 0; glyph < total; glyph++)
        {
            long start, end;
            if (longOffsets)
            {
                if (loca + (glyph + 2) * 4 > font.Length)
                {
                    break;
                }

                start = BinaryPrimitives.ReadUInt32BigEndian(font[(loca + glyph * 4)..]);
                end = BinaryPrimitives.ReadUInt32BigEndian(font[(loca + (glyph + 1) * 4)..]);
            }
            else
            {
                if (loca + (glyph + 2) * 2 > font.Length)
                {
                    break;
                }

                start = BinaryPrimitives.ReadUInt16BigEndian(font[(loca + glyph * 2)..]) * 2L;
                end = BinaryPrimitives.ReadUInt16BigEndian(font[(loca + (glyph + 1) * 2)..]) * 2L;
            }

            outlines += end > start ? 1 : 0;
        }

        return (outlines, total);
    }

    private static Dictionary<string, IToken> FontNames(PdfDocument document, DictionaryToken page)
    {
        var result = new Dictionary<string, IToken>(StringComparer.Ordinal);
        if (Resolve(document, page, "Resources") is DictionaryToken resources && Resolve(document, resources, "Font") is DictionaryToken fonts)
        {
            foreach (var (key, value) in fonts.Data)
            {
                var font = Deref(document, value) as DictionaryToken;
                var baseFont = (font is null ? null : Get<NameToken>(font, "BaseFont")?.Data) ?? key;
                result.TryAdd(baseFont, value);
            }
        }

        return result;
    }

    private static string SpaceName(PdfDocument document, DictionaryToken? resources, string name)
    {
        if (resources is not null && Resolve(document, resources, "ColorSpace") is DictionaryToken spaces
            && spaces.TryGet(NameToken.Create(name), out IToken? space) && Deref(document, space) is ArrayToken array && array.Data.Count > 1)
        {
            var family = (Deref(document, array.Data[0]) as NameToken)?.Data ?? "?";
            return family == "Separation" && Deref(document, array.Data[1]) is NameToken colorant ? $"Separation /{colorant.Data}" : family;
        }

        return name;
    }

    private static int SoftMasks(PdfDocument document, DictionaryToken page)
    {
        if (Resolve(document, page, "Resources") is not DictionaryToken resources || Resolve(document, resources, "XObject") is not DictionaryToken xobjects)
        {
            return 0;
        }

        return xobjects.Data.Values.Count(value => Deref(document, value) is StreamToken stream && stream.StreamDictionary.ContainsKey(NameToken.Create("SMask")));
    }

    private static int ConstantAlpha(PdfDocument document, DictionaryToken? resources)
    {
        var count = 0;
        if (resources is not null && Resolve(document, resources, "ExtGState") is DictionaryToken states)
        {
            foreach (var state in states.Data.Values.Select(value => Deref(document, value)).OfType<DictionaryToken>())
            {
                foreach (var key in new[] { "CA", "ca" })
                {
                    if (Get<NumericToken>(state, key) is { Double: < 1 })
                    {
                        count++;
                    }
                }
            }
        }

        return count;
    }

    private static double[]? BoxOf(PdfDocument document, DictionaryToken page, string key) =>
        Resolve(document, page, key) is ArrayToken box && box.Data.Count == 4
            ? box.Data.Select(token => (Deref(document, token) as NumericToken)?.Double ?? 0).ToArray()
            : null;

    private static bool Inside(double[] inner, double[] outer) =>
        inner[0] >= outer[0] - 0.01 && inner[1] >= outer[1] - 0.01 && inner[2] <= outer[2] + 0.01 && inner[3] <= outer[3] + 0.01;

    private static T? Get<T>(DictionaryToken dictionary, string key)
        where T : class, IToken =>
        dictionary.TryGet(NameToken.Create(key), out IToken? value) && value is T typed ? typed : null;

    private static IToken? Resolve(PdfDocument document, DictionaryToken dictionary, string key) =>
        dictionary.TryGet(NameToken.Create(key), out IToken? value) ? Deref(document, value) : null;

    private static IToken? Deref(PdfDocument document, IToken token) =>
        token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data)?.Data : token;

    private static string TextOf(IToken token) => token switch
    {
        StringToken text => text.Data,
        HexToken hex => hex.Data,
        NameToken name => name.Data,
        _ => token.ToString() ?? string.Empty,
    };

    private static double HeaderVersion(byte[] bytes)
    {
        var header = Encoding.ASCII.GetString(bytes.AsSpan(0, Math.Min(16, bytes.Length)));
        var match = HeaderPattern().Match(header);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static string? XmpValue(string xmp, string key)
    {
        var match = Regex.Match(xmp, $"<{Regex.Escape(key)}>([^<]*)</{Regex.Escape(key)}>");
        if (match.Success)
        {
            return match.Groups[1].Value.Trim();
        }

        match = Regex.Match(xmp, $"{Regex.Escape(key)}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    private static string Mm(double points) => (points * 25.4 / 72).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"%PDF-(\d\.\d)")]
    private static partial Regex HeaderPattern();

    [GeneratedRegex(@"/ID\s*\[")]
    private static partial Regex TrailerId();
}
