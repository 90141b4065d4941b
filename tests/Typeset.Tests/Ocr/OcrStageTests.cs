using System.Diagnostics;
using Typeset.Configuration;
using Typeset.Edits;
using Typeset.Interop.Tesseract;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Ocr;
using Typeset.Pipeline;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

public class OcrStageTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private string WriteScans(params (string Name, byte[] Bytes)[] files)
    {
        var folder = scratch.File("input/scans");
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        return folder;
    }

    [Fact]
    public void Run_starts_from_the_scans_when_the_ocr_stage_is_selected_and_fails_at_the_end_for_a_bad_page()
    {
        WriteScans(("p1.png", SyntheticScan.Png(["Первая страница книги."])), ("p2.png", []), ("p3.png", SyntheticScan.Png(["Третья страница книги."])));
        var config = TestContexts.OcrConfig(scratch.Path, "join");
        var observer = new SilentObserver();

        var error = Assert.Throws<ProcessingException>(() => new PipelineRunner(config, observer).Run(new RunOptions()));

        Assert.Contains("1 page(s) failed", error.Message);
        Assert.Contains("p2.png: empty file", error.Message);
        Assert.Contains(observer.Warnings, w => w.ToString().Contains("p2.png"));
        var book = MarkdownReader.Read(File.ReadAllText(config.Paths.BookMarkdown), BookMeta.Untitled);
        var text = string.Join(" ", book.Blocks.OfType<Paragraph>().Select(p => Inlines.PlainText(p.Content)));
        Assert.Contains("Первая страница книги.", text);
        Assert.Contains("Третья страница книги.", text);
        Assert.True(File.Exists(Path.Combine(config.Paths.OcrWorkFolder, "raw.md")));
        Assert.True(File.Exists(Path.Combine(config.Paths.OcrWorkFolder, "page-0001.json")));

        // The straightened pages are where review looks for scan crops; the failed page has none.
        Assert.True(File.Exists(Path.Combine(config.Paths.ReviewFolder, "scans", "page-0001.jpg")));
        Assert.True(File.Exists(Path.Combine(config.Paths.ReviewFolder, "scans", "page-0003.jpg")));
        Assert.False(File.Exists(Path.Combine(config.Paths.ReviewFolder, "scans", "page-0002.jpg")));
    }

    [Theory]
    [InlineData("input/scans")]
    [InlineData("input")]
    public void A_run_over_a_project_holding_scans_starts_from_them_without_an_ocr_stage_in_the_list(string folder)
    {
        var scans = scratch.File(folder);
        Directory.CreateDirectory(scans);
        File.WriteAllBytes(Path.Combine(scans, "p1.png"), SyntheticScan.Png(["Первая страница книги."], height: 1000));
        File.WriteAllText(scratch.File("input/old.ocr.md"), "Текст, которого нет в сканах.");
        var config = TestContexts.Config(scratch.Path) with { Stages = TestContexts.Config(scratch.Path).Stages.Where(s => s.Name is "join" or "typography").ToList() };
        var observer = new SilentObserver();

        var summary = new PipelineRunner(config, observer).Run(new RunOptions());

        Assert.Equal(["ocr", "join", "typography"], summary.Stages.Select(s => s.Stage));
        var text = File.ReadAllText(config.Paths.BookMarkdown);
        Assert.Contains("Первая страница книги", text);
        Assert.DoesNotContain("которого нет", text);
        var notice = Assert.Single(observer.Warnings);
        Assert.Contains("old.ocr.md is not read", notice.Message);
    }

    [Fact]
    public void A_run_from_a_cleanup_stage_reads_the_markdown_even_beside_scans()
    {
        Directory.CreateDirectory(scratch.File("input/scans"));
        File.WriteAllBytes(scratch.File("input/scans/p1.png"), SyntheticScan.Png(["Первая страница книги."]));
        File.WriteAllText(scratch.File("input/book.md"), "Текст из Markdown.");
        var config = TestContexts.Config(scratch.Path) with { Stages = TestContexts.Config(scratch.Path).Stages.Where(s => s.Name is "join" or "typography").ToList() };

        var summary = new PipelineRunner(config, new SilentObserver()).Run(new RunOptions(From: "join"));

        Assert.Equal(["join", "typography"], summary.Stages.Select(s => s.Stage));
        Assert.Contains("Markdown", File.ReadAllText(config.Paths.BookMarkdown));
    }

    [Fact]
    public void Without_scans_the_stage_says_where_it_looked()
    {
        var config = TestContexts.OcrConfig(scratch.Path);

        var error = Assert.Throws<UsageException>(() => new PipelineRunner(config, new SilentObserver()).Run(new RunOptions()));

        Assert.Contains(Path.Combine(scratch.Path, "input", "scans"), error.Message);
    }

    [Fact]
    public void Paths_scans_and_the_ocr_options_are_read_and_validated()
    {
        File.WriteAllText(scratch.File("pipeline.json"), """
            { "book": { "title": "К" }, "paths": { "scans": "pages" },
              "stages": [ { "name": "ocr", "languages": "rus", "dpi": 400, "maxPixels": 50000000, "workers": 3 } ] }
            """);
        var config = PipelineConfigLoader.Load(scratch.File("pipeline.json"), StageCatalog.OptionShapes);
        var settings = OcrSettings.FromStage(config.Stages[0]);

        Assert.Equal(scratch.File("pages"), config.Paths.ScanFolder);
        Assert.Equal(new OcrSettings("rus", 400, 50_000_000, 3), settings);
        Assert.False(settings.SecondReading);

        File.WriteAllText(scratch.File("second.json"), """{ "book": { "title": "К" }, "stages": [ { "name": "ocr", "secondReading": true } ] }""");
        var second = OcrSettings.FromStage(PipelineConfigLoader.Load(scratch.File("second.json"), StageCatalog.OptionShapes).Stages[0]);
        Assert.True(second.SecondReading);
        Assert.NotEqual(new OcrSettings().CacheKey, second.CacheKey);

        File.WriteAllText(scratch.File("bad.json"), """{ "book": { "title": "К" }, "stages": [ { "name": "ocr", "languages": "rus eng" } ] }""");
        var error = Assert.Throws<ConfigException>(() => PipelineConfigLoader.Load(scratch.File("bad.json"), StageCatalog.OptionShapes));
        Assert.Contains("$.stages[0].languages", error.Message);
        File.WriteAllText(scratch.File("bad.json"), """{ "book": { "title": "К" }, "stages": [ { "name": "ocr", "workers": -1 } ] }""");
        Assert.Throws<ConfigException>(() => PipelineConfigLoader.Load(scratch.File("bad.json"), StageCatalog.OptionShapes));
    }

    [Fact]
    public async Task The_ocr_command_writes_raw_markdown_and_exits_1_naming_the_failed_page()
    {
        var scans = WriteScans(("a1.png", SyntheticScan.Png(["Страница для проверки."])), ("a2.jpg", [0xFF, 0xD8, 0xFF]));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = scratch.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Typeset.Cli.dll"), "ocr", scans, "-o", scratch.File("out/raw.md") })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("a2.jpg", stderr);
        Assert.Contains("1 page(s) failed", stderr);
        Assert.Contains("Страница для проверки.", File.ReadAllText(scratch.File("out/raw.md")));
        Assert.True(File.Exists(scratch.File("out/edits.jsonl")));
    }
}

