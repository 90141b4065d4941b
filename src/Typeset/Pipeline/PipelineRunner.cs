using System.Diagnostics;
using Typeset.Configuration;
using Typeset.Edits;
using Typeset.IO;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Ocr;
using Typeset.Review;

namespace Typeset.Pipeline;

public sealed record RunOptions(string? From = null, string? To = null);

public sealed record StageTiming(string Stage, TimeSpan Elapsed, string Summary);

public sealed record RunSummary(IReadOnlyList<StageTiming> Stages, int Applied, int Suggested, int Rejected, IReadOnlyList<string> Outputs)
{
    /// <summary>Decisions on single edits that matched no edit of this run (listed in output/review/unmatched-decisions.jsonl).</summary>
    public int Unmatched { get; init; }

    /// <summary>Where a hand-edited book.md was kept before this run wrote a new one; null when it had no hand edits.</summary>
    public string? KeptHandEdits { get; init; }
}

/// <summary>
/// The pipeline as one fold: every command (<c>run</c>, <c>clean</c>, <c>ocr</c>, <c>pdf</c>/<c>epub</c>) is a seed book and
/// a list of steps applied to it in order — the configured stages, and the checkpoints that write what a command
/// promises (book.md with the edit log and review, raw OCR Markdown). Publishing stages always start from a checkpoint
/// read back from its Markdown, so an editor's hand edits in output/book.md reach the PDF and EPUB.
/// </summary>
public sealed class PipelineRunner(PipelineConfig config, IRunObserver observer)
{
    /// <summary>One step of the fold: a configured stage (timed and reported), or a checkpoint that writes the book and may re-read it.</summary>
    private sealed record Step(string Name, Func<Book, StageContext, Book> Apply, StageConfig? Stage = null);

    /// <summary>What the checkpoints of one command leave behind for its summary.</summary>
    private sealed class Outcome
    {
        public List<string> Outputs { get; } = [];

        public int Unmatched { get; set; }

        public string? KeptHandEdits { get; set; }

        public Book? Raw { get; set; }
    }

    public RunSummary Run(RunOptions options)
    {
        foreach (var output in new[] { config.Paths.Output, config.Paths.BookMarkdown, config.Paths.EditLog, config.Paths.BookPdf, config.Paths.BookEpub })
        {
            RefuseOutput(output, [], InputFolders());
        }

        // After the refusals: a refused run says one thing, not also which input it would have read.
        var selected = Select(options);

        EnsureWritable(config.Paths.Output);
        StaleTempFiles.Remove(config.Paths.Output, recursive: true);
        var kinds = selected.Select(s => StageCatalog.Get(s.Name).Kind).ToList();
        var edits = kinds.Any(k => k is StageKind.Recognition or StageKind.Cleanup);
        var decisions = edits ? EditorDecisions.Load(config.Paths.Decisions) : EditorDecisions.None;
        using var context = new StageContext(config, decisions, observer);
        var outcome = new Outcome();
        if (kinds.Contains(StageKind.Cleanup) && !kinds.Contains(StageKind.Recognition))
        {
            context.PreloadDictionaries();
        }

        // With the ocr stage selected the book comes from the scans, with cleanup stages from paths.input, otherwise
        // (publishing alone) from output/book.md.
        Func<Book> seed = kinds.Contains(StageKind.Recognition) ? () => new Book(config.Book, ValueList<Block>.Empty)
            : edits ? () => ReadMarkdown(context, BookSource.FindMarkdown(config.Paths.Input))
            : () => ReadBookMarkdown(context);
        var editing = selected.Where((_, i) => kinds[i] != StageKind.Publishing).ToList();
        var steps = new List<Step>();
        for (var i = 0; i < selected.Count; i++)
        {
            if (kinds[i] == StageKind.Cleanup && (i == 0 || kinds[i - 1] != StageKind.Cleanup))
            {
                steps.Add(new Step("raw", (book, _) => outcome.Raw = book));
            }

            if (kinds[i] == StageKind.Publishing && i > 0 && kinds[i - 1] != StageKind.Publishing)
            {
                steps.Add(BookCheckpoint(outcome, decisions, editing));
            }

            steps.Add(StageStep(selected[i]));
            if (kinds[i] == StageKind.Publishing)
            {
                outcome.Outputs.Add(selected[i].Name == "pdf" ? config.Paths.BookPdf : config.Paths.BookEpub);
            }
        }

        if (kinds.Count > 0 && kinds[^1] != StageKind.Publishing)
        {
            steps.Add(BookCheckpoint(outcome, decisions, editing));
        }

        var timings = Fold(seed, steps, context);
        if (context.Failures.Count > 0)
        {
            throw new ProcessingException($"{context.Failures.Count} page(s) failed, the others were processed:\n  " + string.Join("\n  ", context.Failures));
        }

        return Summary(timings, context.EditLog, outcome);
    }

