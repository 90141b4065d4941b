using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkiaSharp;
using Typeset.Publishing.Hyphenation;

// Typesets the sample excerpt into book pages at 300 dpi (running heads, folios, figures with captions, footnotes at
// the page foot), degrades them like a scan (rotation, blur, noise, JPEG) with a seeded RNG, and writes
// page-NN.jpg + page-NN.gt.txt (every printed line) + page-NN.truth.json (layout truth for tests) + scans.pdf.
// Usage: SampleScans EXCERPT.md OUT_DIR [PDF_PATH] [SEED] [faults] [--style STYLE.json]
// --style sets fonts, sizes, page, resolution, hyphenation and degradation (bench/cleanup uses it for its books);
// without it the pages are the sample book's, byte for byte as before.
var styleAt = Array.IndexOf(args, "--style");
if (styleAt >= 0)
{
    if (styleAt + 1 >= args.Length)
    {
        Console.Error.WriteLine("SampleScans: --style needs a file");
        return 2;
    }

    Style.Configure(StyleOptions.Load(args[styleAt + 1]));
    args = args.Where((_, i) => i != styleAt && i != styleAt + 1).ToArray();
}

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: SampleScans EXCERPT.md OUT_DIR [PDF_PATH] [SEED] [faults] [--style STYLE.json]");
    return 2;
}

var excerpt = File.ReadAllText(args[0]);
var outDir = args[1];
var pdfPath = args.Length > 2 && args[2].Length > 0 ? args[2] : null;
var seed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1945;
// "faults": scanning faults on top of the degradation, one a page in turn (gutter shadow, upside down, sideways).
var faults = args.Length > 4 && args[4] == "faults";
Directory.CreateDirectory(outDir);
foreach (var old in Directory.EnumerateFiles(outDir, "page-*"))
{
    File.Delete(old);
}

var pages = new BookSetter().Set(Blocks.Parse(excerpt));
var random = new Random(seed);
var jpegs = new List<string>();
for (var i = 0; i < pages.Count; i++)
{
    var name = $"page-{i + 1:00}";
    using var clean = pages[i].Render(seed + i);
    using var scanned = Degrade.Apply(clean, random, faults ? Degrade.FaultOf(i) : Fault.None);
    var jpeg = Path.Combine(outDir, name + ".jpg");
    using (var data = scanned.Encode(SKEncodedImageFormat.Jpeg, Style.Options.JpegQuality))
    {
        File.WriteAllBytes(jpeg, Style.Configured ? Jfif.WithDensity(data.ToArray(), (int)Style.Dpi) : data.ToArray());
    }

    jpegs.Add(jpeg);
    File.WriteAllText(Path.Combine(outDir, name + ".gt.txt"), string.Join("\n", pages[i].PrintedLines()) + "\n");
    File.WriteAllText(Path.Combine(outDir, name + ".truth.json"), JsonSerializer.Serialize(pages[i].Truth(), new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }) + "\n");
}

if (pdfPath is not null)
{
    // A PDF of the scans as a scanner writes it: one JPEG per page at 300 dpi, no text layer.
    using var stream = File.Create(pdfPath);
    using var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { RasterDpi = Style.Dpi, Creation = new DateTime(2025, 1, 1), Modified = new DateTime(2025, 1, 1) });
    foreach (var jpeg in jpegs)
    {
        using var image = SKImage.FromEncodedData(File.ReadAllBytes(jpeg));
        var canvas = document.BeginPage(image.Width * 72f / Style.Dpi, image.Height * 72f / Style.Dpi);
        canvas.DrawImage(image, SKRect.Create(0, 0, image.Width * 72f / Style.Dpi, image.Height * 72f / Style.Dpi), new SKSamplingOptions(SKFilterMode.Linear));
        document.EndPage();
    }

    document.Close();
}

Console.WriteLine($"{pages.Count} pages → {outDir}");
return 0;

internal abstract record Block;

internal sealed record HeadingBlock(string Text) : Block;

internal sealed record ParagraphBlock(string Text) : Block;

internal sealed record FigureBlock(string Caption, bool Bold) : Block;

/// <summary>A front-matter page opens ("::: title" centres everything on it, "::: page" sets it like the text) or closes (":::").</summary>
internal sealed record FrontPageBlock(string? Kind) : Block;

/// <summary>Lines of a printed contents: an entry, dot leaders, its page number at the right.</summary>
internal sealed record ContentsBlock(List<(string Entry, string Page)> Lines) : Block;

