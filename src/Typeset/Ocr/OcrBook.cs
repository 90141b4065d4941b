using System.Text.Json;
using Typeset.Edits;
using Typeset.IO;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Ocr;

/// <summary>The OCR of a set of scans: the raw book, the running heads and folios dropped (as edit records), the pages that failed.</summary>
public sealed record OcrOutcome(Book Book, IReadOnlyList<EditRecord> Edits, IReadOnlyList<PageFailure> Failures, int Pages, int FromCache, int Figures)
{
    /// <summary>Pages read that an editor should look at (no text, low confidence, not page-shaped…), one line each.</summary>
    public IReadOnlyList<PageFailure> Warnings { get; init; } = [];
}

/// <summary>
/// Scans → raw book. Running heads and folios never enter the text: each removal is logged as an applied edit of
/// stage "ocr" (rule <c>ocr.running-head</c> / <c>ocr.folio</c>) on the page's marker block, so review shows it; when
/// the editor rejects one, the next run keeps that line as a paragraph at its place on the page.
/// </summary>
public static class OcrBook
{
    public const string StageName = "ocr";

    public static OcrOutcome Recognize(IReadOnlyList<string> inputs, OcrSettings settings, OcrFolders folders, BookMeta meta, IEditDecisions decisions,
        Action<string>? progress = null)
    {
        var recognition = PageRecognizer.Recognize(inputs, settings, folders, progress);
        var analyses = PageLayout.Analyse(recognition.Pages);
        var blocks = new List<Block>();
        var records = new List<EditRecord>();
        var footnotes = 0;
        var regionWarnings = new List<PageFailure>();
        foreach (var page in analyses)
        {
            var markerId = PageMarkerId(page.Page.Number);
            var edits = page.Dropped.ToDictionary(d => d, d => new Edit(StageName, d.Rule, markerId, 0, d.Text, string.Empty, d.Confidence, d.Reason));
            bool Keep(DroppedLine line) => decisions.Decide(edits[line]) == false;
            blocks.AddRange(PageLayout.Blocks(page, Keep, ref footnotes, reason => regionWarnings.Add(new PageFailure(page.Page.Number, page.Page.File, reason))));
            records.AddRange(page.Dropped.Select(d =>
            {
                var edit = edits[d];
                var status = Keep(d) ? EditStatus.Rejected : EditStatus.Applied;
                return new EditRecord(edit.Id, StageName, d.Rule, markerId, d.Page, 0, d.Text, string.Empty, Math.Round(d.Confidence, 3), d.Reason, status, null);
            }));
            WriteSidecar(folders.WorkFolder, page);
        }

        return new OcrOutcome(new Book(meta, blocks.ToValueList()), records, recognition.Failures, recognition.Pages.Count, recognition.FromCache,
            recognition.Pages.Sum(p => p.Figures.Count))
        {
            Warnings = recognition.Pages.SelectMany(p => (p.Warnings ?? []).Select(w => new PageFailure(p.Number, p.File, w))).Concat(regionWarnings).ToList(),
        };
    }

    /// <summary>The id the page's marker gets (its first block), as the Markdown reader assigns it.</summary>
    public static string PageMarkerId(int page) => BlockIds.OnPage(page, 1);

    /// <summary>Writes the raw OCR Markdown; figure paths, relative to <paramref name="resourceFolder"/>, are rewritten relative to the file.</summary>
    public static void WriteMarkdown(Book book, string resourceFolder, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var rebased = book.WithBlocks(book.Blocks.Select(b => b is Figure { ImagePath.Length: > 0 } f
            ? f with { ImagePath = Path.GetRelativePath(folder, Path.Combine(resourceFolder, f.ImagePath)).Replace('\\', '/') }
            : b));
        AtomicFile.WriteAllText(path, MarkdownWriter.Write(rebased));
    }

    /// <summary>work/ocr/page-NNNN.json: every word with its confidence and box, for cleanup and review.</summary>
    private static void WriteSidecar(string workFolder, PageAnalysis page)
    {
        var p = page.Page;
        var sidecar = new
        {
            page = p.Number,
            file = p.File,
            dpi = p.Dpi,
            orientation = p.Orientation,
            deskewAngle = p.DeskewAngle,
            preparation = p.Preparation,
            steps = p.Steps,
            warnings = p.Warnings,
            width = p.Recognized.Width,
            height = p.Recognized.Height,
            dropped = page.Dropped.Select(d => new { rule = d.Rule, text = d.Text, box = d.Box }),
            figures = p.Figures.Select(f => new { box = f.Box, image = f.ImagePath }),
            blocks = p.Recognized.Blocks.Select(b => new
            {
                kind = b.Kind,
                box = b.Box,
                lines = b.Lines.Select(l => new
                {
                    box = l.Box,
                    baseline = l.Baseline,
                    words = l.Words.Select(w => new
                    {
                        text = w.Text,
                        confidence = Math.Round(w.Confidence, 1),
                        box = w.Box,
                        alternatives = w.Alternatives?.Select(a => new
                        {
                            at = a.At,
                            chosen = a.Chosen,
                            others = a.Others.Select(o => new { text = o.Text, confidence = Math.Round(o.Confidence, 1) }),
                        }),
                    }),
                }),
            }),
        };
        var path = Path.Combine(workFolder, $"page-{p.Number:0000}.json");
        var json = JsonSerializer.Serialize(sidecar, PageCache.Json);
        // A cached re-run of a long book would otherwise spend its time syncing identical files to disk.
        if (!File.Exists(path) || File.ReadAllText(path) != json)
        {
            AtomicFile.WriteAllText(path, json);
        }
    }
}