    /// <summary><c>typeset clean</c>: the configured cleanup stages on one Markdown file.</summary>
    public RunSummary Clean(string inputFile, string outputFile, string editsFile)
    {
        var inputs = BookSource.FindMarkdown(inputFile);
        RefuseOutput(outputFile, inputs, InputFolders());
        RefuseOutput(editsFile, [.. inputs, outputFile], InputFolders());
        var decisions = EditorDecisions.Load(config.Paths.Decisions);
        using var context = new StageContext(config, decisions, observer);
        var outcome = new Outcome();
        var stages = config.Stages.Where(s => StageCatalog.Get(s.Name).Kind == StageKind.Cleanup).ToList();
        if (stages.Count > 0)
        {
            context.PreloadDictionaries();
        }

        var steps = new List<Step> { new("raw", (book, _) => outcome.Raw = book) };
        steps.AddRange(stages.Select(StageStep));
        steps.Add(new Step("write", (book, ctx) =>
        {
            var outputFolder = Path.GetDirectoryName(Path.GetFullPath(outputFile))!;
            EnsureWritable(outputFolder);
            StaleTempFiles.Remove(outputFolder, recursive: false);
            var text = MarkdownWriter.Write(RebaseFigures(book, ctx.ResourceFolder, outputFolder));
            outcome.KeptHandEdits = OutputPaths.IsSame(outputFile, config.Paths.BookMarkdown) ? WriteBookMarkdown(outputFile, text) : null;
            if (outcome.KeptHandEdits is null)
            {
                AtomicFile.WriteAllText(outputFile, text);
            }

            EditLogFile.Write(editsFile, ctx.EditLog);
            var lost = Unmatched(decisions, stages, outcome.Raw ?? book);
            outcome.Unmatched = lost.Count;
            outcome.Outputs.AddRange([outputFile, editsFile]);
            if (lost.Count > 0 || File.Exists(ReviewOutput.UnmatchedPathBeside(editsFile)))
            {
                outcome.Outputs.Add(ReviewOutput.WriteUnmatched(ReviewOutput.UnmatchedPathBeside(editsFile), lost));
            }

            return book;
        }));
        var timings = Fold(() => ReadMarkdown(context, inputs), steps, context);
        return Summary(timings, context.EditLog, outcome);
    }