internal static partial class Blocks
{
    public static List<Block> Parse(string markdown)
    {
        var blocks = new List<Block>();
        var footnotes = new Dictionary<string, string>();
        var figureCount = 0;
        foreach (var raw in Regex.Replace(markdown, "<!--.*?-->", string.Empty, RegexOptions.Singleline).Split("\n\n"))
        {
            var text = raw.Trim().ReplaceLineEndings(" ");
            if (text.Length == 0 || text == "---")
            {
                continue;
            }

            if (text.StartsWith(":::", StringComparison.Ordinal))
            {
                blocks.Add(new FrontPageBlock(text.Length > 3 ? text[3..].Trim() : null));
            }
            else if (raw.Contains('\t'))
            {
                blocks.Add(new ContentsBlock(raw.Trim().Split('\n').Select(l => l.Split('\t')).Select(p => (p[0].TrimEnd(' ', '.'), p[^1].Trim())).ToList()));
            }
            else if (text.StartsWith("# ", StringComparison.Ordinal) || text.StartsWith("## ", StringComparison.Ordinal))
            {
                blocks.Add(new HeadingBlock(text.TrimStart('#').Trim()));
            }
            else if (FigurePattern().Match(text) is { Success: true } figure)
            {
                blocks.Add(new FigureBlock(figure.Groups[1].Value, figureCount++ % 2 == 1));
            }
            else if (DefinitionPattern().Match(text) is { Success: true } definition)
            {
                footnotes[definition.Groups[1].Value] = definition.Groups[2].Value;
            }
            else
            {
                blocks.Add(new ParagraphBlock(text));
            }
        }

        // Footnote texts travel inside the reference ("\u0001text\u0002") so the setter can put them on the reference's page.
        return blocks.Select(b => b is ParagraphBlock p
            ? new ParagraphBlock(ReferencePattern().Replace(p.Text, m => "\u0001" + footnotes[m.Groups[1].Value] + "\u0002"))
            : b).ToList();
    }

    [GeneratedRegex(@"^!\[(.*)\]\((?:photo)?\)$")]
    private static partial Regex FigurePattern();

    [GeneratedRegex(@"^\[\^(\w+)\]:\s*(.*)$")]
    private static partial Regex DefinitionPattern();

    [GeneratedRegex(@"\[\^(\w+)\]")]
    private static partial Regex ReferencePattern();
}

/// <summary>Fonts, sizes and page of the book being set, in pixels at <see cref="Dpi"/>; the sample book's unless configured.</summary>
internal static class Style
{
    public static StyleOptions Options { get; private set; } = new();

    public static bool Configured { get; private set; }

    public static float Dpi => (float)Options.Dpi;

    public static int PageWidth => (int)Math.Round(Options.PageWidthMm / 25.4 * Options.Dpi);

    public static int PageHeight => (int)Math.Round(Options.PageHeightMm / 25.4 * Options.Dpi);

    public static float Inner => (float)(Options.InnerMm / 25.4 * Options.Dpi);

    public static float Outer => (float)(Options.OuterMm / 25.4 * Options.Dpi);

    public static float Top => (float)(Options.TopMm / 25.4 * Options.Dpi);

    public static float Bottom => (float)(Options.BottomMm / 25.4 * Options.Dpi);

    public static float TextWidth => PageWidth - Inner - Outer;

    public static float TextHeight => PageHeight - Top - Bottom;

    public static float Pt(double points) => (float)(points / 72 * Options.Dpi);

    public static SKTypeface Serif { get; private set; } = Load("PTF55F.ttf");

    public static SKTypeface SerifItalic { get; private set; } = Load("PTF56F.ttf");

    public static SKTypeface SerifBold { get; private set; } = Load("PTF75F.ttf");

    public static SKTypeface SansBold { get; private set; } = Load("PTS75F.ttf");

    public static SKTypeface Sans { get; private set; } = Load("PTS55F.ttf");

    public static void Configure(StyleOptions options)
    {
        Options = options;
        Configured = true;
        Serif = Load(options.Body ?? "PTF55F.ttf");
        SerifItalic = Load(options.BodyItalic ?? options.Body ?? "PTF56F.ttf");
        SerifBold = Load(options.BodyBold ?? options.Body ?? "PTF75F.ttf");
        SansBold = Load(options.Heading ?? "PTS75F.ttf");
        Sans = Load(options.RunningHead ?? "PTS55F.ttf");
    }

    private static SKTypeface Load(string file) =>
        SKTypeface.FromFile(Path.IsPathRooted(file) ? file : Path.Combine("/usr/share/fonts/truetype/paratype", file)) ?? throw new FileNotFoundException(file);
}

/// <summary>What <c>--style</c> may set; every default is the sample book's.</summary>
internal sealed record StyleOptions
{
    /// <summary>Running head of verso pages (recto pages carry the chapter's heading).</summary>
    public string Title { get; init; } = "РАЗГРОМ ЯПОНИИ";

    public int FirstFolio { get; init; } = 5;

    public bool RunningHeads { get; init; } = true;

    public bool Folios { get; init; } = true;

    public double Dpi { get; init; } = 300;

    public double PageWidthMm { get; init; } = 145;

    public double PageHeightMm { get; init; } = 215;

    public double InnerMm { get; init; } = 20;

    public double OuterMm { get; init; } = 15;

    public double TopMm { get; init; } = 17;

    public double BottomMm { get; init; } = 20;

    /// <summary>Font files (absolute, or names in the PT folder); italic and bold fall back to the body face.</summary>
    public string? Body { get; init; }

    public string? BodyItalic { get; init; }

    public string? BodyBold { get; init; }

    public string? Heading { get; init; }

    public string? RunningHead { get; init; }

    public double BodySize { get; init; } = 10.5;

    public double Leading { get; init; } = 13.5;

    public double NoteSize { get; init; } = 8.5;

    public double NoteLeading { get; init; } = 10.5;

    /// <summary>"naive" (the sample's: longest head ending in a vowel) or "liang" (Debian's hyphen-ru patterns, as books are set).</summary>
    public string Hyphenation { get; init; } = "naive";

