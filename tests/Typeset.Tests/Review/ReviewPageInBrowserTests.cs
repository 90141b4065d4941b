using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Typeset.Edits;
using Typeset.Review;
using Typeset.Tests.Support;
using Xunit.Abstractions;

namespace Typeset.Tests.Review;

/// <summary>The review page in headless Chromium: the editor's loop end to end, keyboard, filters, and load time.</summary>
public sealed partial class ReviewPageInBrowserTests(HeadlessChromium chromium, ITestOutputHelper output) : IClassFixture<HeadlessChromium>
{
    private const string FindHyphenationEdit =
        "() => [...document.querySelectorAll('.edit')].find(e => e.dataset.before === 'го-\\nсударственный' && e.dataset.after === 'государственный')?.dataset.editId";

    private static async Task WaitUntilReady(IPage page) =>
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");

    [Fact]
    public async Task Rejecting_an_edit_in_the_page_brings_the_original_word_back_in_book_md_and_the_pdf()
    {
        using var project = new ReviewProject();
        project.Run();
        Assert.Contains("государственный аппарат", PdfText(project));

        string id;
        await using (var server = await ReviewServer.StartAsync(project.Config.Paths, port: 0))
        {
            var page = await chromium.Browser.NewPageAsync();
            await page.GotoAsync(server.Address.ToString());
            await WaitUntilReady(page);

            id = await page.EvaluateAsync<string>(FindHyphenationEdit);
            Assert.NotNull(id);
            await page.Locator($"#e-{id} button[data-act=reject]").ClickAsync();
            await page.WaitForFunctionAsync($"() => document.getElementById('e-{id}').dataset.verdict === 'reject'");
            await page.CloseAsync();
        }

        var decision = Assert.Single(DecisionsFile.Read(project.Config.Paths.Decisions));
        Assert.Equal((DecisionKind.Reject, id), (decision.Kind, decision.EditId));

        var summary = project.Run();

        Assert.Equal(1, summary.Rejected);
        Assert.Contains("го-\nсударственный аппарат", File.ReadAllText(project.Config.Paths.BookMarkdown));
        var pdf = PdfText(project);
        Assert.DoesNotContain("государственный аппарат", pdf);
        Assert.Contains("го- сударственный аппарат", pdf);
        Assert.Equal(EditStatus.Rejected, EditLogFile.Read(project.Config.Paths.EditLog).Single(r => r.Id == id).Status);
    }

    [Fact]
    public async Task Keys_move_between_edits_and_decide_them_and_filters_narrow_the_list()
    {
        using var project = new ReviewProject("join", "dehyphenate");
        project.Run();
        var log = EditLogFile.Read(project.Config.Paths.EditLog);
        await using var server = await ReviewServer.StartAsync(project.Config.Paths, port: 0);
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(server.Address.ToString());
        await WaitUntilReady(page);

        await page.SelectOptionAsync("#f-rule", "join.page-break");
        var shown = await page.Locator(".edit:not([hidden])").CountAsync();
        Assert.Equal(log.Count(r => r.Rule == "join.page-break"), shown);

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("k");
        var current = await page.EvaluateAsync<string>("() => document.querySelector('.edit.current').dataset.editId");
        Assert.Equal(log.First(r => r.Rule == "join.page-break").Id, current);
        await page.Keyboard.PressAsync("a");
        await page.WaitForFunctionAsync($"() => document.getElementById('e-{current}').dataset.verdict === 'accept'");

        await page.SelectOptionAsync("#f-verdict", "accept");
        Assert.Equal(1, await page.Locator(".edit:not([hidden])").CountAsync());
        await page.SelectOptionAsync("#f-verdict", "");
        await page.SelectOptionAsync("#f-rule", "");
        await page.FillAsync("#f-min", "0.99");
        Assert.Equal(log.Count(r => r.Confidence >= 0.99), await page.Locator(".edit:not([hidden])").CountAsync());

        // Typed on one line, the pair still matches the edit whose hyphen stood at a line end.
        var hyphenation = log.Single(r => r.Before == "го-\nсударственный").Id;
        await page.FillAsync("#pair-before", "го-сударственный");
        await page.FillAsync("#pair-after", "государственный");
        await page.ClickAsync("button[data-pair=never]");
        await page.WaitForFunctionAsync($"() => document.getElementById('e-{hyphenation}').dataset.verdict === 'reject'");
        await page.FillAsync("#new-word", "Хинган");
        await page.ClickAsync("#add-word");
        await page.WaitForFunctionAsync("() => document.getElementById('toast').textContent === 'saved: addWord'");

        var saved = DecisionsFile.Read(project.Config.Paths.Decisions);
        Assert.Equal([DecisionKind.Accept, DecisionKind.Never, DecisionKind.AddWord], saved.Select(d => d.Kind));
        Assert.Equal(current, saved[0].EditId);
        Assert.Equal(("го-сударственный", "государственный"), (saved[1].Before, saved[1].After));
        Assert.Equal(["Хинган"], UserWords.Read(UserWords.PathIn(project.Config.Paths.Dictionaries)));
        var roundTrip = await page.EvaluateAsync<string>("() => document.body.dataset.lastRoundTripMs");
        output.WriteLine($"decision round trip seen by the page: {roundTrip} ms");
    }