    /// <summary>
    /// <c>typeset ocr</c>: recognises the scans given (files or folders) into raw Markdown at <paramref name="outputFile"/>,
    /// figures beside it in images/, the dropped running heads and folios in <paramref name="editsFile"/>.
    /// </summary>
    public RunSummary Ocr(IReadOnlyList<string> scans, string outputFile, string editsFile)
    {
        var scanFiles = scans.Where(File.Exists).ToList();
        var scanFolders = scans.Where(Directory.Exists).Concat(InputFolders()).ToList();
        var outputFolder = Path.GetDirectoryName(Path.GetFullPath(outputFile))!;
        RefuseOutput(outputFile, scanFiles, scanFolders);
        RefuseBookMarkdown(outputFile, "raw OCR Markdown");
        RefuseOutput(editsFile, [.. scanFiles, outputFile], scanFolders);
        RefuseOutput(Path.Combine(outputFolder, "images"), scanFiles, scanFolders);
        EnsureWritable(outputFolder);
        StaleTempFiles.Remove(outputFolder, recursive: false);
        using var context = new StageContext(config, NoDecisions.Instance, observer);
        var stage = config.Stages.FirstOrDefault(s => s.Name == OcrStage.StageName) ?? new StageConfig(OcrStage.StageName, new Dictionary<string, System.Text.Json.JsonElement>());
        var dropped = 0;
        var recognise = new Step(stage.Name, (_, ctx) =>
        {
            // Sidecars, cache and library messages go beside the Markdown, like the figures: -o decides where everything goes.
            var folders = new OcrFolders(outputFolder, Path.Combine(outputFolder, "images"), Path.Combine(outputFolder, "work", "ocr"));
            var outcome = OcrBook.Recognize(scans, OcrSettings.FromStage(stage), folders, config.Book, NoDecisions.Instance,
                message => observer.Progress(stage.Name, message));
            foreach (var failure in outcome.Failures)
            {
                ctx.Fail(failure.ToString());
            }

            foreach (var warning in outcome.Warnings)
            {
                observer.Warning(new BookWarning(null, WarningKind.Input, $"{warning.File} (page {warning.Page}): {warning.Message}"));
            }

            OcrBook.WriteMarkdown(outcome.Book, outputFolder, outputFile);
            EditLogFile.Write(editsFile, outcome.Edits);
            dropped = outcome.Edits.Count;
            ctx.Report($"{outcome.Pages} pages ({outcome.FromCache} cached), {outcome.Figures} figures, {outcome.Edits.Count} running heads/folios dropped");
            return outcome.Book;
        }, stage);
        var timings = Fold(() => new Book(config.Book, ValueList<Block>.Empty), [recognise], context);
        if (context.Failures.Count > 0)
        {
            throw new ProcessingException($"{context.Failures.Count} page(s) failed, the others are in {outputFile}:\n  " + string.Join("\n  ", context.Failures));
        }

        return new RunSummary(timings, dropped, 0, 0, [outputFile, editsFile]);
    }

    /// <summary><c>typeset pdf</c> / <c>typeset epub</c>: one publishing stage from a Markdown file to a target file.</summary>
    public RunSummary Publish(string stageName, string inputFile, string outputFile)
    {
        RefuseOutput(outputFile, [inputFile], InputFolders());
        RefuseBookMarkdown(outputFile, stageName == "pdf" ? "a PDF" : "an EPUB");
        if (File.Exists(outputFile) && Path.GetExtension(outputFile).ToLowerInvariant() is ".md" or ".markdown" or ".txt")
        {
            throw new UsageException($"{outputFile}: is a text file; typeset {stageName} would replace it with {(stageName == "pdf" ? "a PDF" : "an EPUB")}");
        }

        using var context = new StageContext(config, NoDecisions.Instance, observer);
        context.TargetFile = Path.GetFullPath(outputFile);
        EnsureWritable(Path.GetDirectoryName(context.TargetFile)!);
        StaleTempFiles.Remove(Path.GetDirectoryName(context.TargetFile)!, recursive: false);
        var stage = config.Stages.FirstOrDefault(s => s.Name == stageName) ?? new StageConfig(stageName, new Dictionary<string, System.Text.Json.JsonElement>());
        var timings = Fold(() => ReadMarkdown(context, [inputFile]), [StageStep(stage)], context);
        return new RunSummary(timings, 0, 0, 0, [outputFile]);
    }

    /// <summary>The fold itself: the seed, then each step on the book the previous one returned; stages are timed and reported.</summary>
    private List<StageTiming> Fold(Func<Book> seed, IReadOnlyList<Step> steps, StageContext context)
    {
        var timings = new List<StageTiming>();
        var book = seed();
        foreach (var step in steps)
        {
            if (step.Stage is null)
            {
                book = step.Apply(book, context);
                continue;
            }

            observer.StageStarted(step.Name);
            context.Stage = step.Stage;
            context.StageSummary = null;
            var logBefore = context.EditLog.Count;
            var clock = Stopwatch.StartNew();
            book = step.Apply(book, context);
            clock.Stop();
            var summary = context.StageSummary ?? EditSummary(context.EditLog.Skip(logBefore).ToList());
            timings.Add(new StageTiming(step.Name, clock.Elapsed, summary));
            observer.StageFinished(step.Name, clock.Elapsed, summary);
        }

        return timings;
    }

    private static Step StageStep(StageConfig stage) =>
        new(stage.Name, (book, context) => StageCatalog.Get(stage.Name).Create().Run(book, context), stage);