    public Degradation Degradation { get; init; } = new();

    public int JpegQuality { get; init; } = 70;

    public static StyleOptions Load(string path) =>
        JsonSerializer.Deserialize<StyleOptions>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true, UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow })
        ?? throw new InvalidDataException(path + ": empty style");
}

/// <summary>How a page is spoiled on its way through a scanner; defaults are the sample's.</summary>
internal sealed record Degradation
{
    public double SkewMin { get; init; } = 0.5;

    public double SkewMax { get; init; } = 2;

    public float Blur { get; init; } = 0.7f;

    public double Noise { get; init; } = 14;

    public int Specks { get; init; } = 60;

    public byte Paper { get; init; } = 238;

    /// <summary>Grey of the ink (0 black; higher is faded print).</summary>
    public byte Ink { get; init; }

    /// <summary>Strokes thinned (negative, worn type) or spread (positive, ink bleeding into the paper) by this many pixels.</summary>
    public int Spread { get; init; }

    /// <summary>Light falling off across the page to this share (0: even light), in a direction drawn from the seed.</summary>
    public double UnevenLight { get; init; }

    /// <summary>The other side of the leaf showing through, at this share of its ink.</summary>
    public double ShowThrough { get; init; }
}

/// <summary>Writes the scan resolution into a JPEG's JFIF header, as scanners do (Skia writes none).</summary>
internal static class Jfif
{
    public static byte[] WithDensity(byte[] jpeg, int dpi)
    {
        // FF D8, then APP0 "JFIF\0": version (2), units (1), X density (2), Y density (2).
        if (jpeg.Length > 18 && jpeg[2] == 0xFF && jpeg[3] == 0xE0 && jpeg[6] == (byte)'J' && jpeg[7] == (byte)'F')
        {
            jpeg[13] = 1;
            jpeg[14] = (byte)(dpi >> 8);
            jpeg[15] = (byte)dpi;
            jpeg[16] = (byte)(dpi >> 8);
            jpeg[17] = (byte)dpi;
        }

        return jpeg;
    }
}

/// <summary>One set line: runs of text at x offsets; a footnote marker is a raised small run.</summary>
internal sealed record SetLine(List<(string Text, float X, SKFont Font, float Rise)> Runs, float Height)
{
    /// <summary>The line as printed: words separated by spaces, a footnote marker glued to its word.</summary>
    public string Text => string.Concat(Runs.Select((r, i) => i == 0 || r.Rise != 0 ? r.Text : " " + r.Text));
}

internal sealed record PlacedLine(SetLine Line, float Y, float Left);

/// <param name="bare">A front-matter page (title, imprint, contents): no running head, no folio printed.</param>
internal sealed class Page(int number, string? runningHead, bool bare = false)
{
    public int Number { get; } = number;

    private bool PrintsFolio => Style.Options.Folios && !bare;

    public List<PlacedLine> Lines { get; } = [];

    public List<(SKRect Box, int Seed)> Photos { get; } = [];

    public List<string> Headings { get; } = [];

    public List<string> Captions { get; } = [];

    public List<(string Marker, string Text)> Footnotes { get; } = [];

    public List<PlacedLine> FootnoteLines { get; } = [];

    public List<PlacedLine> CaptionLines { get; } = [];

    public string? RunningHead { get; } = runningHead;

    private bool LeftPage => Number % 2 == 0;

    public float Left => LeftPage ? Style.Outer : Style.Inner;

    public IEnumerable<string> PrintedLines()
    {
        if (RunningHead is not null)
        {
            yield return RunningHead;
        }

        foreach (var line in Lines.Concat(FootnoteLines).Concat(CaptionLines).OrderBy(l => l.Y))
        {
            yield return line.Line.Text;
        }

        if (PrintsFolio)
        {
            yield return Number.ToString(CultureInfo.InvariantCulture);
        }
    }

    public object Truth() => new
    {
        page = Number,
        runningHead = RunningHead,
        folio = PrintsFolio ? Number.ToString(CultureInfo.InvariantCulture) : null,
        headings = Headings,
        figures = Photos.Select((p, i) => new { x = (int)p.Box.Left, y = (int)p.Box.Top, width = (int)p.Box.Width, height = (int)p.Box.Height, caption = Captions[i] }),
        footnotes = Footnotes.Select(f => new { marker = f.Marker, text = f.Text }),
    };

