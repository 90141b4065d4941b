using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Typeset.Bench.Cleanup;

/// <summary>One scanned book of the bench: a run of one source's prose, set in one face and size, spoiled one way.</summary>
public sealed record BookSpec(
    string Name,
    string Split,
    string Source,
    int Characters,
    string Face,
    double Size,
    string Scan,
    int Seed,
    bool Figures = false,
    bool Footnotes = false);

/// <summary>
/// The pinned selection: which texts, faces, sizes and scans make the development split (tune on it) and the held-out
/// test split (other texts, other faces; its figures are the README's headline).
/// </summary>
public static partial class Books
{
    public static readonly BookSpec[] All =
    [
        new("dev-faq", "dev", "debian-faq", 15000, "pt-serif", 10.5, "office200", 11, Figures: true, Footnotes: true),
        new("dev-duel", "dev", "literature:Chekhov/Дуэль", 17000, "liberation-serif", 11, "clean300", 12, Footnotes: true),
        new("dev-maint", "dev", "maint-guide", 13000, "pt-sans", 10, "faded300", 13, Figures: true),
        new("dev-turgenev", "dev", "literature:Turgenev/Отцы и дети", 20000, "dejavu-serif", 9, "bleed250", 14),
        new("dev-fortunes", "dev", "fortunes:knowledge,life,time", 12000, "freemono", 10, "phone200", 15),
        new("dev-ward6", "dev", "literature:Chekhov/Палата №6", 12000, "pt-serif", 12, "phone200", 16, Figures: true),

        new("test-devref", "test", "developers-reference", 15000, "cmu-serif", 10, "office200", 21, Figures: true, Footnotes: true),
        new("test-aptitude", "test", "aptitude", 12000, "liberation-sans", 9.5, "clean300", 22),
        new("test-gimp", "test", "gimp-help", 14000, "open-sans", 9, "bleed250", 23, Figures: true),
        new("test-fortunes", "test", "fortunes:friendship,war,truth,wealth", 12000, "pt-mono", 10, "faded300", 24),
        new("test-hadji", "test", "literature:Tolstoy/Хаджи-Мурат", 18000, "old-standard", 11, "phone200", 25, Footnotes: true),
        new("test-gogol", "test", "literature:Gogol/Мёртвые души", 16000, "libertine", 10.5, "bleed250", 26, Figures: true),
        new("test-dostoevsky", "test", "literature:Dostoevsky/Бедные люди", 16000, "ebgaramond", 12, "office200", 27),
        new("test-gorky", "test", "literature:Gorky/Мать", 16000, "freeserif", 10, "faded300", 28, Footnotes: true),
        new("test-gimp2", "test", "gimp-help", 12000, "cmu-serif", 9, "phone200", 29),
        new("test-cossacks", "test", "literature:Tolstoy/Казаки", 14000, "liberation-sans", 11, "office200", 30, Figures: true),
    ];

    /// <summary>Face files from Debian font packages (installed by bench/cleanup/prerequisites.sh).</summary>
    private static readonly Dictionary<string, (string Body, string? Italic, string? Bold)> Faces = new()
    {
        ["pt-serif"] = ("/usr/share/fonts/truetype/paratype/PTF55F.ttf", "/usr/share/fonts/truetype/paratype/PTF56F.ttf", "/usr/share/fonts/truetype/paratype/PTF75F.ttf"),
        ["pt-sans"] = ("/usr/share/fonts/truetype/paratype/PTS55F.ttf", "/usr/share/fonts/truetype/paratype/PTS56F.ttf", "/usr/share/fonts/truetype/paratype/PTS75F.ttf"),
        ["pt-mono"] = ("/usr/share/fonts/truetype/paratype/PTM55F.ttf", null, "/usr/share/fonts/truetype/paratype/PTM75F.ttf"),
        ["liberation-serif"] = ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"),
        ["liberation-sans"] = ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
        ["freemono"] = ("/usr/share/fonts/truetype/freefont/FreeMono.ttf", "/usr/share/fonts/truetype/freefont/FreeMonoOblique.ttf", "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf"),
        ["freeserif"] = ("/usr/share/fonts/truetype/freefont/FreeSerif.ttf", "/usr/share/fonts/truetype/freefont/FreeSerifItalic.ttf", "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf"),
        ["dejavu-serif"] = ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", null, "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
        ["cmu-serif"] = ("/usr/share/fonts/truetype/cmu/cmunrm.ttf", "/usr/share/fonts/truetype/cmu/cmunti.ttf", "/usr/share/fonts/truetype/cmu/cmunbx.ttf"),
        ["old-standard"] = ("/usr/share/fonts/truetype/fonts-oldstandard/OldStandard-Regular.ttf", "/usr/share/fonts/truetype/fonts-oldstandard/OldStandard-Italic.ttf", "/usr/share/fonts/truetype/fonts-oldstandard/OldStandard-Bold.ttf"),
        ["libertine"] = ("/usr/share/fonts/opentype/linux-libertine/LinLibertine_R.otf", "/usr/share/fonts/opentype/linux-libertine/LinLibertine_RI.otf", "/usr/share/fonts/opentype/linux-libertine/LinLibertine_RB.otf"),
        ["ebgaramond"] = ("/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf", "/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Italic.otf", "/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Bold.otf"),
        ["open-sans"] = ("/usr/share/fonts/truetype/open-sans/OpenSans-Regular.ttf", "/usr/share/fonts/truetype/open-sans/OpenSans-Italic.ttf", "/usr/share/fonts/truetype/open-sans/OpenSans-Bold.ttf"),
    };

