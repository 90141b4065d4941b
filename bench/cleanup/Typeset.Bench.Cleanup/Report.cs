using System.Diagnostics;
using System.Text;

namespace Typeset.Bench.Cleanup;

public static class Report
{
    public sealed record Timings(Cost Generation, Cost Ocr, Cost Cli, Cost Cleaning, Cost Throughput, int ThroughputPages, int Pages);

    public sealed record CleanTextResult(List<string> Sources, int Characters, List<string> Applied, List<string> Suggested, int TypographyEdits, Cost Cost);

    public static string Write(List<BookResult> results, Timings timings, CleanTextResult? clean, bool hasLiterature, string literature, TimeSpan elapsed, string? ocrNote = null)
    {
        var report = new StringBuilder();
        report.AppendLine("# Cleanup on real OCR errors (`bench/cleanup/run.sh`)");
        report.AppendLine();
        report.AppendLine($"{DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores ({Cpu()}), {Tesseract()}; whole run {elapsed.TotalMinutes:0.0} min wall (cached steps skipped).");
        if (ocrNote is not null)
        {
            report.AppendLine();
            report.AppendLine(ocrNote);
        }

        if (!hasLiterature)
        {
            report.AppendLine();
            report.AppendLine($"**Literature texts not found** (`{literature}`, set `BENCH_LITERATURE`): books from the Debian packages only.");
        }

        report.AppendLine();
        report.AppendLine("| book | split | text | face, size | scan | pages | words | OCR word errors | after cleanup | CLI + naive join |");
        report.AppendLine("|---|---|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            report.AppendLine($"| {r.Spec.Name} | {r.Spec.Split} | {r.Spec.Source} | {r.Spec.Face} {r.Spec.Size} pt | {r.Spec.Scan} | {r.Pages} | {r.Words} | {WordErrors(r.Raw)} | {WordErrors(r.Clean)} | {WordErrors(r.Cli)} |");
        }

        foreach (var split in new[] { "test", "dev" })
        {
            var books = results.Where(r => r.Spec.Split == split).ToList();
            if (books.Count == 0)
            {
                continue;
            }

            report.AppendLine();
            report.AppendLine(split == "test" ? "## Test split (held out: other texts, other faces) — the headline" : "## Development split (tune on this one)");
            report.AppendLine();
            var tally = new Tally();
            foreach (var book in books)
            {
                tally.AddCleanup(book.Raw, book.Clean, book.Spec.Name);
                tally.AddSuggestions(book.Clean, book.ApplyAll, book.Spec.Name);
            }

            report.Append(ClassTable(tally, withSuggestions: true));
            var total = tally.Total;
            var words = books.Sum(b => b.Words);
            var raw = books.Sum(b => WordErrors(b.Raw));
            var cleaned = books.Sum(b => WordErrors(b.Clean));
            var cli = books.Sum(b => WordErrors(b.Cli));
            var wrong = total.Invented + total.Broken;
            report.AppendLine();
            report.AppendLine($"- {books.Count} books, {books.Sum(b => b.Pages)} pages, {words} words; editor's marks in the raw OCR: {total.Errors}, fixed by cleanup: {total.Fixed} ({Percent(total.Fixed, total.Errors)}), partly: {total.Partly}.");
            var wordMarks = ErrorClass.Order.Where(k => k != ErrorClass.Punctuation).Select(tally.Of).ToList();
            report.AppendLine($"- Without punctuation and typography: {wordMarks.Sum(c => c.Errors)} marks, fixed {wordMarks.Sum(c => c.Fixed)} ({Percent(wordMarks.Sum(c => c.Fixed), wordMarks.Sum(c => c.Errors))}); applied wrong {wordMarks.Sum(c => c.Invented + c.Broken)}, applied precision {Percent(wordMarks.Sum(c => c.Fixed), wordMarks.Sum(c => c.Fixed + c.Invented + c.Broken))}.");
            report.AppendLine($"- Applied changes: {total.Fixed + wrong}, right {total.Fixed}, wrong {wrong} — applied precision {Percent(total.Fixed, total.Fixed + wrong)}; words invented (an OCR error changed into another wrong word): {total.Invented}; correct words or breaks broken: {total.Broken}.");
            report.AppendLine($"- Suggestions (judged by applying every proposal): right {total.SuggestedRight}, wrong {total.SuggestedWrong}.");
            report.AppendLine($"- Non-word errors fixed: {Recall(tally, ErrorClass.NonWord)}; real-word errors, other form of the same word (agreement): {Recall(tally, ErrorClass.OtherForm)}; other word: {Recall(tally, ErrorClass.OtherWord)}.");
            report.AppendLine($"- Real hyphens at line ends (a compound broken at its own hyphen) kept: {books.Sum(b => b.CompoundsKept)} of {books.Sum(b => b.CompoundsAtLineEnds)}.");
            report.AppendLine($"- Word errors (all but punctuation and layout): raw `ocr` {raw} ({Percent(raw, words)} of words), after cleanup {cleaned} ({Percent(cleaned, words)}); `tesseract` CLI + naive hyphen join {cli} ({Percent(cli, words)}). End to end, ours after cleanup / CLI + join: **{(cli == 0 ? 0 : (double)cleaned / cli):0.00}** (target ≤ 0.5).");
            report.AppendLine();
            report.AppendLine("| scan | books | words | `ocr` word errors | after cleanup | CLI + naive join | after cleanup / CLI |");
            report.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var scan in books.GroupBy(b => b.Spec.Scan).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var (r, c, l) = (scan.Sum(b => WordErrors(b.Raw)), scan.Sum(b => WordErrors(b.Clean)), scan.Sum(b => WordErrors(b.Cli)));
                report.AppendLine($"| {scan.Key} | {scan.Count()} | {scan.Sum(b => b.Words)} | {r} | {c} | {l} | {(l == 0 ? 0 : (double)c / l):0.00} |");
            }

            Examples(report, "Wrong applied changes", tally.Broken.Concat(tally.Invented).ToList(), 40);
            Examples(report, "Wrong suggestions", tally.WrongSuggestions, 20);
            var missed = tally.Missed.GroupBy(m => m.Split('\t')[0]).OrderByDescending(g => g.Count()).ToList();
            report.AppendLine();
            report.AppendLine("<details><summary>Errors left (first of each class)</summary>");
            report.AppendLine();
            foreach (var group in missed)
            {
                report.AppendLine($"- {group.Key} ({group.Count()}): " + string.Join("; ", group.Take(8).Select(m => m.Split('\t')).Select(m => $"{m[1]} → {m[2]}")));
            }

            report.AppendLine();
            report.AppendLine("</details>");
        }

