using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Typeset.Configuration;
using Typeset.Edits;
using Typeset.IO;
using Typeset.Model;

namespace Typeset.Review;

/// <summary>
/// Writes output/review/changes.diff, output/review/index.html and output/review/unmatched-decisions.jsonl after the
/// cleanup stages (edits.jsonl is the runner's).
/// </summary>
public static class ReviewOutput
{
    public const string PageFileName = "index.html";
    public const string DiffFileName = "changes.diff";
    public const string UnmatchedFileName = "unmatched-decisions.jsonl";

    public static IReadOnlyList<string> Write(ProjectPaths paths, Book raw, Book final, IReadOnlyList<EditRecord> log, IEditDecisions decisions,
        IReadOnlyList<UnmatchedDecision>? unmatched = null)
    {
        var diffPath = Path.Combine(paths.ReviewFolder, DiffFileName);
        var pagePath = Path.Combine(paths.ReviewFolder, PageFileName);
        AtomicFile.WriteAllText(diffPath, ChangesDiff.Write(raw, final));
        var data = ReviewDataBuilder.Build(final.Meta.Title, raw, final, log, decisions, new ScanImages(paths.Output), unmatched ?? [], new ScanWords(paths.OcrWorkFolder));
        AtomicFile.WriteAllText(pagePath, ReviewPage.Render(data));
        var unmatchedPath = WriteUnmatched(Path.Combine(paths.ReviewFolder, UnmatchedFileName), unmatched ?? []);
        return [diffPath, pagePath, unmatchedPath];
    }

    /// <summary>Where <c>typeset clean</c> lists unmatched decisions: beside its edit log.</summary>
    public static string UnmatchedPathBeside(string editLog) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(editLog))!, UnmatchedFileName);

    /// <summary>One line per decision that matched nothing: the decision as the decisions file has it, plus "reason". Empty when none.</summary>
    public static string WriteUnmatched(string path, IReadOnlyList<UnmatchedDecision> unmatched)
    {
        var builder = new StringBuilder();
        foreach (var unmatchedDecision in unmatched)
        {
            var line = JsonSerializer.SerializeToNode(unmatchedDecision.Decision, DecisionsFile.Options)!.AsObject();
            line["reason"] = unmatchedDecision.Reason;
            builder.Append(line.ToJsonString(DecisionsFile.Options)).Append('\n');
        }

        AtomicFile.WriteAllText(path, builder.ToString());
        return path;
    }
}
