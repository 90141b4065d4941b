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
/// The pipeline as a fold over the configured stages. Cleanup stages run on the input Markdown and end in
/// output/book.md (plus the edit log); publishing stages always start from output/book.md, so an editor's hand
/// edits there reach the PDF and EPUB.
/// </summary>
public sealed class PipelineRunner(PipelineConfig config, IRunObserver observer)
{
    public RunSummary Run(RunOptions options)
    {
        var selected = Select(options);
        var outputs = new List<string>();
        var timings = new List<StageTiming>();
        foreach (var output in new[] { config.Paths.Output, config.Paths.BookMarkdown, config.Paths.EditLog, config.Paths.BookPdf, config.Paths.BookEpub })
        {
            RefuseOutput(output, [], InputFolders());
        }

        EnsureWritable(config.Paths.Output);
        StaleTempFiles.Remove(config.Paths.Output, recursive: true);
        var unmatched = 0;
        string? kept = null;

        var recognition = selected.Where(s => StageCatalog.Get(s.Name).Kind == StageKind.Recognition).ToList();
        var cleanup = selected.Where(s => StageCatalog.Get(s.Name).Kind == StageKind.Cleanup).ToList();
        var publishing = selected.Where(s => StageCatalog.Get(s.Name).Kind == StageKind.Publishing).ToList();
        var decisions = cleanup.Count > 0 || recognition.Count > 0 ? EditorDecisions.Load(config.Paths.Decisions) : EditorDecisions.None;
        using var context = new StageContext(config, decisions, observer);

        if (cleanup.Count > 0 || recognition.Count > 0)
        {
            // With the ocr stage selected the book comes from the scans, otherwise from the Markdown in paths.input.
            var book = new Book(config.Book, ValueList<Block>.Empty);
            foreach (var stage in recognition)
            {
                book = RunStage(stage, book, context, timings);
            }

            if (recognition.Count == 0)
            {
                var files = BookSource.FindMarkdown(config.Paths.Input);
                book = BookSource.Read(files, config.Book);
                context.ResourceFolder = Path.GetDirectoryName(Path.GetFullPath(files[0]))!;
            }

            var raw = book;
            foreach (var stage in cleanup)
            {
                book = RunStage(stage, book, context, timings);
            }

            var rebased = RebaseFigures(book, context.ResourceFolder, config.Paths.Output);
            kept = WriteBookMarkdown(config.Paths.BookMarkdown, MarkdownWriter.Write(rebased));
            EditLogFile.Write(config.Paths.EditLog, context.EditLog);
            outputs.Add(config.Paths.BookMarkdown);
            outputs.Add(config.Paths.EditLog);
            var lost = Unmatched(decisions, recognition.Concat(cleanup), raw);
            unmatched = lost.Count;
            outputs.AddRange(ReviewOutput.Write(config.Paths, raw, book, context.EditLog, decisions, lost));
        }

        if (publishing.Count > 0)
        {
            if (!File.Exists(config.Paths.BookMarkdown))
            {
                throw new UsageException($"{config.Paths.BookMarkdown}: not found; run the cleanup stages first (typeset run)");
            }

            var book = MarkdownReader.Read(BookSource.ReadText(config.Paths.BookMarkdown), config.Book);
            context.ResourceFolder = config.Paths.Output;
            foreach (var stage in publishing)
            {
                book = RunStage(stage, book, context, timings);
                outputs.Add(stage.Name == "pdf" ? config.Paths.BookPdf : config.Paths.BookEpub);
            }
        }

        if (context.Failures.Count > 0)
        {
            throw new ProcessingException($"{context.Failures.Count} page(s) failed, the others were processed:\n  " + string.Join("\n  ", context.Failures));
        }

        var log = context.EditLog;
        return new RunSummary(
            timings,
            log.Count(r => r.Status == EditStatus.Applied),
            log.Count(r => r.Status == EditStatus.Suggested),
            log.Count(r => r.Status == EditStatus.Rejected),
            outputs) { Unmatched = unmatched, KeptHandEdits = kept };
    }