        report.AppendLine();
        report.AppendLine("## Time");
        report.AppendLine();
        report.AppendLine("| step | wall | CPU |");
        report.AppendLine("|---|---:|---:|");
        report.AppendLine($"| books set and scanned (SampleScans) | {timings.Generation.Wall:0.0} s | {timings.Generation.Cpu:0.0} s |");
        report.AppendLine($"| Typeset `ocr`, {timings.Pages} pages | {timings.Ocr.Wall:0.0} s | {timings.Ocr.Cpu:0.0} s |");
        report.AppendLine($"| `tesseract` CLI, {timings.Pages} pages | {timings.Cli.Wall:0.0} s | {timings.Cli.Cpu:0.0} s |");
        report.AppendLine($"| `typeset clean`, each book on its own (process start included) | {timings.Cleaning.Wall:0.0} s | {timings.Cleaning.Cpu:0.0} s |");
        report.AppendLine($"| `typeset clean`, the {timings.ThroughputPages} pages as one book | {timings.Throughput.Wall:0.00} s ({timings.ThroughputPages / Math.Max(0.001, timings.Throughput.Wall):0} pages/s) | {timings.Throughput.Cpu:0.00} s |");
        report.AppendLine();
        report.AppendLine("A cached step (scans or OCR unchanged) shows ~0 s: delete `bench/cleanup/cache/` for a cold run.");
        if (clean is not null)
        {
            report.AppendLine();
            report.AppendLine("## Clean, correctly spelled text");
            report.AppendLine();
            report.AppendLine($"{clean.Characters / 1000} k characters (~{clean.Characters / 2000} pages at 2,000 a page), no page markers, one paragraph a block: {string.Join(", ", clean.Sources)}. `typeset clean`: {clean.Cost.Wall:0.00} s wall, {clean.Cost.Cpu:0.00} s CPU.");
            report.AppendLine();
            report.AppendLine($"Content edits applied (joins, dehyphenation, names, spelling, captions, notes): **{clean.Applied.Count}** (target ≤ 15); suggested: {clean.Suggested.Count}; typography edits applied: {clean.TypographyEdits}.");
            report.AppendLine();
            foreach (var edit in clean.Applied.Take(200))
            {
                report.AppendLine($"- {edit}");
            }

            if (clean.Suggested.Count > 0)
            {
                report.AppendLine();
                report.AppendLine("<details><summary>Suggestions</summary>");
                report.AppendLine();
                clean.Suggested.Take(200).ToList().ForEach(s => report.AppendLine($"- {s}"));
                report.AppendLine();
                report.AppendLine("</details>");
            }
        }

