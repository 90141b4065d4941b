using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Typeset.Bench.Cleanup;
using Typeset.Interop.Hunspell;

// bench/cleanup: cleanup measured on real OCR errors. Usage:
//   Typeset.Bench.Cleanup run ROOT [dev|test|all] [--no-clean-text]   books → scans → OCR (ours, CLI) → clean → score → results
//   Typeset.Bench.Cleanup run ROOT [dev|test|all] --reuse-ocr          the newest cached OCR of the same page images, whatever
//                                                                      the OCR sources (also BENCH_REUSE_OCR=1; never the default)
//   Typeset.Bench.Cleanup run ROOT [dev|test|all] --score-only         the last run's cleanup outputs scored again (a scorer change)
//   Typeset.Bench.Cleanup score TRUTH.md OUTPUT [--raw RAW.md] [--plain]  any OCR'd text (and its raw) against its truth
//   Typeset.Bench.Cleanup book OUT.md SOURCE=CHARACTERS...   a text-only Markdown book of these sources' prose (bench/pdf)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
try
{
    return args.FirstOrDefault() switch
    {
        "run" when args.Length >= 2 => new Bench(Path.GetFullPath(args[1]), args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? args[2] : "all", !args.Contains("--no-clean-text"), args.Contains("--score-only"),
            args.Contains("--reuse-ocr") || Environment.GetEnvironmentVariable("BENCH_REUSE_OCR") == "1").Run(),
        "score" when args.Length >= 3 => ScorePair(args),
        "texts" when args.Length >= 2 => ShowTexts(args[1]),
        "book" when args.Length >= 3 => WriteBook(args[1], args[2..]),
        _ => Usage(),
    };
}
catch (AggregateException e) when (e.InnerExceptions.Count == 1 && e.InnerException is BenchException or InvalidDataException or FileNotFoundException)
{
    Console.Error.WriteLine("bench/cleanup: " + e.InnerException!.Message);
    return 1;
}
catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException or BenchException)
{
    Console.Error.WriteLine("bench/cleanup: " + e.Message);
    return 1;
}

// The prose a source yields, for checking a source before using it: works, paragraphs, characters, a sample.
static int ShowTexts(string source)
{
    var works = Texts.Load(source, Environment.GetEnvironmentVariable("BENCH_LITERATURE") ?? "/work/data/ruslit/prose");
    Console.WriteLine($"{source}: {works.Count} works, {works.Sum(w => w.Paragraphs.Count)} paragraphs, {works.Sum(w => w.Paragraphs.Sum(p => p.Length))} characters");
    foreach (var paragraph in works.SelectMany(w => w.Paragraphs).Where((_, i) => i % 25 == 0).Take(12))
    {
        Console.WriteLine("  " + paragraph);
    }

    return 0;
}

// A text-only book: each work a chapter under its title, its prose paragraphs up to the source's share of characters
// (whole paragraphs), so other benches set varied, human-written text rather than one text repeated.
static int WriteBook(string target, string[] shares)
{
    var literature = Environment.GetEnvironmentVariable("BENCH_LITERATURE") ?? "/work/data/ruslit/prose";
    var book = new StringBuilder();
    foreach (var share in shares)
    {
        var at = share.LastIndexOf('=');
        if (at < 0 || !int.TryParse(share[(at + 1)..], out var characters))
        {
            throw new ArgumentException($"book: \"{share}\" is not SOURCE=CHARACTERS");
        }

        var taken = 0;
        foreach (var work in Texts.Load(share[..at], literature).Where(w => w.Paragraphs.Count > 0))
        {
            if (taken >= characters)
            {
                break;
            }

            book.Append("# ").Append(work.Title).Append("\n\n");
            foreach (var paragraph in work.Paragraphs.TakeWhile(_ => taken < characters))
            {
                book.Append(paragraph).Append("\n\n");
                taken += paragraph.Length;
            }
        }

        Console.WriteLine($"{share[..at]}: {taken} characters");
    }

    File.WriteAllText(target, book.ToString());
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Typeset.Bench.Cleanup run ROOT [dev|test|all] [--no-clean-text] [--score-only] [--reuse-ocr]\n       Typeset.Bench.Cleanup score TRUTH.md OUTPUT [--raw RAW.md] [--plain]\n       Typeset.Bench.Cleanup book OUT.md SOURCE=CHARACTERS...");
    return 2;
}

// Scores any output against its truth (Markdown, or plain text with --plain); with --raw, what cleanup did to the raw.
static int ScorePair(string[] args)
{
    var plain = args.Contains("--plain");
    var rawAt = Array.IndexOf(args, "--raw");
    using var dictionary = HunspellDictionary.Open();
    var scorer = new Scorer(dictionary);
    var truth = Scorer.ReadMarkdown(File.ReadAllText(args[1]));
    TokenText Read(string path) => plain ? Scorer.ReadPlain(File.ReadAllText(path)) : Scorer.ReadMarkdown(File.ReadAllText(path));
    var output = scorer.Marks(truth, Read(args[2]), new HashSet<string>());
    var tally = new Tally();
    if (rawAt > 0)
    {
        var raw = scorer.Marks(truth, Read(args[rawAt + 1]), new HashSet<string>());
        tally.AddCleanup(raw, output);
        Console.Write(Report.ClassTable(tally, withSuggestions: false));
    }
    else
    {
        tally.AddErrors(output);
        Console.WriteLine("| class | errors |\n|---|---:|");
        foreach (var kind in ErrorClass.Order.Where(k => tally.Of(k).Errors > 0))
        {
            Console.WriteLine($"| {kind} | {tally.Of(kind).Errors} |");
        }
    }

    var words = Scorer.WordCount(truth);
    Console.WriteLine($"\n{words} words in the truth; word errors in the output: {output.Count(m => ErrorClass.IsWordError(m.Kind))} ({(double)output.Count(m => ErrorClass.IsWordError(m.Kind)) / words:P2})");
    foreach (var mark in output.Take(4000))
    {
        Console.WriteLine($"  {mark.Kind,-30} {mark.Stream,-8} {mark.Start,6} {mark.Truth} → {mark.Output}");
    }

    return 0;
}

public sealed class BenchException(string message) : Exception(message);
