using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Typeset.Configuration;
using Typeset.Pipeline;
using Typeset.Publishing;
using Typeset.Publishing.Preflight;
using Typeset.Tests.Publishing.Epub;
using Typeset.Tests.Support;

namespace Typeset.Tests.Publishing;

/// <summary>The sample run once through the whole pipeline: the PDF and EPUB every test of the class looks at.</summary>
public sealed class SampleRunFixture : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public SampleRunFixture()
    {
        var input = Directory.CreateDirectory(scratch.File("input")).FullName;
        File.Copy(TestPaths.SampleMarkdown, Path.Combine(input, "book.md"));
        File.Copy(TestPaths.RepositoryConfig, scratch.File("pipeline.json"));
        Config = PipelineConfigLoader.Load(scratch.File("pipeline.json"), StageCatalog.OptionShapes);
        new PipelineRunner(Config, new SilentObserver()).Run(new RunOptions());
    }

    public PipelineConfig Config { get; }

    public void Dispose() => scratch.Dispose();
}

/// <summary>
/// Issue 15's targets on the sample and on a second book: PDF/X-4 a preflight accepts, type on the black plate alone (as
/// Ghostscript separates it), fonts truly subset, the size, and an EPUB Ace finds nothing wrong with, whose page list
/// carries the PDF's folios.
/// </summary>
public sealed partial class PrintAndAccessibilityTests(SampleRunFixture sample) : IClassFixture<SampleRunFixture>
{
    [Fact]
    public void The_sample_pdf_passes_the_pdf_x4_preflight()
    {
        var report = PdfPreflight.Check(sample.Config.Paths.BookPdf);

        Assert.True(report.Failures == 0, report.ToMarkdown());
        Assert.Contains(report.Checks, check => check.Check == "output intent" && check.Result.StartsWith("CGATS TR 001", StringComparison.Ordinal));
        Assert.True(File.Exists(PdfStage.PreflightReportPath(sample.Config.Paths.BookPdf)), "the pdf stage writes the preflight table beside the PDF");
        ExternalTool.Run("qpdf", "--check", sample.Config.Paths.BookPdf);
    }