    public SKBitmap Render(int seed)
    {
        var bitmap = new SKBitmap(Style.PageWidth, Style.PageHeight, SKColorType.Gray8, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        var inkGrey = Style.Options.Degradation.Ink;
        using var ink = new SKPaint { Color = new SKColor(inkGrey, inkGrey, inkGrey), IsAntialias = true };
        if (RunningHead is not null)
        {
            using var font = new SKFont(Style.Sans, Style.Pt(8));
            var width = font.MeasureText(RunningHead);
            var y = Style.Top * 0.55f;
            canvas.DrawText(RunningHead, Left + (Style.TextWidth - width) / 2, y, SKTextAlign.Left, font, ink);
            using var rule = new SKPaint { Color = SKColors.Black, StrokeWidth = 2, IsAntialias = true };
            canvas.DrawLine(Left, y + Style.Pt(4), Left + Style.TextWidth, y + Style.Pt(4), rule);
        }

        foreach (var line in Lines.Concat(FootnoteLines).Concat(CaptionLines))
        {
            foreach (var run in line.Line.Runs)
            {
                canvas.DrawText(run.Text, line.Left + run.X, line.Y - run.Rise, SKTextAlign.Left, run.Font, ink);
            }
        }

        if (FootnoteLines.Count > 0)
        {
            using var rule = new SKPaint { Color = SKColors.Black, StrokeWidth = 2 };
            var y = FootnoteLines.Min(l => l.Y) - Style.Pt(12);
            canvas.DrawLine(Left, y, Left + Style.TextWidth / 3, y, rule);
        }

        foreach (var (box, photoSeed) in Photos)
        {
            Photo.Draw(canvas, box, seed * 31 + photoSeed);
        }

        if (PrintsFolio)
        {
            using var folioFont = new SKFont(Style.Serif, Style.Pt(9));
            var folio = Number.ToString(CultureInfo.InvariantCulture);
            canvas.DrawText(folio, Left + (Style.TextWidth - folioFont.MeasureText(folio)) / 2, Style.PageHeight - Style.Bottom / 2, SKTextAlign.Left, folioFont, ink);
        }

        return bitmap;
    }
}

/// <summary>Greedy justified line setting with simple Russian hyphenation, footnotes at the foot of the reference's page.</summary>
internal sealed class BookSetter
{
    // Instance fields, not static ones: they must be made after Style.Configure.
    private readonly SKFont Body = new(Style.Serif, Style.Pt(Style.Options.BodySize));
    private readonly SKFont ItalicBody = new(Style.SerifItalic, Style.Pt(Style.Options.BodySize));
    private readonly Dictionary<float, SKFont> boldOf = [];
    private readonly SKFont Marker = new(Style.Serif, Style.Pt(Style.Options.BodySize * 6.5 / 10.5));
    private readonly SKFont Note = new(Style.Serif, Style.Pt(Style.Options.NoteSize));
    private readonly SKFont HeadingFont = new(Style.SansBold, Style.Pt(Style.Options.BodySize * 13 / 10.5));
    private readonly float Leading = Style.Pt(Style.Options.Leading);
    private readonly float NoteLeading = Style.Pt(Style.Options.NoteLeading);
    private readonly LiangHyphenator? liang = Style.Options.Hyphenation == "liang" ? LiangHyphenator.LoadRussian() : null;

    private readonly List<Page> pages = [];
    private Page page = null!;
    private float y;
    private float footHeight;
    private string chapter = string.Empty;
    private FigureBlock? pendingFigure;
    private int photoCount;
    private int frontPages;
    private string? front;

    public List<Page> Set(List<Block> blocks)
    {
        // Front-matter pages come before the first folio of the text, so the text keeps its folios.
        frontPages = blocks.Count(b => b is FrontPageBlock { Kind: not null });
        foreach (var block in blocks)
        {
            switch (block)
            {
                case FrontPageBlock { Kind: { } kind }:
                    front = kind;
                    NewPage(bare: true);
                    y += kind == "title" ? Style.Pt(30) : 0;
                    break;
                case FrontPageBlock:
                    front = null;
                    break;
                case ContentsBlock contents:
                    SetContents(contents);
                    break;
                case HeadingBlock heading:
                    chapter = heading.Text;
                    if (front is null)
                    {
                        NewPage(chapterOpening: true);
                    }

                    y += Style.Pt(40);
                    foreach (var line in Break(heading.Text, HeadingFont, Style.TextWidth, 0, justify: false))
                    {
                        y += Style.Pt(17);
                        page.Lines.Add(new PlacedLine(Center(line, Style.TextWidth), y, page.Left));
                    }

                    page.Headings.Add(heading.Text);
                    y += Style.Pt(22);
                    break;
                case ParagraphBlock paragraph:
                    SetParagraph(paragraph.Text);
                    break;
                case FigureBlock figure:
                    if (!TryPlaceFigure(figure))
                    {
                        pendingFigure = figure;
                    }

                    break;
            }
        }

        return pages;
    }

    private void NewPage(bool chapterOpening = false, bool bare = false)
    {
        var number = Style.Options.FirstFolio - frontPages + pages.Count;
        page = new Page(number, chapterOpening || bare || !Style.Options.RunningHeads ? null : number % 2 == 0 ? Style.Options.Title : chapter.ToUpperInvariant(), bare);
        pages.Add(page);
        y = Style.Top;
        footHeight = 0;
        if (pendingFigure is { } figure && TryPlaceFigure(figure))
        {
            pendingFigure = null;
        }
    }

    private float Remaining => Style.Top + Style.TextHeight - footHeight - y;

    private bool TryPlaceFigure(FigureBlock figure)
    {
        var width = Style.TextWidth * 0.86f;
        var height = width * 0.6f;
        var captionFont = new SKFont(figure.Bold ? Style.SerifBold : Style.SerifItalic, Style.Pt(Style.Options.BodySize * 9 / 10.5));
        var caption = Break(figure.Caption, captionFont, width, 0, justify: false);
        var needed = Style.Pt(8) + height + Style.Pt(8) + caption.Count * Style.Pt(11) + Style.Pt(10);
        if (needed > Remaining)
        {
            return false;
        }

        var left = (Style.TextWidth - width) / 2;
        y += Style.Pt(8);
        page.Photos.Add((SKRect.Create(page.Left + left, y, width, height), photoCount++));
        y += height + Style.Pt(6);
        foreach (var line in caption)
        {
            y += Style.Pt(11);
            page.CaptionLines.Add(new PlacedLine(Center(line, width), y, page.Left + left));
        }

        page.Captions.Add(figure.Caption);
        y += Style.Pt(12);
        return true;
    }

