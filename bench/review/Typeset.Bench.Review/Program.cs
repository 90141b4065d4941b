using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Typeset.Configuration;
using Typeset.Edits;
using Typeset.Pipeline;
using Typeset.Review;

// bench/review: the review page on the sample and on a 300-page book of real cleanup edits, in headless Chromium.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var root = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var repeats = int.TryParse(Environment.GetEnvironmentVariable("TYPESET_BENCH_RUNS"), out var r) ? r : 5;
var work = Directory.CreateTempSubdirectory("typeset-bench-review").FullName;
var results = new StringBuilder();
void Report(string line)
{
    Console.WriteLine(line);
    results.AppendLine(line);
}

try
{
    Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    var screen = new ViewportSize { Width = 1280, Height = 720 };

    // ---- the sample
    var sample = Project("sample", File.ReadAllText(Path.Combine(root, "samples", "razgrom-yaponii.ocr.md")));
    var (sampleSummary, sampleRun) = Run(sample);
    var sampleLog = EditLogFile.Read(sample.Paths.EditLog);
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = screen });
        await page.GotoAsync(new Uri(Path.Combine(sample.Paths.ReviewFolder, "index.html")).AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
        var rows = await page.EvaluateAsync<int>("() => window.review.rows().filter(r => r.type !== 'header').length");
        var suggestions = sampleLog.Where(e => e.Status == EditStatus.Suggested).Select(e => e.Id).ToList();
        var onFirstScreen = 0;
        foreach (var id in suggestions)
        {
            var key = await page.EvaluateAsync<string>($"() => window.review.rows().find(r => r.edits.includes('{id}')).key");
            var box = await page.Locator($".row[data-key='{key}']").BoundingBoxAsync();
            onFirstScreen += box is not null && box.Y + box.Height <= screen.Height ? 1 : 0;
        }

        var keys = 0;
        while (await page.EvaluateAsync<int>("() => Number(document.body.dataset.decided)") < sampleLog.Count && keys < 200)
        {
            await page.Keyboard.PressAsync("a");
            keys++;
        }

        Report($"sample: {sampleLog.Count} edits ({sampleSummary.Suggested} suggestions) in {rows} rows in the default view; " +
               $"{onFirstScreen} of {suggestions.Count} suggestions on the first screen ({screen.Width}×{screen.Height}); " +
               $"a whole review accepting what the machine proposes: {keys} keystrokes, one `a` a row");
        await page.CloseAsync();
    }

    // ---- a 300-page book: the sample's OCR text repeated as parts until 600,000 characters
    var text = File.ReadAllText(Path.Combine(root, "samples", "razgrom-yaponii.ocr.md"));
    var book = new StringBuilder();
    for (var part = 1; book.Length < 600_000; part++)
    {
        book.Append(CultureInfo.InvariantCulture, $"# Часть {part}\n\n").Append(text).Append("\n\n");
    }

    var large = Project("large", book.ToString());
    var (largeSummary, largeRun) = Run(large);
    var largeLog = EditLogFile.Read(large.Paths.EditLog);
    var pageFile = Path.Combine(large.Paths.ReviewFolder, "index.html");

    // The review outputs alone (changes.diff, the page with its triage, clusters and crops), written again from the run's books and log.
    var raw = BookSource.Read(BookSource.FindMarkdown(large.Paths.Input), large.Book);
    var final = Typeset.Markdown.MarkdownReader.Read(File.ReadAllText(large.Paths.BookMarkdown), large.Book);
    var outputsClock = Stopwatch.StartNew();
    var outputsCpu = Process.GetCurrentProcess().TotalProcessorTime;
    ReviewOutput.Write(large.Paths, raw, final, largeLog, EditorDecisions.None);
    var outputs = $"{outputsClock.Elapsed.TotalSeconds:0.00} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - outputsCpu).TotalSeconds:0.00} s CPU";
    Report($"300-page book: {book.Length:N0} characters, {largeLog.Count:N0} edits; cleanup with review outputs {largeRun} " +
           $"(the review outputs alone: {outputs}); index.html {new FileInfo(pageFile).Length / 1024:N0} KiB");

    var ready = new List<double>();
    var paint = new List<double>();
    var phases = new List<double[]>();
    var loadCpu = new List<double>();
    var moves = new List<double>();
    var decisions = new List<double>();
    var decisionFrames = new List<double>();
    for (var i = 0; i < repeats; i++)
    {
        // A fresh context each time: nothing kept from the last load (the page restores its place from local storage).
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = screen });
        var page = await context.NewPageAsync();
        var cpuBefore = ChromiumCpuMs();
        await page.GotoAsync(new Uri(pageFile).AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
        loadCpu.Add(ChromiumCpuMs() - cpuBefore);
        ready.Add(double.Parse(await page.EvaluateAsync<string>("() => document.body.dataset.readyMs")));
        // Where the time to first rows goes: the HTML read up to the script, the data parsed, the rows triaged, the first rows drawn.
        phases.Add(await page.EvaluateAsync<double[]>("() => ['review:script', 'review:inflated', 'review:parsed', 'review:items', 'review:rows'].map(n => performance.getEntriesByName(n)[0]?.startTime ?? -1)"));
        paint.Add(await page.EvaluateAsync<double>("() => new Promise(done => requestAnimationFrame(() => setTimeout(() => done(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1), 0)))"));
        for (var k = 0; k < 20; k++)
        {
            await page.Keyboard.PressAsync("j");
            moves.Add(await KeyFrame(page));
        }

        for (var k = 0; k < 20; k++)
        {
            await page.Keyboard.PressAsync(k % 2 == 0 ? "a" : "r");
            decisions.Add(double.Parse(await page.EvaluateAsync<string>("() => document.body.dataset.lastDecisionMs")));
            decisionFrames.Add(await KeyFrame(page));
        }

        await page.CloseAsync();
    }

    double Phase(int i) => Median(phases.Select(p => i == 0 ? p[0] : p[i] - p[i - 1]).ToList());
    Report($"  first rows on screen (navigation start → rendered): median {Median(ready):0} ms (HTML read to the script {Phase(0):0} ms, " +
           $"data inflated {Phase(1):0} ms and parsed {Phase(2):0} ms, rows triaged {Phase(3):0} ms, rows ordered and counted {Phase(4):0} ms); first contentful paint {Median(paint):0} ms ({repeats} loads); " +
           $"CPU time of Chromium's processes from navigation to the first rows {Median(loadCpu):0} ms");
    Report($"  a decision in the page (key → verdicts, counters, rows redrawn): median {Median(decisions):0.0} ms, slowest {decisions.Max():0.0} ms; " +
           $"key → painted frame {Median(decisionFrames):0.0} ms median, {decisionFrames.Max():0.0} ms slowest");
    Report($"  moving to the next row (key → painted frame): median {Median(moves):0.0} ms, slowest {moves.Max():0.0} ms");

    // ---- served: the decision's round trip through typeset review (append, fsync, verdicts of every edit)
    await using (var server = await ReviewServer.StartAsync(large.Paths, port: 0))
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = screen });
        await page.GotoAsync(server.Address.ToString());
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
        var servedReady = double.Parse(await page.EvaluateAsync<string>("() => document.body.dataset.readyMs"));
        var trips = new List<double>();
        var inPage = new List<double>();
        for (var k = 0; k < 20; k++)
        {
            await page.Keyboard.PressAsync(k % 2 == 0 ? "a" : "r");
            await page.WaitForFunctionAsync("() => document.body.dataset.inflight === '0'");
            trips.Add(double.Parse(await page.EvaluateAsync<string>("() => document.body.dataset.lastRoundTripMs")));
            inPage.Add(double.Parse(await page.EvaluateAsync<string>("() => document.body.dataset.lastDecisionMs")));
        }

        Report($"  served by typeset review: first rows {servedReady:0} ms; a decision in the page {Median(inPage):0.0} ms median, " +
               $"saved and answered (round trip) {Median(trips):0} ms median, {trips.Max():0} ms slowest");
    }

    var header = $"Measured {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores ({Cpu()}), Chromium headless at {screen.Width}×{screen.Height}, " +
                 $"load average {Load()} at the end.";
    Console.WriteLine(header);
    File.WriteAllText(Path.Combine(root, "bench", "review", "results.md"), "# bench/review\n\n" + header + "\n\n" +
        string.Join("\n", results.ToString().TrimEnd().Split('\n').Select(l => l.StartsWith("  ", StringComparison.Ordinal) ? "  - " + l.Trim() : "- " + l)) + "\n");
}
finally
{
    if (Environment.GetEnvironmentVariable("TYPESET_BENCH_KEEP") is null)
    {
        Directory.Delete(work, recursive: true);
    }
    else
    {
        Console.WriteLine($"kept {work}");
    }
}