        return report.ToString();
    }

    public static string ClassTable(Tally tally, bool withSuggestions)
    {
        var table = new StringBuilder();
        table.AppendLine(withSuggestions
            ? "| class | errors | fixed | recall | partly fixed | applied wrong: invented | applied wrong: broken | suggested right | suggested wrong |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
            : "| class | errors | fixed | recall | partly fixed | applied wrong: invented | applied wrong: broken |\n|---|---:|---:|---:|---:|---:|---:|");
        foreach (var kind in ErrorClass.Order)
        {
            var c = tally.Of(kind);
            if (c.Errors + c.Broken + c.SuggestedWrong == 0)
            {
                continue;
            }

            table.Append($"| {kind} | {c.Errors} | {c.Fixed} | {Percent(c.Fixed, c.Errors)} | {c.Partly} | {c.Invented} | {c.Broken} |");
            table.AppendLine(withSuggestions ? $" {c.SuggestedRight} | {c.SuggestedWrong} |" : string.Empty);
        }

        var t = tally.Total;
        table.Append($"| **all** | {t.Errors} | {t.Fixed} | {Percent(t.Fixed, t.Errors)} | {t.Partly} | {t.Invented} | {t.Broken} |");
        table.AppendLine(withSuggestions ? $" {t.SuggestedRight} | {t.SuggestedWrong} |" : string.Empty);
        return table.ToString();
    }

    private static void Examples(StringBuilder report, string title, List<string> items, int limit)
    {
        if (items.Count == 0)
        {
            return;
        }

        report.AppendLine();
        report.AppendLine($"<details><summary>{title} ({items.Count})</summary>");
        report.AppendLine();
        items.Take(limit).ToList().ForEach(i => report.AppendLine($"- {i}"));
        report.AppendLine();
        report.AppendLine("</details>");
    }

    private static string Recall(Tally tally, string kind) => $"{tally.Of(kind).Fixed} of {tally.Of(kind).Errors} ({Percent(tally.Of(kind).Fixed, tally.Of(kind).Errors)})";

    public static int WordErrors(List<Mark> marks) => marks.Count(m => ErrorClass.IsWordError(m.Kind));

    private static string Percent(int part, int whole) => whole == 0 ? "—" : $"{100.0 * part / whole:0.0} %";

    private static string Cpu()
    {
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown CPU" : line.Split(':', 2)[1].Trim();
    }

    private static string Tesseract()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("tesseract", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return text.Split('\n')[0].Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "tesseract not found";
        }
    }
}
