using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Typeset.Edits;
using Typeset.Review;
using Typeset.Tests.Support;
using Xunit.Abstractions;

namespace Typeset.Tests.Review;

/// <summary>
/// The review page in headless Chromium on the sample: triage order and grouping, the keyboard flow, undo, state kept
/// across reloads, two tabs, and the re-run from the page — each checked against the decisions file and the next run.
/// </summary>
public sealed class ReviewPageInBrowserTests(HeadlessChromium chromium, ITestOutputHelper output) : IClassFixture<HeadlessChromium>
{
    private static readonly ViewportSize Screen = new() { Width = 1280, Height = 720 };

    /// <summary>A row as the page lists it (window.review.rows()).</summary>
    private sealed record Row(string Type, string Key, string? Kind, string Tier, bool Child, string State, List<string> Edits);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static async Task<List<Row>> Rows(IPage page) =>
        JsonSerializer.Deserialize<List<Row>>(await page.EvaluateAsync<string>("() => JSON.stringify(window.review.rows())"), Json)!;

    private static async Task<Row> Current(IPage page) => (await Rows(page))[await page.EvaluateAsync<int>("() => window.review.current()")];

    private async Task<IPage> Open(string address)
    {
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = Screen });
        await page.GotoAsync(address);
        await Ready(page);
        return page;
    }

    private static async Task Ready(IPage page) => await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");

    private static string FileAddress(ReviewProject project) => new Uri(Path.Combine(project.Config.Paths.ReviewFolder, "index.html")).AbsoluteUri;

    /// <summary>Presses <paramref name="key"/> until the current row is the one with <paramref name="key"/>; returns how many presses.</summary>
    private static async Task<int> MoveTo(IPage page, string rowKey, string key = "j")
    {
        for (var presses = 1; presses < 200; presses++)
        {
            await page.Keyboard.PressAsync(key);
            if ((await Current(page)).Key == rowKey)
            {
                return presses;
            }
        }

        throw new InvalidOperationException($"row {rowKey} not reached");
    }

    private static async Task SavedCount(IPage page, int count) =>
        await page.WaitForFunctionAsync($"() => Number(document.body.dataset.saved || 0) >= {count} && document.body.dataset.inflight === '0'");

    [Fact]
    public async Task The_page_opens_on_what_needs_the_editor_suggestions_first_routine_work_by_rule()
    {
        using var project = new ReviewProject("captions", "footnotes", "join", "dehyphenate", "names", "spelling", "typography");
        project.Run();
        var log = EditLogFile.Read(project.Config.Paths.EditLog);
        var page = await Open(FileAddress(project));

        var rows = await Rows(page);
        var items = rows.Where(r => r.Type != "header").ToList();
        output.WriteLine($"sample: {log.Count} edits in {items.Count} rows");
        Assert.InRange(items.Count, 1, 50);
        Assert.Equal("suggestion,content,routine", string.Join(",", rows.Where(r => r.Type == "header").Select(r => r.Tier)));

        // Every suggestion is a row of its own, on the first screen.
        var rowOf = items.SelectMany(r => r.Edits.Select(id => (id, r))).ToDictionary(p => p.id, p => p.r);
        foreach (var suggestion in log.Where(r => r.Status == EditStatus.Suggested))
        {
            var row = rowOf[suggestion.Id];
            Assert.Equal("suggestion", row.Tier);
            Assert.Contains(row.Kind, new[] { "edit", "cluster" });
            var box = await page.Locator($".row[data-key='{row.Key}']").BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y + box.Height <= Screen.Height, $"suggestion {suggestion.Before} is below the first screen");
        }

        // Every low-confidence change of content is a row of its own (a name: its cluster); confident routine work is one row per rule.
        var tiers = log.ToDictionary(r => r.Id, r => ReviewTriage.Tier(r, ReviewTriage.Impact(r)));
        foreach (var edit in log.Where(r => tiers[r.Id] == ReviewTier.Content && r.Confidence < ReviewTriage.LowConfidence))
        {
            Assert.Contains(rowOf[edit.Id].Kind, new[] { "edit", "cluster" });
        }

        var routine = log.Where(r => tiers[r.Id] == ReviewTier.Routine).GroupBy(r => r.Rule).ToList();
        Assert.Equal(routine.Count, items.Count(r => r.Tier == "routine"));
        foreach (var rule in routine)
        {
            Assert.Equal(rule.Select(e => e.Id).Order(), items.Single(r => r.Key == "rule:" + rule.Key).Edits.Order());
        }

        // Typography never has its own row at the top level, and the no-break spaces are one row of 321.
        Assert.DoesNotContain(items, r => r.Kind == "edit" && log.Single(l => l.Id == r.Edits[0]).Stage == "typography" && r.Tier != "content");
        Assert.Equal(log.Count(r => r.Rule == "typography.nbsp-short-words"), items.Single(r => r.Key == "rule:typography.nbsp-short-words").Edits.Count);
    }

    [Fact]
    public async Task A_whole_review_of_the_sample_takes_at_most_30_keystrokes_and_every_decision_reaches_the_file()
    {
        using var project = new ReviewProject("captions", "footnotes", "join", "dehyphenate", "names", "spelling", "typography");
        project.Run();
        var log = EditLogFile.Read(project.Config.Paths.EditLog);
        await using var server = await ReviewServer.StartAsync(project.Config.Paths, port: 0);
        var page = await Open(server.Address.ToString());

        // Accept what the machine proposes, one key a row: each decision moves to the next undecided row.
        var keys = 0;
        while (await page.EvaluateAsync<int>("() => Number(document.body.dataset.decided)") < log.Count && keys < 100)
        {
            await page.Keyboard.PressAsync("a");
            keys++;
        }

        await page.WaitForFunctionAsync("() => document.body.dataset.inflight === '0'");
        output.WriteLine($"whole review of the sample ({log.Count} edits): {keys} keystrokes, one a row");
        Assert.InRange(keys, 1, 30);
        var verdicts = new EditorDecisions(DecisionsFile.Read(project.Config.Paths.Decisions)).DecideAll(log.Select(r => r.ToEdit()).ToList());
        Assert.All(verdicts, v => Assert.True(v));
        Assert.Equal("0", await page.EvaluateAsync<string>("() => document.body.dataset.needsMe"));
        var summary = await page.Locator("#rerun-summary").TextContentAsync();
        // Every edit accepted: those not applied now (suggestions, conflicts) are what the re-run adds.
        var added = log.Count(r => r.Status != EditStatus.Applied);
        Assert.Contains(added == 1 ? "On re-run: 1 edit applied that is not now" : $"On re-run: {added} edits applied that are not now", summary);
    }

    [Fact]
    public async Task Keys_open_a_group_decide_it_whole_and_undo_takes_it_back()
    {
        using var project = new ReviewProject("join", "dehyphenate", "typography");
        project.Run();
        var log = EditLogFile.Read(project.Config.Paths.EditLog);
        var dashes = log.Where(r => r.Rule == "typography.dash").Select(r => r.Id).ToHashSet();
        await using var server = await ReviewServer.StartAsync(project.Config.Paths, port: 0);
        var page = await Open(server.Address.ToString());

        await MoveTo(page, "rule:typography.dash");
        await page.Keyboard.PressAsync("Enter");
        var rows = await Rows(page);
        Assert.Equal(dashes.Order(), rows.Where(r => r.Child).Select(r => r.Edits.Single()).Order());

        await page.Keyboard.PressAsync("r");
        await SavedCount(page, 1);
        var saved = DecisionsFile.Read(project.Config.Paths.Decisions);
        Assert.Equal(dashes.Order(), saved.Where(d => d.Kind == DecisionKind.Reject).Select(d => d.EditId!).Order());
        Assert.All((await Rows(page)).Where(r => r.Child), r => Assert.Equal("reject", r.State));

        await page.Keyboard.PressAsync("u");
        await SavedCount(page, 2);
        Assert.DoesNotContain(new EditorDecisions(DecisionsFile.Read(project.Config.Paths.Decisions)).DecideAll(log.Select(r => r.ToEdit()).ToList()), v => v is not null);
        Assert.All((await Rows(page)).Where(r => r.Child), r => Assert.Equal("", r.State));

        // n goes to the next row nobody decided; a decides it and moves on.
        await page.Keyboard.PressAsync("n");
        var next = await Current(page);
        await page.Keyboard.PressAsync("a");
        await SavedCount(page, 3);
        Assert.Equal("accept", (await Rows(page)).Single(r => r.Key == next.Key).State);
        Assert.NotEqual(next.Key, (await Current(page)).Key);
    }

    [Fact]
    public async Task Decisions_the_place_in_the_list_and_open_groups_survive_a_reload()
    {
        using var project = new ReviewProject("join", "dehyphenate", "typography");
        project.Run();
        await using var server = await ReviewServer.StartAsync(project.Config.Paths, port: 0);
        var page = await Open(server.Address.ToString());

        await MoveTo(page, "rule:typography.nbsp-initials");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("j");
        var first = await Current(page);
        Assert.True(first.Child);
        await page.Keyboard.PressAsync("r");
        await SavedCount(page, 1);
        var place = (await Current(page)).Key;

        await page.ReloadAsync();
        await Ready(page);
        await page.WaitForFunctionAsync($"() => window.review.rows().find(r => r.key === '{first.Key}').state === 'reject'");

        Assert.Equal(place, (await Current(page)).Key);
        Assert.Contains(await Rows(page), r => r.Child);
    }

    [Fact]
    public async Task Opened_as_a_file_the_page_keeps_decisions_across_a_reload_for_download()
    {
        using var project = new ReviewProject("join", "dehyphenate");
        project.Run();
        var page = await Open(FileAddress(project));

        await page.Keyboard.PressAsync("n");
        var decided = await Current(page);
        await page.Keyboard.PressAsync("r");
        await page.ReloadAsync();
        await Ready(page);

        Assert.Equal("download 1 decision(s)", await page.Locator("#download").TextContentAsync());
        Assert.Equal("reject", (await Rows(page)).Single(r => r.Key == decided.Key).State);
        var href = await page.Locator("#download").GetAttributeAsync("href");
        var line = await page.EvaluateAsync<string>($"async () => (await (await fetch('{href}')).text()).trim()");
        var decision = JsonSerializer.Deserialize<ReviewDecision>(line, DecisionsFile.Options)!;
        Assert.Equal(decided.Edits.Single(), decision.Anchor!.Id);
        Assert.False(File.Exists(project.Config.Paths.Decisions));
    }

    [Fact]
    public async Task The_list_keeps_only_the_rows_on_screen_in_the_document_and_needs_me_leaves_what_needs_the_editor()
    {
        using var project = new ReviewProject("join", "dehyphenate", "typography");
        project.Run();
        var log = EditLogFile.Read(project.Config.Paths.EditLog);
        var page = await Open(FileAddress(project));

        // The largest routine group opened: hundreds of rows in the list, a screenful of them in the document.
        var group = (await Rows(page)).Where(r => r.Kind == "group").MaxBy(r => r.Edits.Count)!;
        if ((await Current(page)).Key != group.Key)
        {
            await MoveTo(page, group.Key);
        }

        await page.Keyboard.PressAsync("Enter");
        var rows = await Rows(page);
        Assert.True(rows.Count > 200, $"{rows.Count} rows");
        Assert.InRange(await page.Locator(".row").CountAsync(), 1, 40);
        await page.EvaluateAsync("() => { document.getElementById('list').scrollTop = 1e9; }");
        await page.Locator($".row[data-key='{rows[^1].Key}']").WaitForAsync();
        Assert.InRange(await page.Locator(".row").CountAsync(), 1, 40);

        // "Needs me": only suggestions and low-confidence changes of content, every one of them; again, everything.
        await page.Keyboard.PressAsync("f");
        var needing = (await Rows(page)).Where(r => r.Type != "header").ToList();
        var tiers = log.ToDictionary(r => r.Id, r => ReviewTriage.Tier(r, ReviewTriage.Impact(r)));
        var expected = log.Where(r => tiers[r.Id] == ReviewTier.Suggestion || (tiers[r.Id] == ReviewTier.Content && r.Confidence < ReviewTriage.LowConfidence)).ToList();
        Assert.NotEmpty(expected);
        Assert.All(needing, r => Assert.Contains(r.Tier, new[] { "suggestion", "content" }));
        Assert.All(expected, e => Assert.Contains(needing, r => r.Edits.Contains(e.Id)));
        Assert.True(needing.Count < rows.Count(r => r.Type != "header" && !r.Child));
        await page.Keyboard.PressAsync("f");
        Assert.Equal(rows.Count, (await Rows(page)).Count);
    }

    [Fact]
    public async Task Enter_on_a_card_shows_its_paragraph_raw_beside_now_with_the_change_marked()
    {
        using var project = new ReviewProject("join", "dehyphenate");
        project.Run();
        var log = EditLogFile.Read(project.Config.Paths.EditLog);
        var page = await Open(FileAddress(project));
        var card = (await Rows(page)).First(r => r.Type == "item" && r.Kind == "edit");
        var edit = log.Single(r => r.Id == card.Edits.Single());
        if ((await Current(page)).Key != card.Key)
        {
            await MoveTo(page, card.Key);
        }

        await page.Keyboard.PressAsync("Enter");

        var pane = page.Locator("#detail");
        await pane.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Contains(edit.Block, await pane.Locator("h3").First.TextContentAsync());
        var raw = await pane.Locator(".sbs > div").Nth(0).TextContentAsync();
        var now = await pane.Locator(".sbs > div").Nth(1).TextContentAsync();
        Assert.Contains(edit.ContextBefore.Split(' ')[^1], raw);
        Assert.Contains(edit.ContextBefore.Split(' ')[^1], now);
        Assert.NotEqual(raw, now);
        Assert.True(await pane.Locator(".sbs > div").Nth(1).Locator("ins").CountAsync() > 0);
        await page.Keyboard.PressAsync("Escape");
        Assert.False(await pane.IsVisibleAsync());
    }

    [Fact]
    public async Task Two_tabs_deciding_the_same_edit_record_one_decision_and_the_late_tab_shows_it()
    {
        using var project = new ReviewProject("join", "dehyphenate");
        project.Run();
        await using var server = await ReviewServer.StartAsync(project.Config.Paths, port: 0);
        var first = await Open(server.Address.ToString());
        var second = await Open(server.Address.ToString());
        var row = (await Current(first)).Key;

        await first.Keyboard.PressAsync("a");
        await SavedCount(first, 1);
        await second.Keyboard.PressAsync("r");

        await second.WaitForFunctionAsync($"() => window.review.rows().find(r => r.key === '{row}').state === 'accept'");
        Assert.Contains("another tab", await second.Locator("#toast").TextContentAsync());
        Assert.Equal([DecisionKind.Accept], DecisionsFile.Read(project.Config.Paths.Decisions).Select(d => d.Kind));
    }

    [Fact]
    public async Task Rerun_from_the_page_applies_the_decisions_and_reloads_on_the_new_run()
    {
        using var project = new ReviewProject("join", "dehyphenate", "spelling");
        project.Run();
        var hyphenation = EditLogFile.Read(project.Config.Paths.EditLog).Single(r => r.Before == "го-\nсударственный");
        await using var server = await ReviewServer.StartAsync(project.Config.Paths, port: 0, rerun: () => project.Run().Rejected + " rejected");
        var page = await Open(server.Address.ToString());
        var run = await page.EvaluateAsync<string>("() => window.review.run");

        await MoveTo(page, "rule:dehyphenate.join");
        await page.Keyboard.PressAsync("r");
        await SavedCount(page, 1);
        Assert.Contains("1 applied edit undone", await page.Locator("#rerun-summary").TextContentAsync());
        await page.Keyboard.PressAsync("R");

        await page.WaitForFunctionAsync($"() => document.body.dataset.ready === 'true' && window.review.run !== '{run}'",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        Assert.Contains("го-\nсударственный", File.ReadAllText(project.Config.Paths.BookMarkdown));
        Assert.Equal(EditStatus.Rejected, EditLogFile.Read(project.Config.Paths.EditLog).Single(r => r.Id == hyphenation.Id).Status);
        Assert.Equal("reject", (await Rows(page)).Single(r => r.Key == "rule:dehyphenate.join").State);
        Assert.Contains("nothing changes", await page.Locator("#rerun-summary").TextContentAsync());
    }

    [Fact]
    public async Task A_name_is_one_card_and_choosing_another_spelling_respells_the_book_on_rerun()
    {
        using var project = new ReviewProject("names");
        project.Run();
        var log = EditLogFile.Read(project.Config.Paths.EditLog);
        var cluster = log.Where(r => r.After.StartsWith("Гоминьдан", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(cluster);
        await using var server = await ReviewServer.StartAsync(project.Config.Paths, port: 0, rerun: () => project.Run().Applied + " applied");
        var page = await Open(server.Address.ToString());

        var row = (await Rows(page)).Single(r => r.Kind == "cluster" && r.Edits.Contains(cluster[0].Id));
        Assert.Equal(cluster.Select(r => r.Id).Order(), row.Edits.Order());
        var card = page.Locator($".row[data-key='{row.Key}']");
        await card.Locator("label", new() { HasText = "Гоминдан" }).Locator("input").CheckAsync();
        await card.Locator("button[data-act=spell]").ClickAsync();
        await SavedCount(page, 1);
        Assert.Contains("Гоминдан\t", File.ReadAllText(Path.Combine(project.Config.Paths.Dictionaries, "user-names.tsv")));

        await page.Keyboard.PressAsync("R");
        await page.WaitForFunctionAsync("() => !document.getElementById('busy')", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await Ready(page);
        var book = File.ReadAllText(project.Config.Paths.BookMarkdown);
        Assert.DoesNotContain("Гоминьдан", book);
        Assert.Contains("Гоминдан", book);
    }
}

/// <summary>Scan crops: the words of the edit on the real OCR of a sample scan, marked; and a page without its scan said so.</summary>
public sealed class ScanCropInBrowserTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task A_card_shows_the_scan_crop_of_its_words_marked_from_the_ocr_word_boxes()
    {
        // Page 5 of the sample scans, recognised by the real Tesseract and cleaned as usual.
        Directory.CreateDirectory(scratch.File("input/scans"));
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "input", "scans", "page-05.jpg"), scratch.File("input/scans/page-05.jpg"));
        var config = TestContexts.OcrConfig(scratch.Path, "dehyphenate", "spelling", "typography");
        new Typeset.Pipeline.PipelineRunner(config, new Typeset.Pipeline.SilentObserver()).Run(new Typeset.Pipeline.RunOptions());
        var log = EditLogFile.Read(config.Paths.EditLog);
        // The marks are the boxes of the hyphenated word's two halves in the OCR sidecar: a join whose halves are OCR words as they stand.
        var sidecar = JsonDocument.Parse(File.ReadAllText(Path.Combine(config.Paths.OcrWorkFolder, "page-0001.json")));
        var words = sidecar.RootElement.GetProperty("blocks").EnumerateArray()
            .SelectMany(b => b.GetProperty("lines").EnumerateArray()).SelectMany(l => l.GetProperty("words").EnumerateArray())
            .ToList();
        var hyphenation = log.First(r => r.Rule == "dehyphenate.join" &&
                                         r.Before.Split('\n').All(half => words.Count(w => w.GetProperty("text").GetString() == half) == 1));

        await using var server = await ReviewServer.StartAsync(config.Paths, port: 0);
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(server.Address.ToString());
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
        await page.Keyboard.PressAsync("j");
        while (await page.EvaluateAsync<string>("() => window.review.rows()[window.review.current()].key") != "rule:dehyphenate.join")
        {
            await page.Keyboard.PressAsync("j");
        }

        await page.Keyboard.PressAsync("Enter");
        var card = page.Locator($".row[data-key='{hyphenation.Id}']");
        await card.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector(\".row[data-key='{hyphenation.Id}'] .crop img\")?.naturalWidth > 0");
        var marks = await card.Locator(".mark").CountAsync();

        var halves = hyphenation.Before.Split('\n');
        var boxes = words
            .Where(w => halves.Contains(w.GetProperty("text").GetString()))
            .Select(w => w.GetProperty("box").GetProperty("x").GetInt32())
            .ToList();
        var data = await page.EvaluateAsync<string>($"() => JSON.stringify(window.review.edit('{hyphenation.Id}').crop)");
        var crop = JsonDocument.Parse(data).RootElement;
        Assert.Equal(2, marks);
        Assert.All(crop.GetProperty("marks").EnumerateArray(), m => Assert.Contains(m.GetProperty("x").GetInt32(), boxes));
        Assert.Equal(1, crop.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task The_crop_is_shown_where_the_page_has_a_scan_and_a_missing_scan_is_said_plainly()
    {
        var paths = new Typeset.Configuration.ProjectPaths(scratch.File("input"), scratch.File("output"), scratch.File("dictionaries"), scratch.File("input/review-decisions.jsonl"));
        var scans = Directory.CreateDirectory(Path.Combine(paths.Output, "review", "scans")).FullName;
        using (var bitmap = new SkiaSharp.SKBitmap(600, 400))
        using (var image = SkiaSharp.SKImage.FromBitmap(bitmap))
        using (var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100))
        {
            File.WriteAllBytes(Path.Combine(scans, "page-0003.png"), png.ToArray());
        }

        // OCR sidecars for both pages (the word "Превый" in a line of each); only page 3 kept its scan.
        Directory.CreateDirectory(paths.OcrWorkFolder);
        foreach (var number in new[] { 3, 4 })
        {
            File.WriteAllText(Path.Combine(paths.OcrWorkFolder, $"page-{number:0000}.json"), $$$"""
                {"page":{{{number}}},"width":600,"height":400,"blocks":[{"lines":[
                  {"box":{"x":50,"y":60,"width":300,"height":30},"words":[{"text":"Превый","box":{"x":50,"y":60,"width":120,"height":30}},{"text":"абзац.","box":{"x":180,"y":60,"width":110,"height":30}}]}]}]}
                """);
        }

        var raw = new Typeset.Model.Book(new Typeset.Model.BookMeta("К"), Typeset.Model.ValueList<Typeset.Model.Block>.Of(
            new Typeset.Model.Paragraph("p0003.b01", Typeset.Model.ValueList<Typeset.Model.Inline>.Of(new Typeset.Model.Text("Превый абзац.")),
                new Typeset.Model.SourceRef(3, Box: new Typeset.Model.PixelBox(50, 60, 300, 40))),
            new Typeset.Model.Paragraph("p0004.b01", Typeset.Model.ValueList<Typeset.Model.Inline>.Of(new Typeset.Model.Text("Превый абзац.")),
                new Typeset.Model.SourceRef(4, Box: new Typeset.Model.PixelBox(50, 60, 300, 40)))));
        var edits = new[]
        {
            new Edit("spelling", "spelling.ocr-confusion", "p0003.b01", 0, "Превый", "Первый", 0.8, "ре/ер"),
            new Edit("spelling", "spelling.ocr-confusion", "p0004.b01", 0, "Превый", "Первый", 0.8, "ре/ер"),
        };
        var (final, log) = EditApplier.Apply(raw, edits, 0.9, NoDecisions.Instance);
        ReviewOutput.Write(paths, raw, final, log, NoDecisions.Instance);
        EditLogFile.Write(paths.EditLog, log);

        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(paths.ReviewFolder, "index.html")).AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
        var onPage3 = page.Locator($".row[data-key='{log[0].Id}']");
        var onPage4 = page.Locator($".row[data-key='{log[1].Id}']");
        Assert.Equal(1, await onPage3.Locator(".crop").CountAsync());
        Assert.Equal(1, await onPage3.Locator(".mark").CountAsync());
        Assert.Contains("scans/page-0003.png", await onPage3.Locator(".crop .page").GetAttributeAsync("style"));
        Assert.Equal(0, await onPage4.Locator(".crop").CountAsync());
        Assert.Contains("no scan for page 4", await onPage4.Locator(".scan").TextContentAsync());

        await using var server = await ReviewServer.StartAsync(paths, port: 0);
        await page.GotoAsync(server.Address.ToString());
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
        var crop = page.Locator($".row[data-key='{log[0].Id}'] .crop img");
        await page.WaitForFunctionAsync($"() => document.querySelector(\".row[data-key='{log[0].Id}'] .crop img\")?.naturalWidth > 0");
        var width = await crop.EvaluateAsync<int>("img => img.naturalWidth");
        Assert.InRange(width, 200, 600);
    }
}