// A project in the work folder with the repository's pipeline.json (cleanup stages only) and dictionaries.
PipelineConfig Project(string name, string markdown)
{
    var folder = Directory.CreateDirectory(Path.Combine(work, name)).FullName;
    Directory.CreateDirectory(Path.Combine(folder, "input"));
    File.WriteAllText(Path.Combine(folder, "input", "book.md"), markdown);
    File.Copy(Path.Combine(root, "pipeline.json"), Path.Combine(folder, "pipeline.json"));
    var dictionaries = Directory.CreateDirectory(Path.Combine(folder, "dictionaries")).FullName;
    foreach (var file in Directory.GetFiles(Path.Combine(root, "dictionaries"), "*.tsv"))
    {
        File.Copy(file, Path.Combine(dictionaries, Path.GetFileName(file)));
    }

    var config = PipelineConfigLoader.Load(Path.Combine(folder, "pipeline.json"), StageCatalog.OptionShapes);
    return config with { Stages = config.Stages.Where(s => StageCatalog.Get(s.Name).Kind == StageKind.Cleanup).ToList() };
}

(RunSummary Summary, string Timing) Run(PipelineConfig config)
{
    var clock = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var summary = new PipelineRunner(config, new SilentObserver()).Run(new RunOptions());
    return (summary, $"{clock.Elapsed.TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU");
}