    /// <summary>Contents lines: the entry at the left, dot leaders, the page number flush right.</summary>
    private void SetContents(ContentsBlock contents)
    {
        var dot = Body.MeasureText(" .");
        foreach (var (entry, number) in contents.Lines)
        {
            var numberWidth = Body.MeasureText(number);
            var lines = Break(entry, Body, Style.TextWidth * 0.8f, 0, justify: false);
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (i == lines.Count - 1)
                {
                    var end = line.Runs[^1].X + Body.MeasureText(line.Runs[^1].Text);
                    var dots = (int)((Style.TextWidth - numberWidth - end - dot) / dot);
                    line = line with { Runs = [.. line.Runs, (string.Concat(Enumerable.Repeat(" .", Math.Max(2, dots))).Trim(), end + dot, Body, 0), (number, Style.TextWidth - numberWidth, Body, 0)] };
                }

                y += Leading;
                page.Lines.Add(new PlacedLine(line, y, page.Left));
            }

            y += Style.Pt(3);
        }
    }

    /// <summary>
    /// A paragraph of the text, or of front matter: "*…*" all italic (an epigraph), "**…**" bold (a run-in head, or
    /// the whole paragraph), "\\" a line break (imprint and title-page lines, set ragged; centred on a title page).
    /// </summary>
    private void SetParagraph(string text)
    {
        var italic = text.Length > 2 && text[0] == '*' && text[1] != '*' && text[^1] == '*';
        var centred = front == "title";
        var broken = text.Contains("\\ ", StringComparison.Ordinal) || text.EndsWith('\\');
        // The imprint (title verso) is set small, as its annotation must fit the page.
        var small = front == "imprint";
        var font = italic ? ItalicBody : small ? Note : Body;
        if (italic)
        {
            text = text[1..^1];
        }

        text = Regex.Replace(text, @"\*\*(.+?)\*\*", m => string.Join(' ', m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => "\u0003" + w)));
        if (centred && text.StartsWith('\u0003'))
        {
            font = new SKFont(Style.SerifBold, Style.Pt(Style.Options.BodySize * 2.2));
            text = text.Replace("\u0003", string.Empty);
        }

        var indent = front is null && !italic && !broken ? Style.Pt(Style.Options.BodySize) * 1.5f : 0;
        var lines = Regex.Split(text, @"\\\s*").Where(p => p.Length > 0)
            .SelectMany(part => Break(part.Trim(), font, Style.TextWidth, indent, justify: !broken && !centred))
            .Select(l => centred ? Center(l, Style.TextWidth) : l).ToList();
        if (front is not null)
        {
            foreach (var line in lines)
            {
                y += Math.Max(small ? NoteLeading : Leading, line.Height * 1.25f);
                page.Lines.Add(new PlacedLine(line, y, page.Left));
            }

            y += centred ? Style.Pt(36) : Style.Pt(6);
            return;
        }

