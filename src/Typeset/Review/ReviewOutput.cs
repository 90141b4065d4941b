using Typeset.Configuration;
using Typeset.Edits;
using Typeset.IO;
using Typeset.Model;

namespace Typeset.Review;

/// <summary>Writes output/review/changes.diff and output/review/index.html after the cleanup stages (edits.jsonl is the runner's).</summary>
public static class ReviewOutput
{
    public const string PageFileName = "index.html";
    public const string DiffFileName = "changes.diff";

    public static IReadOnlyList<string> Write(ProjectPaths paths, Book raw, Book final, IReadOnlyList<EditRecord> log, IEditDecisions decisions)
    {
        var diffPath = Path.Combine(paths.ReviewFolder, DiffFileName);
        var pagePath = Path.Combine(paths.ReviewFolder, PageFileName);
        AtomicFile.WriteAllText(diffPath, ChangesDiff.Write(raw, final));
        var data = ReviewDataBuilder.Build(final.Meta.Title, raw, final, log, decisions, new ScanImages(paths.Output));
        AtomicFile.WriteAllText(pagePath, ReviewPage.Render(data));
        return [diffPath, pagePath];
    }
}