/// <summary>Layout rules on hand-made recognition results: geometry alone decides, whatever the words say.</summary>
public class PageLayoutRuleTests
{
    private const int Width = 1700;
    private const int Height = 2500;

    private static RecognizedLine Line(int x, int y, string text, int height = 40, int? width = null)
    {
        var words = text.Split(' ');
        var wordWidth = (width ?? 1300) / words.Length;
        return new RecognizedLine(new Box(x, y, width ?? 1300, height), y + height - 8, false,
            words.Select((w, i) => new RecognizedWord(w, 90, new Box(x + i * wordWidth, y, wordWidth - 10, height), false, false, 0, null)).ToList());
    }

    private static RecognizedBlock Text(params RecognizedLine[] lines) =>
        new(BlockKind.FlowingText, PageLayout.Union(lines.Select(l => l.Box)), lines);

    private static OcrPage Page(int number, string head, string folio, params RecognizedBlock[] body)
    {
        var blocks = new List<RecognizedBlock> { Text(Line(700, 80, head, 25, 300)) };
        blocks.AddRange(body);
        blocks.Add(Text(Line(830, 2380, folio, 27, 40)));
        return new OcrPage(number, $"p{number}.png", 0, 300, new RecognizedPage(Width, Height, blocks), []);
    }

    private static RecognizedBlock Body(int top, params string[] lines) =>
        Text(lines.Select((l, i) => Line(i == 0 ? 260 : 200, top + i * 56, l, 40, i == 0 ? 1240 : 1300)).ToArray());