        foreach (var line in lines)
        {
            var notes = line.Runs.Where(r => r.Font == Marker).Select(r => r.Text).ToList();
            var noteLines = notes.Select(n => footnoteTexts[n]).ToList();
            var extra = noteLines.Sum(n => Break(n.Text, Note, Style.TextWidth, 0, justify: true).Count * NoteLeading + Style.Pt(4)) + (noteLines.Count > 0 && footHeight == 0 ? Style.Pt(14) : 0);
            if (y == 0 || Leading + extra > Remaining)
            {
                NewPage();
            }

            y += Leading;
            var placed = line;
            foreach (var note in noteLines)
            {
                var marker = (page.Footnotes.Count + 1).ToString(CultureInfo.InvariantCulture);
                placed = Renumber(placed, note.Key, marker);
                page.Footnotes.Add((marker, note.Text));
                footHeight += (footHeight == 0 ? Style.Pt(14) : 0) + Style.Pt(4);
                foreach (var noteLine in Break(marker + " " + note.Text, Note, Style.TextWidth, 0, justify: true))
                {
                    footHeight += NoteLeading;
                }
            }

            page.Lines.Add(new PlacedLine(placed, y, page.Left));
            LayOutFootnotes();
        }
    }

    private readonly Dictionary<string, (string Key, string Text)> footnoteTexts = [];

    private void LayOutFootnotes()
    {
        page.FootnoteLines.Clear();
        var bottom = Style.Top + Style.TextHeight;
        var lines = page.Footnotes.SelectMany(f => Break(f.Marker + " " + f.Text, Note, Style.TextWidth, 0, justify: true)).ToList();
        var top = bottom - lines.Count * NoteLeading;
        for (var i = 0; i < lines.Count; i++)
        {
            page.FootnoteLines.Add(new PlacedLine(lines[i], top + (i + 1) * NoteLeading - Style.Pt(2), page.Left));
        }
    }

    private SetLine Renumber(SetLine line, string key, string marker) =>
        line with { Runs = line.Runs.Select(r => r.Font == Marker && r.Text == key ? (marker, r.X, r.Font, r.Rise) : r).ToList() };

    private static SetLine Center(SetLine line, float width)
    {
        var lineWidth = line.Runs.Count == 0 ? 0 : line.Runs[^1].X + line.Runs[^1].Font.MeasureText(line.Runs[^1].Text);
        var shift = (width - lineWidth) / 2;
        return line with { Runs = line.Runs.Select(r => (r.Text, r.X + shift, r.Font, r.Rise)).ToList() };
    }

    private int noteKeys;

    /// <summary>Words may carry a footnote ("\u0001text\u0002"): a raised marker run, its text kept for the foot.</summary>
    private List<SetLine> Break(string text, SKFont font, float width, float indent, bool justify)
    {
        var tokens = new List<(string Word, string? NoteKey, string Suffix)>();
        foreach (var piece in Regex.Split(text, @"\s+(?![^\u0001]*\u0002)"))
        {
            var match = Regex.Match(piece, "^(.*?)\u0001(.*)\u0002(.*)$");
            if (match.Success)
            {
                var key = "§" + noteKeys++.ToString(CultureInfo.InvariantCulture);
                footnoteTexts[key] = (key, match.Groups[2].Value);
                tokens.Add((match.Groups[1].Value, key, match.Groups[3].Value));
            }
            else if (piece.Length > 0)
            {
                tokens.Add((piece, null, string.Empty));
            }
        }

        var space = font.MeasureText(" ");
        var lines = new List<List<(string Word, string? NoteKey, string Suffix)>>();
        var current = new List<(string Word, string? NoteKey, string Suffix)>();
        var currentWidth = indent;
        // A word marked "\u0003" is set bold (a run-in head).
        SKFont FontOf(string word) => word.StartsWith('\u0003') ? Bold(font) : font;
        float WordWidth((string Word, string? NoteKey, string Suffix) t) => FontOf(t.Word).MeasureText(t.Word.TrimStart('\u0003') + t.Suffix) + (t.NoteKey is null ? 0 : Marker.MeasureText("1"));
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var needed = (current.Count > 0 ? space : 0) + WordWidth(token);
            if (currentWidth + needed <= width || current.Count == 0)
            {
                current.Add(token);
                currentWidth += needed;
                continue;
            }

            if (justify && token.NoteKey is null && !token.Word.StartsWith('\u0003') && Hyphenate(token.Word, font, width - currentWidth - space) is { } split)
            {
                current.Add((split.Head, null, string.Empty));
                tokens.Insert(i + 1, (split.Tail, null, string.Empty));
            }
            else
            {
                i--;
            }

            lines.Add(current);
            current = [];
            currentWidth = 0;
        }

        if (current.Count > 0)
        {
            lines.Add(current);
        }

        var result = new List<SetLine>();
        for (var l = 0; l < lines.Count; l++)
        {
            var words = lines[l];
            var start = l == 0 ? indent : 0;
            var natural = words.Sum(WordWidth) + space * (words.Count - 1);
            var gap = justify && l < lines.Count - 1 && words.Count > 1 ? space + (width - start - natural) / (words.Count - 1) : space;
            var x = start;
            var runs = new List<(string, float, SKFont, float)>();
            foreach (var word in words)
            {
                var wordFont = FontOf(word.Word);
                var printed = word.Word.TrimStart('\u0003');
                runs.Add((printed, x, wordFont, 0));
                x += wordFont.MeasureText(printed);
                if (word.NoteKey is not null)
                {
                    runs.Add((word.NoteKey, x + 1, Marker, font.Size * 0.38f));
                    x += Marker.MeasureText("1") + 2;
                }

                if (word.Suffix.Length > 0)
                {
                    runs.Add((word.Suffix, x, font, -0.001f));
                    x += font.MeasureText(word.Suffix);
                }

                x += gap;
            }

            result.Add(new SetLine(runs, font.Size));
        }

        return result;
    }

    private SKFont Bold(SKFont font)
    {
        if (!boldOf.TryGetValue(font.Size, out var bold))
        {
            boldOf[font.Size] = bold = new SKFont(Style.SerifBold, font.Size);
        }

        return bold;
    }

    private const string Vowels = "аеёиоуыэюяАЕЁИОУЫЭЮЯ";

    /// <summary>
    /// The longest head (with its hyphen) that fits: at a Liang point of Debian's patterns, or at the word's own hyphen
    /// (a compound broken there keeps its one hyphen), when configured; else the sample's naive rule.
    /// </summary>
    private (string Head, string Tail)? Hyphenate(string word, SKFont font, float room)
    {
        if (liang is not null)
        {
            var lead = word.TakeWhile(c => !char.IsLetter(c)).Count();
            var length = word.Skip(lead).TakeWhile(c => char.IsLetter(c) || c == '-').Count();
            var stem = word.Substring(lead, length);
            if (stem.Any(char.IsDigit) || stem.Count(char.IsUpper) > 1)
            {
                return null;
            }

            var cuts = new List<(int At, bool OwnHyphen)>();
            var offset = lead;
            foreach (var part in stem.Split('-'))
            {
                cuts.AddRange(liang.Points(part).Select(p => (offset + p, false)));
                offset += part.Length + 1;
                if (offset < lead + stem.Length && offset - lead >= 3 && lead + stem.Length - offset >= 2)
                {
                    cuts.Add((offset, true));
                }
            }

            foreach (var (at, own) in cuts.OrderByDescending(c => c.At))
            {
                var head = own ? word[..at] : word[..at] + "-";
                if (font.MeasureText(head) <= room)
                {
                    return (head, word[at..]);
                }
            }

            return null;
        }

        var letters = word.TakeWhile(char.IsLetter).Count();
        for (var cut = letters - 2; cut >= 2; cut--)
        {
            var head = word[..cut];
            var tail = word[cut..];
            if (Vowels.Contains(head[^1]) && !Vowels.Contains(tail[0]) && tail[0] is not 'ь' and not 'ъ' && head.Any(Vowels.Contains) &&
                tail.Any(Vowels.Contains) && char.IsLetter(tail[0]) && font.MeasureText(head + "-") <= room)
            {
                return (head + "-", tail);
            }
        }

        return null;
    }
}