static async Task<double> KeyFrame(IPage page)
{
    await page.WaitForFunctionAsync("() => document.body.dataset.lastKeyFrameMs !== undefined");
    var value = double.Parse(await page.EvaluateAsync<string>("() => { const v = document.body.dataset.lastKeyFrameMs; delete document.body.dataset.lastKeyFrameMs; return v; }"));
    return value;
}

// CPU time (user + system) of every Chromium process this benchmark started (its descendants), from /proc: the
// page's work apart from the waiting a busy machine adds to wall time. Clock ticks are 1/100 s on Linux.
static double ChromiumCpuMs()
{
    var parents = new Dictionary<int, int>();
    var ticks = new Dictionary<int, long>();
    foreach (var folder in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(folder), out var pid))
        {
            continue;
        }

        try
        {
            var stat = File.ReadAllText(Path.Combine(folder, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            // the process ended while we looked
        }
    }

    bool Ours(int pid)
    {
        for (var p = pid; parents.TryGetValue(p, out var parent) && p > 1; p = parent)
        {
            if (parent == Environment.ProcessId)
            {
                return true;
            }
        }

        return false;
    }

    return ticks.Where(t => Ours(t.Key) && File.Exists($"/proc/{t.Key}/comm") && ReadComm(t.Key).Contains("chrom", StringComparison.Ordinal)).Sum(t => t.Value) * 10.0;

    static string ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm");
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Cpu() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