    /// <summary>Writes output/book.md (keeping a hand-edited one), the edit log and the review, then reads book.md back: what publishing starts from.</summary>
    private Step BookCheckpoint(Outcome outcome, EditorDecisions decisions, IReadOnlyList<StageConfig> stagesRun) => new("book.md", (book, context) =>
    {
        var raw = outcome.Raw ?? book;
        var rebased = RebaseFigures(book, context.ResourceFolder, config.Paths.Output);
        outcome.KeptHandEdits = WriteBookMarkdown(config.Paths.BookMarkdown, MarkdownWriter.Write(rebased));
        EditLogFile.Write(config.Paths.EditLog, context.EditLog);
        outcome.Outputs.Add(config.Paths.BookMarkdown);
        outcome.Outputs.Add(config.Paths.EditLog);
        var lost = Unmatched(decisions, stagesRun, raw);
        outcome.Unmatched = lost.Count;
        outcome.Outputs.AddRange(ReviewOutput.Write(config.Paths, raw, book, context.EditLog, decisions, lost));
        return ReadBookMarkdown(context);
    });

    private Book ReadBookMarkdown(StageContext context)
    {
        if (!File.Exists(config.Paths.BookMarkdown))
        {
            throw new UsageException($"{config.Paths.BookMarkdown}: not found; run the cleanup stages first (typeset run)");
        }

        return ReadMarkdown(context, [config.Paths.BookMarkdown]);
    }

    /// <summary>Reads Markdown files into the book; what the reader repaired is reported as warnings naming the file.</summary>
    private Book ReadMarkdown(StageContext context, IReadOnlyList<string> files)
    {
        var warnings = new List<BookWarning>();
        var book = BookSource.Read(files, config.Book, warnings);
        context.ResourceFolder = Path.GetDirectoryName(Path.GetFullPath(files[0]))!;
        foreach (var warning in warnings)
        {
            context.Warn(warning with { Message = $"{Path.GetFileName(files[0])}: {warning.Message}" });
        }

        return book;
    }

    private static RunSummary Summary(List<StageTiming> timings, IReadOnlyList<EditRecord> log, Outcome outcome) =>
        new(timings, log.Count(r => r.Status == EditStatus.Applied), log.Count(r => r.Status == EditStatus.Suggested),
            log.Count(r => r.Status == EditStatus.Rejected), outcome.Outputs) { Unmatched = outcome.Unmatched, KeptHandEdits = outcome.KeptHandEdits };

    private IReadOnlyList<StageConfig> Select(RunOptions options)
    {
        var names = config.Stages.Select(s => s.Name).ToList();
        int IndexOf(string name, string flag)
        {
            var index = names.IndexOf(name);
            return index >= 0
                ? index
                : throw new UsageException($"{flag} {name}: no such stage in {config.ConfigPath}; its stages are: {string.Join(", ", names)}");
        }

        var from = options.From is null ? 0 : IndexOf(options.From, "--from");
        var to = options.To is null ? names.Count - 1 : IndexOf(options.To, "--to");
        if (from > to)
        {
            throw new UsageException($"--from {options.From} comes after --to {options.To} in the stage list");
        }

        var selected = config.Stages.Skip(from).Take(to - from + 1).ToList();
        return options.From is null ? StartFromScans(selected) : selected;
    }

    /// <summary>
    /// A run over a project whose input holds page images starts from them: the ocr stage goes first when the stage
    /// list lacks it, and a Markdown file beside the scans is not read (a one-line notice says so).
    /// </summary>
    private List<StageConfig> StartFromScans(List<StageConfig> selected)
    {
        var kinds = selected.Select(s => StageCatalog.Get(s.Name).Kind).ToList();
        if (kinds.Contains(StageKind.Recognition) || !kinds.Contains(StageKind.Cleanup) || ScanInputs.FolderOf(config.Paths) is not { } scans)
        {
            return selected;
        }

        var markdown = Directory.Exists(config.Paths.Input)
            ? Directory.EnumerateFiles(config.Paths.Input, "*.md").Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        if (markdown.Count > 0)
        {
            observer.Warning(new BookWarning(null, WarningKind.Input, $"{scans} holds {ScanInputs.CountScans(scans)} scan(s): the book is recognised from them, and {string.Join(", ", markdown.Select(Path.GetFileName))} is not read"));
        }

        return [new StageConfig(OcrStage.StageName, new Dictionary<string, System.Text.Json.JsonElement>()), .. selected];
    }

