using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Ocr;

/// <summary>
/// The <c>ocr</c> stage: recognises the scans in paths.scans into the raw book the cleanup stages consume. Figures go
/// to output/images/, per-page sidecars and the cache to output/work/ocr/, and the raw Markdown to
/// output/work/ocr/raw.md. Failed pages are reported and fail the run once the other pages are done.
/// </summary>
public sealed class OcrStage : IStage
{
    public const string StageName = OcrBook.StageName;

    public string Name => StageName;

    public Book Run(Book book, StageContext context)
    {
        var paths = context.Config.Paths;
        var scans = ScanInputs.FolderOf(paths) ?? paths.ScanFolder;
        if (!ScanInputs.HasScans(scans))
        {
            throw new UsageException($"{scans}: no scans (PNG, JPEG, TIFF or PDF) to recognise; set paths.scans in {Path.GetFileName(context.Config.ConfigPath)}");
        }

        var folders = new OcrFolders(paths.Output, Path.Combine(paths.Output, "images"), paths.OcrWorkFolder, Path.Combine(paths.ReviewFolder, "scans"));
        var outcome = OcrBook.Recognize([scans], OcrSettings.FromStage(context.Stage), folders, context.Config.Book, context.Decisions,
            message => context.Observer.Progress(StageName, message));
        context.Log(outcome.Edits);
        foreach (var warning in outcome.Warnings)
        {
            context.Warn(new BookWarning(null, WarningKind.Input, $"{warning.File} (page {warning.Page}): {warning.Message}"));
        }

        if (outcome.Failures.Count > 0 && outcome.Pages == 0)
        {
            // Nothing was read: the cleanup stages would only see an empty book.
            throw new ProcessingException($"no page could be read:\n  " + string.Join("\n  ", outcome.Failures));
        }

        foreach (var failure in outcome.Failures)
        {
            context.Fail(failure.ToString());
        }

        OcrBook.WriteMarkdown(outcome.Book, paths.Output, Path.Combine(paths.OcrWorkFolder, "raw.md"));
        context.ResourceFolder = paths.Output;
        context.Report($"{outcome.Pages} pages ({outcome.FromCache} cached), {outcome.Figures} figures, " +
                       $"{outcome.Edits.Count} running heads/folios dropped" + (outcome.Failures.Count > 0 ? $", {outcome.Failures.Count} failed" : string.Empty));
        return outcome.Book;
    }
}