/// <summary>A procedural "photo": sky and ground gradients, hills, a vehicle silhouette, trees, grain.</summary>
internal static class Photo
{
    public static void Draw(SKCanvas canvas, SKRect box, int seed)
    {
        var random = new Random(seed);
        canvas.Save();
        canvas.ClipRect(box);
        using (var sky = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(box.Left, box.Top), new SKPoint(box.Left, box.Top + box.Height * 0.6f), [new SKColor(120, 120, 120), new SKColor(215, 215, 215)], SKShaderTileMode.Clamp) })
        {
            canvas.DrawRect(box, sky);
        }

        for (var layer = 0; layer < 3; layer++)
        {
#pragma warning disable CS0618 // SKPathBuilder is new in 4.x; the old path API is enough for a test picture.
            using var path = new SKPath();
            var baseY = box.Top + box.Height * (0.45f + layer * 0.1f);
            path.MoveTo(box.Left, box.Bottom);
            for (var x = 0f; x <= box.Width; x += 8)
            {
                var phase = (float)random.NextDouble() * 0.2f;
                path.LineTo(box.Left + x, baseY + MathF.Sin(x / (90 + layer * 40) + layer + phase) * box.Height * 0.05f);
            }

            path.LineTo(box.Right, box.Bottom);
            path.Close();
#pragma warning restore CS0618
            var shade = (byte)(160 - layer * 40);
            using var paint = new SKPaint { IsAntialias = true, Shader = SKShader.CreateLinearGradient(new SKPoint(0, baseY), new SKPoint(0, box.Bottom), [new SKColor(shade, shade, shade), new SKColor((byte)(shade / 2), (byte)(shade / 2), (byte)(shade / 2))], SKShaderTileMode.Clamp) };
            canvas.DrawPath(path, paint);
        }

        using var dark = new SKPaint { Color = new SKColor(35, 35, 35), IsAntialias = true };
        var tankX = box.Left + box.Width * (0.3f + (float)random.NextDouble() * 0.2f);
        var tankY = box.Top + box.Height * 0.62f;
        var unit = box.Width / 40;
        canvas.DrawRoundRect(SKRect.Create(tankX, tankY, unit * 12, unit * 3), unit, unit, dark);
        canvas.DrawRoundRect(SKRect.Create(tankX + unit * 3, tankY - unit * 2.2f, unit * 5, unit * 2.4f), unit * 0.6f, unit * 0.6f, dark);
        canvas.DrawRect(SKRect.Create(tankX + unit * 8, tankY - unit * 1.4f, unit * 7, unit * 0.5f), dark);
        using var wheel = new SKPaint { Color = new SKColor(90, 90, 90), IsAntialias = true };
        for (var w = 0; w < 5; w++)
        {
            canvas.DrawCircle(tankX + unit * (1.8f + w * 2.1f), tankY + unit * 2.6f, unit * 0.9f, wheel);
        }

        for (var t = 0; t < 6; t++)
        {
            var x = box.Left + (float)random.NextDouble() * box.Width;
            var trunkTop = box.Top + box.Height * (0.35f + (float)random.NextDouble() * 0.15f);
            using var trunk = new SKPaint { Color = new SKColor(50, 50, 50), StrokeWidth = unit * 0.3f, IsAntialias = true };
            canvas.DrawLine(x, trunkTop + unit * 3, x, trunkTop + unit * 6, trunk);
            using var crown = new SKPaint { Color = new SKColor(70, 70, 70), IsAntialias = true, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, unit * 0.4f) };
            canvas.DrawOval(new SKPoint(x, trunkTop + unit * 2), new SKSize(unit * 1.6f, unit * 2.4f), crown);
        }

        // Film grain: photos are never flat.
        using var grain = new SKPaint();
        for (var i = 0; i < (int)(box.Width * box.Height / 40); i++)
        {
            var g = (byte)random.Next(0, 256);
            grain.Color = new SKColor(g, g, g, 40);
            canvas.DrawRect(box.Left + (float)random.NextDouble() * box.Width, box.Top + (float)random.NextDouble() * box.Height, 2, 2, grain);
        }

        canvas.Restore();
    }
}

internal enum Fault
{
    None,
    GutterShadow,
    UpsideDown,
    Sideways,
}