    private static string EditSummary(IReadOnlyList<EditRecord> records) =>
        $"{records.Count(r => r.Status == EditStatus.Applied)} applied, {records.Count(r => r.Status == EditStatus.Suggested)} suggested" +
        (records.Any(r => r.Status == EditStatus.Rejected) ? $", {records.Count(r => r.Status == EditStatus.Rejected)} rejected by the editor" : string.Empty) +
        (records.Any(r => r.Status == EditStatus.Conflict) ? $", {records.Count(r => r.Status == EditStatus.Conflict)} conflicting" : string.Empty);

    /// <summary>The folders no command writes into: paths.input (when a folder) and the scans.</summary>
    private IReadOnlyList<string> InputFolders()
    {
        var folders = new List<string>();
        if (!File.Exists(config.Paths.Input))
        {
            folders.Add(config.Paths.Input);
        }

        folders.Add(config.Paths.ScanFolder);
        return folders;
    }

    /// <summary>Refuses, before anything runs, an output that is an input file or lies in an input folder (exit code 2).</summary>
    private void RefuseOutput(string output, IReadOnlyList<string> inputFiles, IReadOnlyList<string> inputFolders)
    {
        var files = File.Exists(config.Paths.Input) ? [.. inputFiles, config.Paths.Input] : inputFiles;
        if (OutputPaths.Refusal(output, files, inputFolders) is { } refusal)
        {
            throw new UsageException(refusal);
        }
    }

    /// <summary>The book's Markdown (output/book.md) is the editor's to fix by hand: no command puts anything else over it.</summary>
    private void RefuseBookMarkdown(string output, string what)
    {
        if (OutputPaths.IsSame(output, config.Paths.BookMarkdown))
        {
            throw new UsageException($"{output}: is the book's Markdown, which the editor may have fixed by hand; {what} never replaces it: write it elsewhere");
        }
    }

    /// <summary>Writes book.md, first keeping a hand-edited one beside it (reported as a warning); returns where it was kept.</summary>
    private string? WriteBookMarkdown(string path, string text)
    {
        var stamp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "work", Path.GetFileName(path) + ".sha256");
        var kept = GeneratedFile.Write(path, text, stamp);
        if (kept is not null)
        {
            observer.Warning(BookWarning.General($"{path}: had hand edits since the last run; kept as {kept} (the new {Path.GetFileName(path)} does not have them)"));
        }

        return kept;
    }

    /// <summary>The editor's decisions on single edits that matched nothing in the stages that ran, reported as a warning.</summary>
    private IReadOnlyList<UnmatchedDecision> Unmatched(EditorDecisions decisions, IEnumerable<StageConfig> stagesRun, Book raw)
    {
        // Edits name top-level blocks and the text parts inside them (a paragraph of a quotation, a table cell).
        var blocks = raw.Blocks.Select(b => b.Id).Concat(BookWalk.TextParts(raw).Select(p => p.Id)).ToHashSet(StringComparer.Ordinal);
        var unmatched = decisions.Unmatched(stagesRun.Select(s => s.Name).ToHashSet(StringComparer.Ordinal), blocks.Contains);
        if (unmatched.Count > 0)
        {
            observer.Warning(BookWarning.General($"{unmatched.Count} review decision(s) in {config.Paths.Decisions} match no edit of this run; " +
                             $"they are listed in {ReviewOutput.UnmatchedFileName} beside the edit log and on the review page"));
        }

        return unmatched;
    }

    /// <summary>Checks up front that output/ can be written, so a run never fails half-way for that.</summary>
    private static void EnsureWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}.tmp");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProcessingException($"{folder}: output folder is not writable: {e.Message}", e);
        }
    }

    /// <summary>Figure paths are relative to the Markdown file; book.md lives in output/, so relative paths are rewritten for it.</summary>
    private static Book RebaseFigures(Book book, string from, string to)
    {
        if (Path.GetFullPath(from) == Path.GetFullPath(to))
        {
            return book;
        }

        return book.WithBlocks(book.Blocks.Select(block =>
            block is Figure { ImagePath.Length: > 0 } figure && !Path.IsPathRooted(figure.ImagePath) && !figure.ImagePath.Contains("://", StringComparison.Ordinal)
                ? figure with { ImagePath = Path.GetRelativePath(to, Path.Combine(from, figure.ImagePath)).Replace('\\', '/') }
                : block));
    }
}