    /// <summary>Scan conditions: resolution and what the scanner, the paper and the ink did to the page.</summary>
    private static readonly Dictionary<string, object> Scans = new()
    {
        ["clean300"] = new { dpi = 300, jpegQuality = 85, degradation = new { skewMin = 0.2, skewMax = 1.0, blur = 0.6, noise = 10, specks = 30 } },
        ["office200"] = new { dpi = 200, jpegQuality = 70, degradation = new { skewMin = 0.3, skewMax = 1.5, blur = 0.8, noise = 14, specks = 40, unevenLight = 0.25 } },
        ["faded300"] = new { dpi = 300, jpegQuality = 60, degradation = new { skewMin = 0.3, skewMax = 1.2, blur = 0.8, noise = 14, specks = 60, ink = 50, showThrough = 0.05 } },
        ["bleed250"] = new { dpi = 250, jpegQuality = 65, degradation = new { skewMin = 0.2, skewMax = 1.5, blur = 0.8, noise = 12, specks = 50, spread = 1, unevenLight = 0.35 } },
        ["phone200"] = new { dpi = 200, jpegQuality = 45, degradation = new { skewMin = 0.5, skewMax = 2.5, blur = 1.2, noise = 18, specks = 40, unevenLight = 0.45, paper = 225 } },
    };

    /// <summary>The style file SampleScans reads for this book.</summary>
    public static string StyleJson(BookSpec spec, string title)
    {
        var (body, italic, bold) = Faces[spec.Face];
        var scan = JsonSerializer.SerializeToNode(Scans[spec.Scan])!.AsObject();
        scan["title"] = title.ToUpperInvariant();
        scan["firstFolio"] = 3 + spec.Seed % 40;
        scan["body"] = body;
        scan["bodyItalic"] = italic ?? body;
        scan["bodyBold"] = bold ?? body;
        scan["heading"] = bold ?? body;
        scan["runningHead"] = body;
        scan["bodySize"] = spec.Size;
        scan["leading"] = Math.Round(spec.Size * 1.25, 2);
        scan["noteSize"] = Math.Round(spec.Size * 0.8, 2);
        scan["noteLeading"] = Math.Round(spec.Size, 2);
        scan["hyphenation"] = "liang";
        return scan.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public static IEnumerable<string> FaceFiles() => Faces.Values.SelectMany(f => new[] { f.Body, f.Italic, f.Bold }).OfType<string>().Distinct();

    /// <summary>
    /// The book's Markdown (the truth, and SampleScans' input): a heading, a seeded run of the source's paragraphs, and
    /// where asked, photos between paragraphs with captions and footnotes on some paragraphs. Captions and notes are
    /// sentences of the same source from outside the run (half the captions numbered "Рис. N.", as technical books
    /// number them), so they read like the book's own and repeat nothing of the page.
    /// </summary>
    public static (string Markdown, string Title) Compose(BookSpec spec, IReadOnlyList<SourceText> works)
    {
        var random = new Random(spec.Seed);
        var all = works.SelectMany((w, i) => w.Paragraphs.Select(p => (Work: i, Text: p))).ToList();
        var total = all.Sum(p => p.Text.Length);
        if (total < spec.Characters * 1.5)
        {
            throw new InvalidDataException($"{spec.Name}: {spec.Source} has only {total} characters of prose");
        }

        // Start somewhere in the first half, so the run and the text after it (captions, notes) both exist.
        var start = random.Next(all.Count / 2);
        var run = new List<string>();
        var length = 0;
        var index = start;
        while (length < spec.Characters && index < all.Count)
        {
            run.Add(all[index].Text);
            length += all[index].Text.Length;
            index++;
        }

        var title = works[all[start].Work].Title;
        var spare = all.Skip(index).Concat(all.Take(start)).SelectMany(p => Sentences(p.Text)).ToList();
        var captions = new Queue<string>(spare.Where(s => WordCount(s) is >= 5 and <= 14 && !s.Contains('«') && !s.Contains('»')).OrderBy(_ => random.Next()).Take(20));
        var notes = new Queue<string>(spare.Where(s => WordCount(s) is >= 6 and <= 30).OrderBy(_ => random.Next()).Take(20));

        var markdown = new StringBuilder();
        markdown.Append("# ").Append(title).Append("\n\n");
        var figureNumber = 1 + random.Next(30);
        var noteNumber = 1;
        var definitions = new StringBuilder();
        for (var i = 0; i < run.Count; i++)
        {
            var paragraph = run[i];
            if (spec.Footnotes && i % 4 == 2 && notes.Count > 0 && FirstSentenceEnd().Match(paragraph) is { Success: true } end)
            {
                paragraph = paragraph.Insert(end.Index, $"[^{noteNumber}]");
                definitions.Append($"[^{noteNumber}]: {notes.Dequeue()}\n\n");
                noteNumber++;
            }

            markdown.Append(paragraph).Append("\n\n");
            if (spec.Figures && i % 5 == 3 && captions.Count > 0)
            {
                var caption = captions.Dequeue();
                markdown.Append("![").Append(random.Next(2) == 0 ? $"Рис. {figureNumber++}. {caption}" : caption).Append("](photo)\n\n");
            }
        }

        markdown.Append(definitions);
        return (markdown.ToString().TrimEnd() + "\n", title);
    }

    private static IEnumerable<string> Sentences(string paragraph) => SentenceBreak().Split(paragraph).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"(?<=[.!?…])\s+(?=[А-ЯЁ])")]
    private static partial Regex SentenceBreak();

    // The end of the first sentence of at least five words: the note marker goes before its final mark.
    [GeneratedRegex(@"(?<=^(?:\S+\s+){4,}?[^\s.!?…]*\p{L})[.!?…](?=\s+[А-ЯЁ«—]|$)")]
    private static partial Regex FirstSentenceEnd();
}