/// <summary>
/// Makes a clean page look scanned: small rotation, slight blur, grey paper, sensor noise, a few specks; optionally a
/// scanning fault: the shadow of the binding (light falling to half over the third of the page beside the spine: left
/// of a recto, right of a verso), or the page fed upside down or sideways.
/// </summary>
internal static class Degrade
{
    public static Fault FaultOf(int index) => index % 2 == 0 ? Fault.GutterShadow : index % 4 == 1 ? Fault.UpsideDown : Fault.Sideways;

    public static SKBitmap Apply(SKBitmap clean, Random random, Fault fault = Fault.None)
    {
        var scanned = Scan(clean, random);
        if (fault == Fault.GutterShadow)
        {
            // The spine on the left (a recto) or on the right (a verso), by the seed.
            var pixels = scanned.GetPixelSpan().ToArray();
            var recto = random.Next(2) == 0;
            var width = scanned.Width;
            for (var i = 0; i < pixels.Length; i++)
            {
                var fromSpine = recto ? i % width : width - 1 - i % width;
                var depth = Math.Max(0, 1 - fromSpine / (0.3 * width));
                pixels[i] = (byte)(pixels[i] * (1 - 0.5 * depth * depth));
            }

            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, scanned.GetPixels(), pixels.Length);
            return scanned;
        }

        if (fault is Fault.UpsideDown or Fault.Sideways)
        {
            using (scanned)
            {
                var degrees = fault == Fault.UpsideDown ? 180 : 90;
                var (w, h) = degrees == 90 ? (scanned.Height, scanned.Width) : (scanned.Width, scanned.Height);
                var turned = new SKBitmap(w, h, SKColorType.Gray8, SKAlphaType.Opaque);
                using var canvas = new SKCanvas(turned);
                canvas.Translate(w / 2f, h / 2f);
                canvas.RotateDegrees(degrees);
                canvas.Translate(-scanned.Width / 2f, -scanned.Height / 2f);
                using var image = SKImage.FromBitmap(scanned);
                canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
                return turned;
            }
        }

        return scanned;
    }

    private static SKBitmap Scan(SKBitmap clean, Random random)
    {
        var d = Style.Options.Degradation;
        var angle = (float)((d.SkewMin + random.NextDouble() * (d.SkewMax - d.SkewMin)) * (random.Next(2) == 0 ? -1 : 1));
        var result = new SKBitmap(clean.Width, clean.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(result))
        {
            canvas.Clear(new SKColor(d.Paper, d.Paper, d.Paper));
            canvas.RotateDegrees(angle, clean.Width / 2f, clean.Height / 2f);
            using var image = SKImage.FromBitmap(clean);
            if (d.ShowThrough > 0)
            {
                // The verso's print, mirrored, a little off register and diffused by the paper.
                canvas.Save();
                canvas.Scale(-1, 1, clean.Width / 2f + 9, 0);
                using var verso = new SKPaint { Color = new SKColor(0, 0, 0, (byte)(d.ShowThrough * 255)), BlendMode = SKBlendMode.Multiply, ImageFilter = SKImageFilter.CreateBlur(1.5f, 1.5f) };
                canvas.DrawImage(image, 0, 12, new SKSamplingOptions(SKFilterMode.Linear), verso);
                canvas.Restore();
            }

            var ink = d.Spread > 0 ? SKImageFilter.CreateErode(d.Spread, d.Spread) : d.Spread < 0 ? SKImageFilter.CreateDilate(-d.Spread, -d.Spread) : null;
            using var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(d.Blur, d.Blur, ink), BlendMode = SKBlendMode.Multiply };
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
        }

        var pixels = result.GetPixelSpan().ToArray();
        for (var i = 0; i < pixels.Length; i++)
        {
            // Sum of uniforms: cheap, seeded, close enough to Gaussian noise.
            var noise = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * d.Noise;
            pixels[i] = (byte)Math.Clamp(pixels[i] + noise, 0, 255);
        }

        for (var speck = 0; speck < d.Specks; speck++)
        {
            var cx = random.Next(clean.Width);
            var cy = random.Next(clean.Height);
            for (var dy = 0; dy < 3; dy++)
            {
                for (var dx = 0; dx < 3; dx++)
                {
                    var index = Math.Min(pixels.Length - 1, (cy + dy) * clean.Width + cx + dx);
                    pixels[index] = (byte)random.Next(40, 120);
                }
            }
        }

        if (d.UnevenLight > 0)
        {
            // A lamp to one side: light falls off along a seeded direction, to 1 - UnevenLight at the far corner.
            var direction = random.NextDouble() * Math.PI * 2;
            var (cos, sin) = (Math.Cos(direction), Math.Sin(direction));
            var reach = Math.Abs(cos) * clean.Width + Math.Abs(sin) * clean.Height;
            for (var y = 0; y < clean.Height; y++)
            {
                for (var x = 0; x < clean.Width; x++)
                {
                    var along = ((cos >= 0 ? x : clean.Width - x) * Math.Abs(cos) + (sin >= 0 ? y : clean.Height - y) * Math.Abs(sin)) / reach;
                    var index = y * clean.Width + x;
                    pixels[index] = (byte)(pixels[index] * (1 - d.UnevenLight * along * along));
                }
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, result.GetPixels(), pixels.Length);
        return result;
    }
}
