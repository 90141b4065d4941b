using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex;
using Typeset.Bench.Cleanup;
using Typeset.Configuration;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;

// bench/cleanup: damage clean Russian text one family at a time with a seeded generator, run the cleanup stages of
// pipeline.json, and measure per family how much damage was repaired (recall) and how many changes were right
// (precision), word error rate before and after, real hyphens kept, and throughput on a 300-page book.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var root = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var corpusFolder = Path.Combine(root, "bench", "cleanup", "corpus");
var truth = string.Join("\n\n", Directory.GetFiles(corpusFolder, "*.md").Order().Select(f => File.ReadAllText(f).Trim()));
var repoConfig = PipelineConfigLoader.Load(Path.Combine(root, "pipeline.json"), StageCatalog.OptionShapes);
var work = Directory.CreateTempSubdirectory("typeset-bench-cleanup").FullName;
var config = repoConfig with
{
    Stages = repoConfig.Stages.Where(s => StageCatalog.Get(s.Name).Kind == StageKind.Cleanup).ToList(),
    Paths = repoConfig.Paths with { Input = work, Output = work },
};

var truthTokens = Tokens(truth);
var rows = new List<string>();
var totals = (Repaired: 0, Damaged: 0, Broken: 0);
foreach (var family in Damage.Families.Append("all"))
{
    var damaged = family == "all"
        ? Damage.Families.Aggregate(truth, (text, f) => Damage.Apply(f, text, Seed(f)))
        : Damage.Apply(family, truth, Seed(family));
    var cleaned = Clean(damaged, family);
    var damagedTokens = Tokens(damaged);
    var cleanedTokens = Tokens(cleaned);
    var before = Errors(truthTokens, damagedTokens);
    var after = Errors(truthTokens, cleanedTokens);
    var repaired = before.Count(e => !after.Contains(e));
    var broken = after.Count(e => !before.Contains(e));
    var recall = before.Count == 0 ? 1 : (double)repaired / before.Count;
    var precision = repaired + broken == 0 ? 1 : (double)repaired / (repaired + broken);
    var werBefore = (double)before.Count / truthTokens.Length;
    var werAfter = (double)after.Count / truthTokens.Length;
    var extra = family == "line-hyphens" ? $" real hyphens kept: {RealHyphensKept(truth, damaged, cleaned)}" : string.Empty;
    rows.Add($"| {family} | {before.Count} | {repaired} | {broken} | {recall:P1} | {precision:P1} | {werBefore:P2} | {werAfter:P2} |{extra}");
    if (family != "all")
    {
        totals = (totals.Repaired + repaired, totals.Damaged + before.Count, totals.Broken + broken);
    }
}

var damagedBook = Damage.Families.Aggregate(truth, (text, f) => Damage.Apply(f, text, Seed(f)));
var book = string.Join("\n\n", Enumerable.Repeat(damagedBook, (int)Math.Ceiling(300 * 2000.0 / damagedBook.Length)));
Clean(book, "warm-up");
var clock = Stopwatch.StartNew();
Clean(book, "throughput");
clock.Stop();
var pages = book.Length / 2000.0;

var report = new StringBuilder();
report.AppendLine($"Cleanup benchmark, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, corpus {truthTokens.Length} tokens ({Directory.GetFiles(corpusFolder, "*.md").Length} texts)");
report.AppendLine();
report.AppendLine("| damage family | damaged tokens | repaired | broken | recall | precision | WER before | WER after |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
rows.ForEach(r => report.AppendLine(r));
report.AppendLine();
report.AppendLine($"All families summed: recall {(double)totals.Repaired / totals.Damaged:P1}, precision {(double)totals.Repaired / (totals.Repaired + totals.Broken):P1}.");
report.AppendLine($"Throughput: {pages:0} pages ({book.Length / 1000} k characters, 2,000 a page) cleaned in {clock.Elapsed.TotalSeconds:0.00} s.");
Console.Write(report);
File.WriteAllText(Path.Combine(root, "bench", "cleanup", "results.md"), report.ToString());
if (Environment.GetEnvironmentVariable("TYPESET_BENCH_KEEP") is null)
{
    Directory.Delete(work, recursive: true);
}
else
{
    Console.WriteLine($"work files kept in {work}");
}

int Seed(string family) => family.Aggregate(17, (h, c) => (h * 31) + c);

string Clean(string markdown, string name)
{
    var input = Path.Combine(work, name + ".in.md");
    var output = Path.Combine(work, name + ".out.md");
    File.WriteAllText(input, markdown);
    new PipelineRunner(config, SilentObserver.Instance).Clean(input, output, Path.Combine(work, name + ".edits.jsonl"));
    return File.ReadAllText(output);
}

// Text as a reader sees it: paragraphs, headings and notes (figures and their captions are placed, not read in line).
static string[] Tokens(string markdown)
{
    var book = MarkdownReader.Read(markdown, BookMeta.Untitled);
    var text = string.Join(" ¶ ", book.Blocks.Select(b => b switch
    {
        Paragraph p => Inlines.PlainText(p.Content),
        Heading h => Inlines.PlainText(h.Content),
        Footnote f => Inlines.PlainText(f.Content),
        _ => null,
    }).Where(t => t is not null));
    return Regex.Matches(text, @"[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|¶|[^\s\p{L}\p{N}]").Select(m => m.Value).ToArray();
}

// Errors against the truth: each unmatched truth token, and each inserted token at its place in the truth.
static HashSet<string> Errors(string[] truthTokens, string[] otherTokens)
{
    var diff = Differ.Instance.CreateDiffs(string.Join("\n", truthTokens), string.Join("\n", otherTokens), false, false, new LineChunker());
    var errors = new HashSet<string>(StringComparer.Ordinal);
    foreach (var block in diff.DiffBlocks)
    {
        for (var i = 0; i < block.DeleteCountA; i++)
        {
            errors.Add($"t{block.DeleteStartA + i}");
        }

        for (var i = 0; i < block.InsertCountB; i++)
        {
            errors.Add($"g{block.DeleteStartA}:{diff.PiecesNew[block.InsertStartB + i]}");
        }
    }

    return errors;
}

// Hyphenated compounds of the truth that damage broke at their hyphen, and how many the cleanup kept whole.
static string RealHyphensKept(string truth, string damaged, string cleaned)
{
    var broken = Regex.Matches(damaged, @"\p{L}+-\n\p{L}+").Select(m => m.Value.Replace("\n", string.Empty)).Where(w => truth.Contains(w)).ToList();
    var kept = broken.Count(w => cleaned.Contains(w));
    return $"{kept}/{broken.Count}";
}

internal sealed class LineChunker : IChunker
{
    public IReadOnlyList<string> Chunk(string text) => text.Split('\n');
}
