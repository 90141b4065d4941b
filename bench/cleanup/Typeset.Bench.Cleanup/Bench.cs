using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Typeset.Interop.Hunspell;

namespace Typeset.Bench.Cleanup;

/// <summary>Wall and CPU seconds of a phase (CPU: this process's children, from getrusage).</summary>
public readonly record struct Cost(double Wall, double Cpu)
{
    public static Cost operator +(Cost a, Cost b) => new(a.Wall + b.Wall, a.Cpu + b.Cpu);
}

/// <summary>One book's results: its pages, words, and the marks of each text against the truth.</summary>
public sealed record BookResult(BookSpec Spec, int Pages, int Words, List<Mark> Raw, List<Mark> Clean, List<Mark> ApplyAll, List<Mark> Cli, int CompoundsAtLineEnds, int CompoundsKept);

/// <summary>
/// The whole run: books composed from the texts, set and scanned by SampleScans, read by our <c>ocr</c> and by the
/// <c>tesseract</c> CLI, cleaned by <c>typeset clean</c>, scored. Everything expensive is cached under
/// bench/cleanup/cache/ by content (texts + style + generator for scans; images + OCR sources for OCR), so re-scoring
/// after a cleanup change runs only the cleanup.
/// </summary>
public sealed partial class Bench(string root, string split, bool cleanText, bool scoreOnly = false, bool reuseOcr = false)
{
    // With --reuse-ocr: the books whose cached OCR was taken although the OCR sources changed since, and when it was made.
    private readonly List<(string Book, DateTime Made)> reusedOcr = [];

    private readonly string cache = Path.Combine(root, "bench", "cleanup", "cache");
    private readonly string literature = Environment.GetEnvironmentVariable("BENCH_LITERATURE") ?? "/work/data/ruslit/prose";
    private readonly Dictionary<string, IReadOnlyList<SourceText>> texts = [];
    private string Cli => Path.Combine(root, ".build", "cli", "Typeset.Cli.dll");
    private string SampleScans => Path.Combine(root, "bench", "ocr", "SampleScans", "bin", "Release", "net10.0", "SampleScans.dll");

    public int Run()
    {
        foreach (var tool in new[] { Cli, SampleScans })
        {
            if (!File.Exists(tool))
            {
                throw new BenchException($"{tool} is missing: run bench/cleanup/run.sh, which builds it");
            }
        }

        var missingFaces = Books.FaceFiles().Where(f => !File.Exists(f)).ToList();
        if (missingFaces.Count > 0)
        {
            throw new BenchException($"fonts missing ({string.Join(", ", missingFaces.Take(3))}…): run bench/cleanup/prerequisites.sh");
        }

        Directory.CreateDirectory(cache);
        var hasLiterature = Directory.Exists(literature);
        var specs = Books.All.Where(b => split == "all" || b.Split == split).Where(b => hasLiterature || !b.Source.StartsWith("literature:", StringComparison.Ordinal)).ToList();
        var clock = Stopwatch.StartNew();
        if (scoreOnly)
        {
            // Re-scores the outputs of the last run as they are (a scorer change measured on the same cleanup output).
            using var scoringDictionary = HunspellDictionary.Open();
            var scored = specs.Select(s => Score(s, new Scorer(scoringDictionary))).ToList();
            var none = new Cost(0, 0);
            var scoredReport = Report.Write(scored, new Report.Timings(none, none, none, none, none, 0, scored.Sum(r => r.Pages)), null, hasLiterature, literature, clock.Elapsed);
            Console.Write(scoredReport);
            AtomicWrite(Path.Combine(cache, $"results.{split}.score-only.md"), scoredReport);
            return 0;
        }

        // 1. Books and scans.
        var generation = Measure(() => Parallel.ForEach(specs, Options, Generate));
        // 2. OCR: ours (2 workers inside, one book at a time), then the CLI one page a process (two at a time).
        var ocr = Measure(() => specs.ForEach(OcrOurs));
        var pages = specs.Sum(s => PageImages(s).Length);
        var cli = Measure(() => Parallel.ForEach(specs.SelectMany(PageImages), Options, OcrCli));
        // 3. Cleanup, as configured and with every proposal applied (to judge the suggestions).
        var cleanConfig = CleanupConfig(Path.Combine(cache, "pipeline.clean.json"), applyAll: false);
        var allConfig = CleanupConfig(Path.Combine(cache, "pipeline.all.json"), applyAll: true);
        var cleaning = Measure(() => Parallel.ForEach(specs, Options, s => Clean(s, cleanConfig, "clean")));
        Parallel.ForEach(specs, Options, s => Clean(s, allConfig, "all"));
        // 4. Scores.
        using var dictionary = HunspellDictionary.Open();
        var scorer = new Scorer(dictionary);
        var results = specs.Select(s => Score(s, scorer)).ToList();
        // 5. Throughput on one book: the split's raw OCR end to end, one `typeset clean`.
        var throughput = Throughput(specs, cleanConfig);
        // 6. Clean, correctly spelled text.
        var clean = cleanText ? CleanText(cleanConfig) : null;

        var report = Report.Write(results, new Report.Timings(generation, ocr, cli, cleaning, throughput.Cost, throughput.Pages, pages), clean, hasLiterature, literature, clock.Elapsed, ReusedOcrNote());
        Console.Write(report);
        if (split == "all")
        {
            AtomicWrite(Path.Combine(root, "bench", "cleanup", "results.md"), report);
        }

        AtomicWrite(Path.Combine(cache, $"results.{split}.md"), report);
        return 0;
    }

