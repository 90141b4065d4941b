using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Typeset.Morphology;

// bench/morphology: how fast the morphology loads (in fresh processes) and analyses real Russian text, against az (the
// npm package whose dictionary files we read) on the same tokens. Usage: ROOT TEXT-FILE... (run.sh gives the texts).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var folder = MorphologyLocation.Resolve(null).Folder;

if (args is ["--load-once"])
{
    // One cold load in this fresh process: wall and CPU time of the load, then of the first analysis.
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var loaded = MorphAnalyzer.Load(folder);
    var wall = watch.Elapsed.TotalMilliseconds;
    var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
    watch.Restart();
    loaded.Analyze("стали");
    var first = watch.Elapsed.TotalMilliseconds;
    var heap = GC.GetTotalMemory(true);
    GC.KeepAlive(loaded);
    Console.WriteLine(JsonSerializer.Serialize(new { loadWall = wall, loadCpu = used, firstWord = first, heap }));
    return;
}

var root = args[0];
var texts = args.Skip(1).ToArray();
var tokenPattern = new Regex(@"\p{L}+(?:-\p{L}+)*|\d+(?:[.,]\d+)?", RegexOptions.Compiled);
var tokens = texts.SelectMany(t => tokenPattern.Matches(ReadText(t)).Select(m => m.Value)).ToArray();
var distinct = tokens.Distinct(StringComparer.Ordinal).ToArray();
var work = Directory.CreateTempSubdirectory("typeset-bench-morphology").FullName;
var tokenFile = Path.Combine(work, "tokens.txt");
File.WriteAllLines(tokenFile, tokens);
Console.Error.WriteLine($"{tokens.Length} tokens, {distinct.Length} distinct, from {texts.Length} files");

// Cold loads, each in a new process (files in the page cache; the runtime started but nothing of ours loaded).
var self = Environment.ProcessPath!;
var selfDll = typeof(MorphAnalyzer).Assembly.Location.Replace("Typeset.dll", "Typeset.Bench.Morphology.dll");
var loads = Enumerable.Range(0, 5).Select(_ => JsonDocument.Parse(Run(self, $"\"{selfDll}\" --load-once")).RootElement).ToArray();
double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
var loadWall = Median(loads.Select(l => l.GetProperty("loadWall").GetDouble()));
var loadCpu = Median(loads.Select(l => l.GetProperty("loadCpu").GetDouble()));
var firstWord = Median(loads.Select(l => l.GetProperty("firstWord").GetDouble()));
var heapMb = loads[0].GetProperty("heap").GetInt64() / 1e6;

// Throughput, best of three, each on a freshly loaded analyzer (its cache empty).
var inOrder = Best(3, () => Measure(tokens, (a, w) => a.Analyze(w).Count));
var unique = Best(3, () => Measure(distinct, (a, w) => a.Analyze(w).Count));
var known = Best(3, () => Measure(tokens, (a, w) => a.IsKnown(w) ? 1 : 0));
var lemmas = Best(3, () => Measure(tokens, (a, w) => a.Analyze(w)[0].Lemma.Length));
var twoThreads = Best(3, () => MeasureParallel(tokens, 2));

// The peer: az in node over the same tokens (its Az.Morph with stutter and typos off, as pymorphy2 reads words).
var azModule = Path.GetFullPath(Path.Combine(folder, ".."));
var peer = JsonDocument.Parse(Run("node", $"\"{Path.Combine(root, "bench", "morphology", "az-peer.js")}\" \"{azModule}\" \"{tokenFile}\"")).RootElement;
var azInit = peer.GetProperty("initWall").GetDouble();
var azInitCpu = peer.GetProperty("initCpu").GetDouble();
var azRate = peer.GetProperty("wordsPerSecond").GetDouble();
var azCpuRate = peer.GetProperty("wordsPerCpuSecond").GetDouble();
var azUniqueRate = peer.GetProperty("uniqueWordsPerSecond").GetDouble();
var azUniqueCpuRate = peer.GetProperty("uniqueWordsPerCpuSecond").GetDouble();