    [Fact]
    public async Task Opened_as_a_file_the_page_collects_decisions_for_download()
    {
        using var project = new ReviewProject("join", "dehyphenate");
        project.Run();
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(project.Config.Paths.ReviewFolder, "index.html")).AbsoluteUri);
        await WaitUntilReady(page);

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("r");

        Assert.Equal("download 1 decision(s)", await page.Locator("#download").TextContentAsync());
        Assert.Equal("reject", await page.EvaluateAsync<string>("() => document.querySelector('.edit.current').dataset.verdict"));
        Assert.False(File.Exists(project.Config.Paths.Decisions));
    }

    [Fact]
    public async Task The_page_with_5000_edits_opens_in_about_a_second()
    {
        using var scratch = new ScratchFolder();
        var (raw, final, log) = ReviewFixtures.ManyEdits(paragraphs: 1000, perParagraph: 5);
        var file = scratch.File("index.html");
        File.WriteAllText(file, ReviewPage.Render(ReviewDataBuilder.Build(raw.Meta.Title, raw, final, log, NoDecisions.Instance, scans: null)));
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync("about:blank");

        var clock = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await WaitUntilReady(page);
        clock.Stop();

        var readyMs = int.Parse(await page.EvaluateAsync<string>("() => document.body.dataset.readyMs"), CultureInfo.InvariantCulture);
        Assert.Equal(5000, await page.Locator(".edit").CountAsync());
        output.WriteLine($"5000 edits: page ready {readyMs} ms after navigation start; {clock.ElapsedMilliseconds} ms as the test saw it");
        // The 1 s target is measured and reported above, not asserted: timing belongs to benchmarks, not to unit tests.
        Assert.True(readyMs > 0);
    }

    /// <summary>The PDF's text with white space runs collapsed, so line ends in the layout do not matter.</summary>
    private static string PdfText(ReviewProject project) =>
        WhiteSpace().Replace(ExternalTool.Run("pdftotext", "-enc", "UTF-8", project.Config.Paths.BookPdf, "-"), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

/// <summary>Scan crops: shown when the edit's page has a scan and its block a box, from a file and from the server.</summary>
public sealed class ScanCropInBrowserTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task The_crop_of_the_scan_is_shown_only_where_page_scan_and_box_are_known()
    {
        var paths = new Typeset.Configuration.ProjectPaths(scratch.File("input"), scratch.File("output"), scratch.File("dictionaries"), scratch.File("input/review-decisions.jsonl"));
        var scans = Directory.CreateDirectory(Path.Combine(paths.Output, "review", "scans")).FullName;
        using (var bitmap = new SkiaSharp.SKBitmap(600, 400))
        using (var image = SkiaSharp.SKImage.FromBitmap(bitmap))
        using (var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100))
        {
            File.WriteAllBytes(Path.Combine(scans, "page-0003.png"), png.ToArray());
        }

        var raw = new Typeset.Model.Book(new Typeset.Model.BookMeta("К"), Typeset.Model.ValueList<Typeset.Model.Block>.Of(
            new Typeset.Model.Paragraph("p0003.b01", Typeset.Model.ValueList<Typeset.Model.Inline>.Of(new Typeset.Model.Text("Превый абзац.")),
                new Typeset.Model.SourceRef(3, Box: new Typeset.Model.PixelBox(50, 60, 300, 40))),
            new Typeset.Model.Paragraph("p0004.b01", Typeset.Model.ValueList<Typeset.Model.Inline>.Of(new Typeset.Model.Text("Превый без скана.")),
                new Typeset.Model.SourceRef(4, Box: new Typeset.Model.PixelBox(50, 60, 300, 40)))));
        var edits = new[]
        {
            new Edit("spelling", "spelling.ocr-confusion", "p0003.b01", 0, "Превый", "Первый", 0.95, "ре/ер"),
            new Edit("spelling", "spelling.ocr-confusion", "p0004.b01", 0, "Превый", "Первый", 0.95, "ре/ер"),
        };
        var (final, log) = EditApplier.Apply(raw, edits, 0.9, NoDecisions.Instance);
        ReviewOutput.Write(paths, raw, final, log, NoDecisions.Instance);
        EditLogFile.Write(paths.EditLog, log);

        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(paths.ReviewFolder, "index.html")).AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
        Assert.Equal(1, await page.Locator("section[data-block='p0003.b01'] .crop").CountAsync());
        Assert.Equal(0, await page.Locator("section[data-block='p0004.b01'] .crop").CountAsync());
        // From file:// the scan resolves beside index.html (output/review/scans/), so the browser really loads it.
        var style = await page.Locator("section[data-block='p0003.b01'] .crop > div").GetAttributeAsync("style");
        Assert.Contains("scans/page-0003.png", style);
        Assert.DoesNotContain("../", style);

        await using var server = await ReviewServer.StartAsync(paths, port: 0);
        await page.GotoAsync(server.Address.ToString());
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
        var crop = page.Locator("section[data-block='p0003.b01'] .crop img");
        await crop.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => document.querySelector(\"section[data-block='p0003.b01'] .crop img\").naturalWidth > 0");
        Assert.Equal(300 + 48, await page.EvaluateAsync<int>("() => document.querySelector(\"section[data-block='p0003.b01'] .crop img\").naturalWidth"));
    }
}