    [Fact]
    public void A_repeated_top_line_is_a_running_head_and_a_lone_number_a_folio()
    {
        var pages = PageLayout.Analyse([
            Page(1, "ИСТОРИЯ КИТАЯ", "12", Body(220, "Первая строка абзаца", "вторая строка абзаца", "третья.")),
            Page(2, "ИСТОРИЯ КИТАЯ", "13", Body(220, "Другая строка абзаца", "и ещё одна строка", "конец.")),
        ]);

        Assert.All(pages, p => Assert.Equal(2, p.Dropped.Count));
        Assert.Contains(pages[0].Dropped, d => d.Rule == PageLayout.RunningHeadRule && d.Text == "ИСТОРИЯ КИТАЯ");
        Assert.Contains(pages[1].Dropped, d => d.Rule == PageLayout.FolioRule && d.Text == "13");
    }

    [Fact]
    public void A_top_line_seen_once_without_rule_or_folio_stays_in_the_text()
    {
        var pages = PageLayout.Analyse([
            Page(1, "ИСТОРИЯ КИТАЯ", "12", Body(220, "Первая строка абзаца", "вторая строка абзаца", "третья.")),
            Page(2, "СОВСЕМ ДРУГОЕ", "13", Body(220, "Другая строка абзаца", "и ещё одна строка", "конец.")),
        ]);

        Assert.All(pages, p => Assert.DoesNotContain(p.Dropped, d => d.Rule == PageLayout.RunningHeadRule));
    }

    [Fact]
    public void A_rejected_removal_keeps_the_line_and_indented_lines_start_paragraphs()
    {
        var pages = PageLayout.Analyse([
            Page(1, "ИСТОРИЯ КИТАЯ", "12", Body(220, "Первая строка абзаца", "вторая строка абзаца", "третья.")),
            Page(2, "ИСТОРИЯ КИТАЯ", "13", Body(220, "Другая строка абзаца", "и ещё одна строка", "конец.")),
        ]);
        var footnotes = 0;

        var kept = PageLayout.Blocks(pages[0], d => d.Rule == PageLayout.RunningHeadRule, ref footnotes);
        var dropped = PageLayout.Blocks(pages[1], _ => false, ref footnotes);

        Assert.Equal("ИСТОРИЯ КИТАЯ", Inlines.PlainText(((Paragraph)kept[1]).Content));
        Assert.DoesNotContain(kept.OfType<Paragraph>(), p => Inlines.PlainText(p.Content) == "12");
        var body = Assert.Single(dropped.OfType<Paragraph>());
        Assert.Equal("Другая строка абзаца и ещё одна строка конец.", Inlines.PlainText(body.Content));
        Assert.Equal(2, body.Content.OfType<LineBreak>().Count());
        Assert.Equal("p0002.b01", dropped[0].Id);
        Assert.IsType<PageMarker>(dropped[0]);
    }

    [Fact]
    public void A_caption_that_Tesseract_merged_into_the_body_below_a_figure_is_split_off_and_bound()
    {
        var picture = new RecognizedBlock(BlockKind.FlowingImage, new Box(300, 300, 1100, 600), []);
        var merged = Text(
            Line(400, 930, "Подпись под снимком, первая строка", 34, 900),
            Line(600, 975, "вторая строка (АА)", 34, 500),
            Line(200, 1060, "Текст книги продолжается полной строкой", 40, 1300),
            Line(200, 1116, "и ещё одной полной строкой текста", 40, 1300),
            Line(200, 1172, "и третьей.", 40, 300));
        var body = Body(220, "Первая строка абзаца", "вторая строка абзаца", "третья.");
        var page = new OcrPage(1, "p1.png", 0, 300, new RecognizedPage(Width, Height, [body, picture, merged]), [new FigureCrop(picture.Box, "images/f.png")]);
        var footnotes = 0;

        var blocks = PageLayout.Blocks(PageLayout.Analyse([page])[0], _ => false, ref footnotes);

        var figure = Assert.Single(blocks.OfType<Figure>());
        Assert.Equal("Подпись под снимком, первая строка вторая строка (АА)", Inlines.PlainText(figure.Caption));
        Assert.Equal("images/f.png", figure.ImagePath);
        Assert.DoesNotContain(blocks.OfType<Paragraph>(), p => Inlines.PlainText(p.Content).Contains("(АА)"));
        Assert.Contains(blocks.OfType<Paragraph>(), p => Inlines.PlainText(p.Content).StartsWith("Текст книги продолжается"));
    }
}