var cpuName = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
var report = new StringBuilder();
report.AppendLine($"Morphology benchmark, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores ({cpuName}), load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the start");
report.AppendLine();
report.AppendLine($"Text: {tokens.Length:N0} tokens ({distinct.Length:N0} distinct) from {string.Join(", ", texts.Select(Path.GetFileName).Take(3))}{(texts.Length > 3 ? $" and {texts.Length - 3} more files" : "")}.");
report.AppendLine();
report.AppendLine("The machine is shared: wall times depend on what else runs; CPU time is the steadier measure, and the ratio is of CPU time.");
report.AppendLine();
report.AppendLine("| measure | Typeset (C#, ReadyToRun), wall | Typeset, CPU | az 0.2.3 (node " + peer.GetProperty("node").GetString() + "), wall | az, CPU | Typeset / az (CPU) |");
report.AppendLine("|---|---:|---:|---:|---:|---:|");
report.AppendLine($"| cold load (median of 5 fresh processes) | {loadWall:0} ms | {loadCpu:0} ms | {azInit:0} ms | {azInitCpu:0} ms | {azInitCpu / loadCpu:0.0}× faster |");
report.AppendLine($"| first word after the load | {firstWord:0.0} ms | | | | |");
report.AppendLine($"| all readings, tokens in text order, words/s | {inOrder.Rate:N0} | {inOrder.CpuRate:N0} | {azRate:N0} | {azCpuRate:N0} | {inOrder.CpuRate / azCpuRate:0.0}× |");
report.AppendLine($"| all readings, each distinct token once (nothing cached), words/s | {unique.Rate:N0} | {unique.CpuRate:N0} | {azUniqueRate:N0} | {azUniqueCpuRate:N0} | {unique.CpuRate / azUniqueCpuRate:0.0}× |");
report.AppendLine($"| lemma of the best reading, tokens in text order, words/s | {lemmas.Rate:N0} | {lemmas.CpuRate:N0} | | | |");
report.AppendLine($"| is it a dictionary form (IsKnown), words/s | {known.Rate:N0} | {known.CpuRate:N0} | | | |");
report.AppendLine($"| all readings, 2 threads, tokens in text order, words/s | {twoThreads.Rate:N0} | {twoThreads.CpuRate:N0} | | | |");
report.AppendLine();
report.AppendLine($"Managed heap after loading: {heapMb:0} MB. A 300-page book is about 100,000 words: at the in-order rate its morphology takes {100_000 / inOrder.CpuRate:0.00} s of CPU.");
var output = Path.Combine(root, "bench", "morphology", "results.md");
File.WriteAllText(output + ".tmp", report.ToString());
File.Move(output + ".tmp", output, overwrite: true);
Console.WriteLine(report);
Directory.Delete(work, recursive: true);
return;

static string ReadText(string path)
{
    using var stream = File.OpenRead(path);
    using var reader = new StreamReader(path.EndsWith(".gz", StringComparison.Ordinal)
        ? new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress)
        : stream, Encoding.UTF8);
    return reader.ReadToEnd();
}

(double Rate, double CpuRate) Measure(string[] words, Func<MorphAnalyzer, string, int> work)
{
    var analyzer = MorphAnalyzer.Load(folder);
    var thread = ThreadCpu();
    var watch = Stopwatch.StartNew();
    var sink = 0;
    foreach (var word in words)
    {
        sink += work(analyzer, word);
    }

    var wall = watch.Elapsed.TotalSeconds;
    var cpu = ThreadCpu() - thread;
    GC.KeepAlive(sink);
    return (words.Length / wall, words.Length / cpu);
}

(double Rate, double CpuRate) MeasureParallel(string[] words, int threads)
{
    var analyzer = MorphAnalyzer.Load(folder);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
    {
        for (var i = t; i < words.Length; i += threads)
        {
            analyzer.Analyze(words[i]);
        }
    });
    var wall = watch.Elapsed.TotalSeconds;
    return (words.Length / wall, words.Length / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
}

static (double Rate, double CpuRate) Best(int runs, Func<(double Rate, double CpuRate)> measure) =>
    Enumerable.Range(0, runs).Select(_ => measure()).MaxBy(r => r.Rate);

// CPU time of the calling thread (clock_gettime of CLOCK_THREAD_CPUTIME_ID), in seconds.
static double ThreadCpu()
{
    var time = new Timespec();
    return Native.clock_gettime(3, ref time) == 0 ? time.Seconds + time.Nanoseconds / 1e9 : double.NaN;
}

static string Run(string file, string arguments)
{
    var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false };
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {arguments}: exit code {process.ExitCode}");
}

internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}

internal static partial class Native
{
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    internal static partial int clock_gettime(int clock, ref Timespec time);
}