    /// <summary><c>typeset clean</c>: the configured cleanup stages on one Markdown file.</summary>
    public RunSummary Clean(string inputFile, string outputFile, string editsFile)
    {
        var timings = new List<StageTiming>();
        var inputs = BookSource.FindMarkdown(inputFile);
        RefuseOutput(outputFile, inputs, InputFolders());
        RefuseOutput(editsFile, [.. inputs, outputFile], InputFolders());
        var decisions = EditorDecisions.Load(config.Paths.Decisions);
        using var context = new StageContext(config, decisions, observer);
        var book = BookSource.Read(inputs, config.Book);
        var raw = book;
        context.ResourceFolder = Path.GetDirectoryName(Path.GetFullPath(inputFile))!;
        var stages = config.Stages.Where(s => StageCatalog.Get(s.Name).Kind == StageKind.Cleanup).ToList();
        foreach (var stage in stages)
        {
            book = RunStage(stage, book, context, timings);
        }

        var outputFolder = Path.GetDirectoryName(Path.GetFullPath(outputFile))!;
        EnsureWritable(outputFolder);
        StaleTempFiles.Remove(outputFolder, recursive: false);
        var text = MarkdownWriter.Write(RebaseFigures(book, context.ResourceFolder, outputFolder));
        var kept = OutputPaths.IsSame(outputFile, config.Paths.BookMarkdown) ? WriteBookMarkdown(outputFile, text) : null;
        if (kept is null)
        {
            AtomicFile.WriteAllText(outputFile, text);
        }

        EditLogFile.Write(editsFile, context.EditLog);
        var lost = Unmatched(decisions, stages, raw);
        var outputs = new List<string> { outputFile, editsFile };
        if (lost.Count > 0 || File.Exists(ReviewOutput.UnmatchedPathBeside(editsFile)))
        {
            outputs.Add(ReviewOutput.WriteUnmatched(ReviewOutput.UnmatchedPathBeside(editsFile), lost));
        }

        var log = context.EditLog;
        return new RunSummary(timings, log.Count(r => r.Status == EditStatus.Applied), log.Count(r => r.Status == EditStatus.Suggested),
            log.Count(r => r.Status == EditStatus.Rejected), outputs) { Unmatched = lost.Count, KeptHandEdits = kept };
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
        observer.StageStarted(stage.Name);
        var clock = Stopwatch.StartNew();
        // Sidecars, cache and library messages go beside the Markdown, like the figures: -o decides where everything goes.
        var folders = new OcrFolders(outputFolder, Path.Combine(outputFolder, "images"), Path.Combine(outputFolder, "work", "ocr"));
        var outcome = OcrBook.Recognize(scans, OcrSettings.FromStage(stage), folders, config.Book, NoDecisions.Instance,
            message => observer.Progress(stage.Name, message));
        foreach (var failure in outcome.Failures)
        {
            context.Fail(failure.ToString());
        }

        foreach (var warning in outcome.Warnings)
        {
            observer.Warning($"{warning.File} (page {warning.Page}): {warning.Message}");
        }

        OcrBook.WriteMarkdown(outcome.Book, outputFolder, outputFile);
        EditLogFile.Write(editsFile, outcome.Edits);
        clock.Stop();
        var summary = $"{outcome.Pages} pages ({outcome.FromCache} cached), {outcome.Figures} figures, {outcome.Edits.Count} running heads/folios dropped";
        observer.StageFinished(stage.Name, clock.Elapsed, summary);
        if (context.Failures.Count > 0)
        {
            throw new ProcessingException($"{context.Failures.Count} page(s) failed, the others are in {outputFile}:\n  " + string.Join("\n  ", context.Failures));
        }

        return new RunSummary([new StageTiming(stage.Name, clock.Elapsed, summary)], outcome.Edits.Count, 0, 0, [outputFile, editsFile]);
    }

    /// <summary><c>typeset pdf</c> / <c>typeset epub</c>: one publishing stage from a Markdown file to a target file.</summary>
    public RunSummary Publish(string stageName, string inputFile, string outputFile)
    {
        var timings = new List<StageTiming>();
        RefuseOutput(outputFile, [inputFile], InputFolders());
        RefuseBookMarkdown(outputFile, stageName == "pdf" ? "a PDF" : "an EPUB");
        if (File.Exists(outputFile) && Path.GetExtension(outputFile).ToLowerInvariant() is ".md" or ".markdown" or ".txt")
        {
            throw new UsageException($"{outputFile}: is a text file; typeset {stageName} would replace it with {(stageName == "pdf" ? "a PDF" : "an EPUB")}");
        }

        using var context = new StageContext(config, NoDecisions.Instance, observer);
        var book = MarkdownReader.Read(BookSource.ReadText(inputFile), config.Book);
        context.ResourceFolder = Path.GetDirectoryName(Path.GetFullPath(inputFile))!;
        context.TargetFile = Path.GetFullPath(outputFile);
        EnsureWritable(Path.GetDirectoryName(context.TargetFile)!);
        StaleTempFiles.Remove(Path.GetDirectoryName(context.TargetFile)!, recursive: false);
        var stage = config.Stages.FirstOrDefault(s => s.Name == stageName) ?? new StageConfig(stageName, new Dictionary<string, System.Text.Json.JsonElement>());
        RunStage(stage, book, context, timings);
        return new RunSummary(timings, 0, 0, 0, [outputFile]);
    }

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
            observer.Warning($"{scans} holds {ScanInputs.CountScans(scans)} scan(s): the book is recognised from them, and {string.Join(", ", markdown.Select(Path.GetFileName))} is not read");
        }

        return [new StageConfig(OcrStage.StageName, new Dictionary<string, System.Text.Json.JsonElement>()), .. selected];
    }

    private Book RunStage(StageConfig stage, Book book, StageContext context, List<StageTiming> timings)
    {
        observer.StageStarted(stage.Name);
        context.Stage = stage;
        context.StageSummary = null;
        var logBefore = context.EditLog.Count;
        var clock = Stopwatch.StartNew();
        var result = StageCatalog.Get(stage.Name).Create().Run(book, context);
        clock.Stop();
        var summary = context.StageSummary ?? EditSummary(context.EditLog.Skip(logBefore).ToList());
        timings.Add(new StageTiming(stage.Name, clock.Elapsed, summary));
        observer.StageFinished(stage.Name, clock.Elapsed, summary);
        return result;
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
            observer.Warning($"{path}: had hand edits since the last run; kept as {kept} (the new {Path.GetFileName(path)} does not have them)");
        }

        return kept;
    }

    /// <summary>The editor's decisions on single edits that matched nothing in the stages that ran, reported as a warning.</summary>
    private IReadOnlyList<UnmatchedDecision> Unmatched(EditorDecisions decisions, IEnumerable<StageConfig> stagesRun, Book raw)
    {
        var blocks = raw.Blocks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var unmatched = decisions.Unmatched(stagesRun.Select(s => s.Name).ToHashSet(StringComparer.Ordinal), blocks.Contains);
        if (unmatched.Count > 0)
        {
            observer.Warning($"{unmatched.Count} review decision(s) in {config.Paths.Decisions} match no edit of this run; " +
                             $"they are listed in {ReviewOutput.UnmatchedFileName} beside the edit log and on the review page");
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