    // The results header's word on OCR taken from the cache although main's OCR sources differ (--reuse-ocr).
    private string? ReusedOcrNote()
    {
        if (reusedOcr.Count == 0)
        {
            return null;
        }

        var oldest = reusedOcr.Min(r => r.Made);
        var newest = reusedOcr.Max(r => r.Made);
        return $"**OCR reused (`--reuse-ocr`)**: {reusedOcr.Count} books' OCR is the cached reading of the same page images made {oldest:yyyy-MM-dd HH:mm}–{newest:HH:mm} UTC by the OCR sources of then, not by this tree's `ocr` (its sources differ): these figures measure cleanup on that OCR.";
    }

    private static readonly ParallelOptions Options = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    private string BookFolder(BookSpec spec) => Path.Combine(cache, "books", spec.Name);

    private string[] PageImages(BookSpec spec) => Directory.GetFiles(Path.Combine(BookFolder(spec), "pages"), "page-*.jpg").Order(StringComparer.Ordinal).ToArray();

    private IReadOnlyList<SourceText> TextsOf(string source)
    {
        lock (texts)
        {
            if (!texts.TryGetValue(source, out var works))
            {
                works = Texts.Load(source, literature);
                texts[source] = works;
            }

            return works;
        }
    }

    private void Generate(BookSpec spec)
    {
        var (markdown, title) = Books.Compose(spec, TextsOf(spec.Source));
        var style = Books.StyleJson(spec, title);
        var folder = BookFolder(spec);
        var key = Hash(markdown, style, SourceHash(Path.Combine(root, "bench", "ocr", "SampleScans"), "*.cs"));
        if (File.Exists(Path.Combine(folder, "key")) && File.ReadAllText(Path.Combine(folder, "key")) == key)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "truth.md"), markdown);
        File.WriteAllText(Path.Combine(folder, "style.json"), style);
        Execute("dotnet", [SampleScans, Path.Combine(folder, "truth.md"), Path.Combine(folder, "pages"), string.Empty, spec.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--style", Path.Combine(folder, "style.json")]);
        File.WriteAllText(Path.Combine(folder, "key"), key);
    }

    private void OcrOurs(BookSpec spec)
    {
        var folder = Path.Combine(BookFolder(spec), "ocr");
        var images = PageImages(spec);
        var imagesKey = Hash(images.Select(File.ReadAllBytes).Select(Convert.ToHexString).ToArray());
        var key = Hash(images.Select(File.ReadAllBytes).Select(Convert.ToHexString).Append(SourceHash(Path.Combine(root, "src", "Typeset", "Ocr"), "*.cs"))
            .Append(SourceHash(Path.Combine(root, "src", "Typeset", "Interop", "Tesseract"), "*.cs")).ToArray());
        var raw = Path.Combine(folder, "raw.md");
        if (File.Exists(Path.Combine(folder, "key")) && File.ReadAllText(Path.Combine(folder, "key")) == key && File.Exists(raw))
        {
            return;
        }

        if (reuseOcr && File.Exists(raw) && ReadsTheseImages(folder, imagesKey, images, raw))
        {
            lock (reusedOcr)
            {
                reusedOcr.Add((spec.Name, File.GetLastWriteTimeUtc(raw)));
            }

            return;
        }

        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "pipeline.json");
        File.WriteAllText(config, new JsonObject
        {
            ["book"] = new JsonObject { ["title"] = spec.Name },
            ["paths"] = new JsonObject { ["output"] = Path.Combine(folder, "output"), ["dictionaries"] = Path.Combine(root, "dictionaries") },
            ["stages"] = new JsonArray(new JsonObject { ["name"] = "ocr", ["languages"] = "rus+eng" }),
        }.ToJsonString());
        Execute("dotnet", [Cli, "ocr", Path.Combine(BookFolder(spec), "pages"), "-o", raw, "--config", config]);
        File.WriteAllText(Path.Combine(folder, "key"), key);
        File.WriteAllText(Path.Combine(folder, "images-key"), imagesKey);
    }

    // The cached OCR read exactly these page images: its images key says so, or (a cache older than that key) it was
    // written after every page image was.
    private static bool ReadsTheseImages(string folder, string imagesKey, string[] images, string raw)
    {
        var stored = Path.Combine(folder, "images-key");
        if (File.Exists(stored))
        {
            return File.ReadAllText(stored) == imagesKey;
        }

        var made = File.GetLastWriteTimeUtc(raw);
        return images.Length > 0 && images.All(i => File.GetLastWriteTimeUtc(i) < made);
    }

    private void OcrCli(string image)
    {
        var folder = Path.Combine(cache, "tesseract-cli");
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, Hash(Convert.ToHexString(File.ReadAllBytes(image)), "rus+eng psm3"));
        if (!File.Exists(target + ".txt"))
        {
            Execute("tesseract", [image, target + ".part", "-l", "rus+eng", "--psm", "3"], ("OMP_THREAD_LIMIT", "1"));
            File.Move(target + ".part.txt", target + ".txt", overwrite: true);
        }

        File.Copy(target + ".txt", Path.ChangeExtension(image, ".cli.txt"), overwrite: true);
    }

    /// <summary>The repository's pipeline.json, its cleanup stages only, its dictionaries; every proposal applied when asked.</summary>
    private string CleanupConfig(string path, bool applyAll)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "pipeline.json")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        var stages = new JsonArray();
        foreach (var stage in config["stages"]!.AsArray())
        {
            var name = stage!["name"]!.GetValue<string>();
            if (name is "ocr" or "pdf" or "epub")
            {
                continue;
            }

            var copy = stage.DeepClone().AsObject();
            if (applyAll)
            {
                copy["autoApply"] = 0.0;
            }

            stages.Add(copy);
        }

        config["stages"] = stages;
        config["paths"] = new JsonObject
        {
            ["dictionaries"] = Path.Combine(root, "dictionaries"),
            ["decisions"] = Path.Combine(cache, "no-decisions.jsonl"),
            ["output"] = Path.Combine(cache, "review"),
        };
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private void Clean(BookSpec spec, string config, string name)
    {
        var folder = Path.Combine(BookFolder(spec), name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "pipeline.json"), File.ReadAllText(config).Replace(Path.Combine(cache, "review"), Path.Combine(folder, "review"), StringComparison.Ordinal));
        CopySidecars(spec, Path.Combine(folder, "review"), pageOffset: 0, clear: true);
        Execute("dotnet", [Cli, "clean", Path.Combine(BookFolder(spec), "ocr", "raw.md"), "-o", Path.Combine(folder, "book.md"), "--edits", Path.Combine(folder, "edits.jsonl"), "--config", Path.Combine(folder, "pipeline.json")]);
    }

    private BookResult Score(BookSpec spec, Scorer scorer)
    {
        var folder = BookFolder(spec);
        var truth = Scorer.ReadMarkdown(File.ReadAllText(Path.Combine(folder, "truth.md")));
        var furniture = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "pages"), "page-*.truth.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var field in new[] { "runningHead", "folio" })
            {
                if (json.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    Scorer.Tokenize(value.GetString()!).ForEach(t => furniture.Add(t.Text));
                }
            }
        }

        var rawText = Scorer.ReadMarkdown(File.ReadAllText(Path.Combine(folder, "ocr", "raw.md")));
        var raw = scorer.Marks(truth, rawText, furniture);
        var clean = scorer.Marks(truth, Scorer.ReadMarkdown(File.ReadAllText(Path.Combine(folder, "clean", "book.md"))), furniture);
        var all = scorer.Marks(truth, Scorer.ReadMarkdown(File.ReadAllText(Path.Combine(folder, "all", "book.md"))), furniture);
        // The CLI's pages, one after another, with the naive hyphen join a user would do (a letter, "-", line end, a letter).
        var cliText = string.Join("\n\n", PageImages(spec).Select(p => File.ReadAllText(Path.ChangeExtension(p, ".cli.txt"))));
        cliText = NaiveHyphenJoin().Replace(cliText, "$1$2");
        var cli = scorer.Marks(truth, Scorer.ReadPlain(cliText), furniture);

        var placedRaw = Scorer.Place(rawText, truth);
        var compounds = Scorer.CompoundsAtLineEnds(truth.Body, placedRaw.Body);
        var kept = compounds.Count(i => !clean.Any(m => m.Stream == "body" && m.Start <= i && i < m.End));
        return new BookResult(spec, PageImages(spec).Length, Scorer.WordCount(truth), raw, clean, all, cli, compounds.Count, kept);
    }

    private (Cost Cost, int Pages) Throughput(List<BookSpec> specs, string config)
    {
        var folder = Path.Combine(cache, "throughput");
        Directory.CreateDirectory(folder);
        var book = new StringBuilder();
        var offset = 0;
        var pages = 0;
        var review = Path.Combine(folder, "review");
        if (Directory.Exists(Path.Combine(review, "work", "ocr")))
        {
            Directory.Delete(Path.Combine(review, "work", "ocr"), recursive: true);
        }

        foreach (var spec in specs)
        {
            CopySidecars(spec, review, offset, clear: false);
            // Page markers renumbered so the books follow one another as one book.
            var raw = File.ReadAllText(Path.Combine(BookFolder(spec), "ocr", "raw.md"));
            var count = PageImages(spec).Length;
            book.Append(PageMarker().Replace(raw, m => $"<!-- page {int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + offset} -->")).Append("\n\n");
            offset += count;
            pages += count;
        }

        File.WriteAllText(Path.Combine(folder, "raw.md"), book.ToString());
        File.WriteAllText(Path.Combine(folder, "pipeline.json"), File.ReadAllText(config).Replace(Path.Combine(cache, "review"), Path.Combine(folder, "review"), StringComparison.Ordinal));
        var cost = Measure(() => Execute("dotnet", [Cli, "clean", Path.Combine(folder, "raw.md"), "-o", Path.Combine(folder, "book.md"), "--edits", Path.Combine(folder, "edits.jsonl"), "--config", Path.Combine(folder, "pipeline.json")]));
        return (cost, pages);
    }

    /// <summary>
    /// The ocr stage's per-page sidecars (word confidences, alternatives) where `typeset clean` with this output folder
    /// looks for them (output/work/ocr/), as in a real run where ocr and cleanup share one output folder; page numbers
    /// shifted by <paramref name="pageOffset"/> when books are run together as one.
    /// </summary>
    private void CopySidecars(BookSpec spec, string output, int pageOffset, bool clear)
    {
        var source = Path.Combine(BookFolder(spec), "ocr", "output", "work", "ocr");
        var target = Path.Combine(output, "work", "ocr");
        if (clear && Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "page-*.json"))
        {
            var sidecar = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var page = sidecar["page"]!.GetValue<int>() + pageOffset;
            sidecar["page"] = page;
            File.WriteAllText(Path.Combine(target, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"page-{page:0000}.json")), sidecar.ToJsonString());
        }
    }

    /// <summary>
    /// ~300 pages of correctly spelled, human-written Russian, no page markers: texts of the held-out sources not set
    /// as scans, one paragraph a block. Every content edit cleanup applies (joins, spelling, names, dehyphenation) is
    /// a regression, listed.
    /// </summary>
    private Report.CleanTextResult CleanText(string config)
    {
        var folder = Path.Combine(cache, "clean-text");
        Directory.CreateDirectory(folder);
        // Edited books first: the documentation packages carry the odd typo of their own (GIMP's help has dozens, which
        // cleanup rightly corrects), so they fill in only what literature cannot.
        var sources = new List<(string Source, int Characters)> { ("developers-reference", 60_000), ("aptitude", 40_000), ("fortunes:love,friendship,art,book", 40_000) };
        if (Directory.Exists(literature))
        {
            sources.AddRange([("literature:Tolstoy/Смерть Ивана Ильича", 70_000), ("literature:Gorky/Детство", 90_000), ("literature:Dostoevsky/Игрок", 90_000),
                ("literature:Gogol/Тарас Бульба", 80_000), ("literature:Chekhov/Дама с собачкой", 40_000), ("literature:Turgenev/Муму", 40_000),
                ("literature:Turgenev/Ася", 50_000), ("literature:Chekhov/Ионыч", 40_000)]);
        }
        else
        {
            sources.Add(("gimp-help", 460_000));
        }

        var book = new StringBuilder();
        var used = new List<string>();
        foreach (var (source, characters) in sources)
        {
            var works = Texts.Load(source, literature);
            var taken = 0;
            foreach (var paragraph in works.SelectMany(w => w.Paragraphs))
            {
                if (taken >= characters)
                {
                    break;
                }

                book.Append(paragraph).Append("\n\n");
                taken += paragraph.Length;
            }

            used.Add($"{source} ({taken / 1000} k characters)");
        }

        File.WriteAllText(Path.Combine(folder, "book.md"), book.ToString());
        File.WriteAllText(Path.Combine(folder, "pipeline.json"), File.ReadAllText(config).Replace(Path.Combine(cache, "review"), Path.Combine(folder, "review"), StringComparison.Ordinal));
        var cost = Measure(() => Execute("dotnet", [Cli, "clean", Path.Combine(folder, "book.md"), "-o", Path.Combine(folder, "out.md"), "--edits", Path.Combine(folder, "edits.jsonl"), "--config", Path.Combine(folder, "pipeline.json")]));
        var edits = File.ReadAllLines(Path.Combine(folder, "edits.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var content = edits.Where(e => e["stage"]!.GetValue<string>() is "join" or "dehyphenate" or "names" or "spelling" or "captions" or "footnotes").ToList();
        return new Report.CleanTextResult(
            used,
            book.Length,
            content.Where(e => e["status"]!.GetValue<string>() == "applied").Select(Describe).ToList(),
            content.Where(e => e["status"]!.GetValue<string>() == "suggested").Select(Describe).ToList(),
            edits.Count(e => e["stage"]!.GetValue<string>() == "typography" && e["status"]!.GetValue<string>() == "applied"),
            cost);

        static string Describe(JsonObject e) =>
            $"`{e["rule"]}`: {Short(e["before"]?.GetValue<string>())} → {Short(e["after"]?.GetValue<string>())}";

        static string Short(string? text) => text is null ? "∅" : "«" + (text.Length > 80 ? text[..40] + " … " + text[^30..] : text).ReplaceLineEndings("⏎") + "»";
    }

    private static void Execute(string file, IEnumerable<string> arguments, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new BenchException($"{file} {string.Join(' ', info.ArgumentList)} failed ({process.ExitCode}): {error.Result}{output.Result}".Trim());
        }
    }

    /// <summary>Wall time, and CPU time of the children that ended meanwhile (every tool runs as a child).</summary>
    private static Cost Measure(Action action)
    {
        var before = ChildrenCpu();
        var clock = Stopwatch.StartNew();
        action();
        return new Cost(clock.Elapsed.TotalSeconds, ChildrenCpu() - before);
    }

    private static double ChildrenCpu()
    {
        _ = getrusage(-1, out var usage);
        return usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);

    private static string Hash(params string[] parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u0000", parts))))[..24].ToLowerInvariant();

    // Sources only: bin/ and obj/ hold generated files that change with every commit (the version carries its hash).
    private static string SourceHash(string folder, string pattern) =>
        Hash(Directory.GetFiles(folder, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray());

    private static void AtomicWrite(string path, string text)
    {
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\p{L})-\n(\p{L})")]
    private static partial System.Text.RegularExpressions.Regex NaiveHyphenJoin();

    [System.Text.RegularExpressions.GeneratedRegex(@"<!-- page (\d+) -->")]
    private static partial System.Text.RegularExpressions.Regex PageMarker();
}