    [Fact]
    public void Type_and_rules_separate_onto_the_black_plate_alone()
    {
        // Ghostscript's ink coverage per page: cyan, magenta, yellow, black. RGB black would put ink on all four.
        var coverage = ExternalTool.Run("gs", "-q", "-o", "-", "-sDEVICE=inkcov", sample.Config.Paths.BookPdf)
            .Split('\n').Where(line => line.Contains("CMYK", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToList();

        Assert.True(coverage.Count > 10);
        Assert.All(coverage, page => Assert.True(page[0] == 0 && page[1] == 0 && page[2] == 0, $"colour ink on a text page: {string.Join(' ', page)}"));
        Assert.Contains(coverage, page => page[3] > 0);
    }

    [Fact]
    public void The_sample_pdf_embeds_true_subsets_and_stays_small()
    {
        var fonts = PdfPreflight.Check(sample.Config.Paths.BookPdf).Checks.Single(check => check.Check == "fonts");
        foreach (Match font in FontGlyphs().Matches(fonts.Result))
        {
            var used = int.Parse(font.Groups[1].Value, CultureInfo.InvariantCulture);
            var total = int.Parse(font.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.True(used < total / 3, fonts.Result);
        }

        // The 14 pages were 1 MB with whole fonts; the issue asks for 250 KB (the CMYK profile the output intent embeds is 135 KB of it).
        Assert.True(new FileInfo(sample.Config.Paths.BookPdf).Length <= 250_000, $"{new FileInfo(sample.Config.Paths.BookPdf).Length} bytes");
    }

    [Fact]
    public void The_pdf_is_tagged_with_the_book_structure_and_running_matter_as_artifacts()
    {
        var pdf = sample.Config.Paths.BookPdf;
        Assert.Matches(@"Tagged:\s+yes", ExternalTool.Run("pdfinfo", pdf));
        var tree = ExternalTool.Run("pdfinfo", "-struct", pdf);
        foreach (var element in new[] { "Document", "H1", "H2", "P", "TOC", "TOCI", "Link", "Note" })
        {
            Assert.Matches($@"(?m)^\s*{element}\b", tree);
        }

        var text = ExternalTool.Run("pdfinfo", "-struct-text", pdf);
        // The book's words are in the tree; the running heads ("Разгром Японии" on versos) and folios are not.
        // Words keep their spaces in the tagged text (a space glyph at each word space), also across line ends.
        Assert.Contains("Прежде чем переходить к рассказу", text, StringComparison.Ordinal);
        var body = ExternalTool.Run("pdftotext", "-enc", "UTF-8", pdf, "-");
        Assert.True(Regex.Matches(body, "Разгром Японии").Count > Regex.Matches(text, "Разгром Японии").Count + 3, "running heads are artifacts, outside the tree");
    }

    [Fact]
    public void The_page_list_carries_the_folios_of_the_pdf()
    {
        using var epub = ZipFile.OpenRead(sample.Config.Paths.BookEpub);
        var nav = Read(epub, "OEBPS/nav.xhtml");
        var entries = PageListEntry().Matches(nav).Select(m => (File: m.Groups[1].Value, Id: m.Groups[2].Value, Label: m.Groups[3].Value)).ToList();
        Assert.True(entries.Count >= 8, nav);

        foreach (var (file, id, label) in entries)
        {
            // The words after the marker in the e-book are the first words of that page's text in the PDF.
            var xhtml = Read(epub, "OEBPS/text/" + file);
            var marker = Regex.Match(xhtml, $"<span[^>]*id=\"{id}\"[^>]*></span>");
            Assert.True(marker.Success, $"no marker {id} in {file}");
            Assert.Contains("epub:type=\"pagebreak\"", marker.Value, StringComparison.Ordinal);
            var following = Words(Regex.Replace(xhtml[(marker.Index + marker.Length)..], "<[^>]+>", " ")).Take(4).ToArray();
            var page = Words(ExternalTool.Run("pdftotext", "-f", label, "-l", label, "-enc", "UTF-8", sample.Config.Paths.BookPdf, "-"));
            Assert.True(ContainsRun(page.Take(30).ToArray(), following), $"page {label} of the PDF does not begin with \"{string.Join(' ', following)}\": {string.Join(' ', page.Take(30))}");
        }
    }

    [Fact]
    public void The_epub_stage_run_alone_lays_out_the_same_pages()
    {
        using var scratch = new ScratchFolder();
        var book = global::Typeset.Markdown.MarkdownReader.Read(File.ReadAllText(sample.Config.Paths.BookMarkdown), sample.Config.Book);
        var laidOut = global::Typeset.Publishing.Pdf.PdfBookWriter.PageMap(book, sample.Config.Typesetting, ResourceFolders.Only(sample.Config.Paths.Output));
        var key = PrintPageMap.KeyOf(book, sample.Config.Typesetting, sample.Config.Paths.Output);
        var recorded = PrintPageMap.Read(sample.Config.Paths.PrintPageMapFile, key);

        Assert.NotNull(recorded);
        Assert.Equal(recorded.Pages, laidOut.Pages);
        Assert.Null(PrintPageMap.Read(sample.Config.Paths.PrintPageMapFile, key + "0"));
    }

    [Fact]
    public void Ace_finds_no_violation_in_the_sample_epub()
    {
        var violations = Ace(sample.Config.Paths.BookEpub);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(Epubcheck.Run(sample.Config.Paths.BookEpub) is { Errors: 0, Fatals: 0, Warnings: 0 });
    }

    [Fact]
    public void Ace_finds_no_violation_in_a_second_book_with_figures_and_notes()
    {
        using var scratch = new ScratchFolder();
        var resources = EpubTestBooks.CreateResourceDirectory();
        try
        {
            var book = EpubTestBooks.Russian();
            var settings = new TypesettingSettings();
            var pages = global::Typeset.Publishing.Pdf.PdfBookWriter.PageMap(book, settings, ResourceFolders.Only(resources));
            var path = scratch.File("second.epub");
            using (var stream = File.Create(path))
            {
                global::Typeset.Publishing.Epub.EpubBookWriter.Write(book, new global::Typeset.Publishing.Epub.EpubSettings(PrintPages: pages,
                    AltText: new Dictionary<string, string> { [EpubTestBooks.PngPath] = "Колонна танков на просёлочной дороге" }), resources, stream);
            }

            var violations = Ace(path);
            Assert.True(violations.Count == 0, string.Join("\n", violations));
            var report = Epubcheck.Run(path);
            Assert.True(report.Errors + report.Fatals + report.Warnings == 0, report.Messages);

            using var epub = ZipFile.OpenRead(path);
            var opf = Read(epub, "OEBPS/content.opf");
            Assert.Contains("<meta property=\"schema:accessMode\">visual</meta>", opf, StringComparison.Ordinal);
            var chapters = string.Concat(epub.Entries.Where(e => e.FullName.StartsWith("OEBPS/text/", StringComparison.Ordinal)).Select(e => Read(epub, e.FullName)));
            Assert.Contains("alt=\"Колонна танков на просёлочной дороге\"", chapters, StringComparison.Ordinal);
            Assert.DoesNotContain("alt=\"Карта-схема\"", chapters, StringComparison.Ordinal);
            Assert.Contains("role=\"doc-noteref\"", chapters, StringComparison.Ordinal);
            Assert.Contains("role=\"doc-footnote\"", chapters, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(resources, recursive: true);
        }
    }

    /// <summary>
    /// PDF/UA wants /Alt on every Figure: the editor's alt text from epub.altText where given (the same the EPUB uses),
    /// else the caption; alt text that only repeats the caption is not used.
    /// </summary>
    [Fact]
    public void A_figure_in_the_pdf_takes_the_editors_alt_text_else_its_caption()
    {
        using var scratch = new ScratchFolder();
        var resources = EpubTestBooks.CreateResourceDirectory();
        try
        {
            var altText = new Dictionary<string, string>
            {
                [EpubTestBooks.PngPath] = "Колонна танков на просёлочной дороге",
                [EpubTestBooks.WebpPath] = "карта-схема",
            };
            var path = scratch.File("second.pdf");
            using (var stream = File.Create(path))
            {
                global::Typeset.Publishing.Pdf.PdfBookWriter.Write(EpubTestBooks.Russian(), new TypesettingSettings(), ResourceFolders.Only(resources), stream, altText);
            }

            var raw = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));
            string Alt(string text) => "/Alt " + global::Typeset.Publishing.Pdf.PdfFinisher.PdfString(text);
            Assert.Contains(Alt("Колонна танков на просёлочной дороге"), raw, StringComparison.Ordinal);
            Assert.DoesNotContain(Alt("Танки на марше (АА)"), raw, StringComparison.Ordinal);
            Assert.Contains(Alt("Карта-схема"), raw, StringComparison.Ordinal);
            Assert.DoesNotContain(Alt("карта-схема"), raw, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(resources, recursive: true);
        }
    }

    [Fact]
    public void Ace_finds_no_violation_in_the_every_kind_book()
    {
        // The third book: lists, a table with a ragged row, links, notes holding lists and quotations, epigraph, verse,
        // code, title page and imprint, with the page list of its own PDF layout.
        using var scratch = new ScratchFolder();
        var book = global::Typeset.Markdown.MarkdownReader.Read(File.ReadAllText(TestPaths.EveryKindBook), new global::Typeset.Model.BookMeta("Хлеб насущный", Author: "И. П. Савельев"));
        var folder = ResourceFolders.Only(Path.GetDirectoryName(TestPaths.EveryKindBook)!);
        var pages = global::Typeset.Publishing.Pdf.PdfBookWriter.PageMap(book, new TypesettingSettings(), folder);
        var path = scratch.File("every-kind.epub");
        using (var stream = File.Create(path))
        {
            global::Typeset.Publishing.Epub.EpubBookWriter.Write(book, new global::Typeset.Publishing.Epub.EpubSettings(PrintPages: pages), folder, stream);
        }

        var violations = Ace(path);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        var report = Epubcheck.Run(path);
        Assert.True(report.Errors + report.Fatals + report.Warnings == 0, report.Messages);
        using var epub = ZipFile.OpenRead(path);
        var chapters = string.Concat(epub.Entries.Where(e => e.FullName.StartsWith("OEBPS/text/", StringComparison.Ordinal)).Select(e => Read(epub, e.FullName)));
        Assert.DoesNotContain("<th scope=\"col\"></th>", chapters, StringComparison.Ordinal);
    }

    /// <summary>Ace's failed assertions ("rule (impact) where"), run with the system Chromium.</summary>
    private static List<string> Ace(string epub)
    {
        using var output = new ScratchFolder();
        var start = new ProcessStartInfo("ace-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--silent", "--force", "--outdir", output.Path, epub })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PUPPETEER_EXECUTABLE_PATH"] = "/usr/bin/chromium";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ace-cli failed: {error.Result}");
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Path, "report.json")));
        var failures = new List<string>();
        void Walk(JsonElement node)
        {
            if (!node.TryGetProperty("assertions", out var assertions))
            {
                return;
            }

            foreach (var assertion in assertions.EnumerateArray())
            {
                if (assertion.TryGetProperty("earl:result", out var result) && result.GetProperty("earl:outcome").GetString() == "fail"
                    && assertion.TryGetProperty("earl:test", out var test) && test.TryGetProperty("dct:title", out var title))
                {
                    var where = assertion.TryGetProperty("earl:testSubject", out var subject) && subject.TryGetProperty("url", out var url) ? url.GetString() : string.Empty;
                    failures.Add($"{title.GetString()} ({(test.TryGetProperty("earl:impact", out var impact) ? impact.GetString() : "?")}) {where}");
                }

                Walk(assertion);
            }
        }

        Walk(report.RootElement);
        return failures;
    }

    private static string Read(ZipArchive archive, string name)
    {
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static string[] Words(string text) => WordPattern().Matches(text).Select(m => m.Value).ToArray();

    private static bool ContainsRun(string[] haystack, string[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\((\d+) of (\d+) glyphs\)")]
    private static partial Regex FontGlyphs();

    [GeneratedRegex("<a href=\"text/([^\"#]+)#(page-\\d+)\">(\\d+)</a>")]
    private static partial Regex PageListEntry();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
