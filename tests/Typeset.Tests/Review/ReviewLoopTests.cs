using Typeset.Edits;
using Typeset.Pipeline;
using Typeset.Review;

namespace Typeset.Tests.Review;

/// <summary>Decisions made in review, honoured by the next run of the real pipeline on the sample.</summary>
public class ReviewLoopTests : IDisposable
{
    private const string Hyphenated = "го-\nсударственный";

    private readonly ReviewProject project = new("join", "dehyphenate", "spelling");

    public void Dispose() => project.Dispose();

    private EditRecord EditOf(string before) => EditLogFile.Read(project.Config.Paths.EditLog).Single(r => r.Before == before);

    private void Decide(ReviewDecision decision) => DecisionsFile.Append(project.Config.Paths.Decisions, decision);

    private string BookMarkdown => File.ReadAllText(project.Config.Paths.BookMarkdown);

    [Fact]
    public void A_run_writes_the_diff_and_the_page_beside_the_edit_log()
    {
        project.Run();

        var review = project.Config.Paths.ReviewFolder;
        var diff = File.ReadAllText(Path.Combine(review, "changes.diff"));
        Assert.StartsWith("--- raw/book\n+++ final/book\n@@ ", diff);
        Assert.Matches(new System.Text.RegularExpressions.Regex("^-.* го-$", System.Text.RegularExpressions.RegexOptions.Multiline), diff);
        Assert.Matches(new System.Text.RegularExpressions.Regex("^\\+.* государственный ", System.Text.RegularExpressions.RegexOptions.Multiline), diff);
        var page = ReviewPage.Unpack(File.ReadAllText(Path.Combine(review, "index.html")), "review-data");
        Assert.Contains(EditOf(Hyphenated).Id, page);
        Assert.False(File.Exists(project.Config.Paths.Decisions), "a run never writes the decisions file");
    }

    [Fact]
    public void A_rejected_edit_is_not_applied_and_counted_as_rejected_by_the_editor()
    {
        project.Run();
        Decide(new(DateTimeOffset.UtcNow, DecisionKind.Reject, EditId: EditOf(Hyphenated).Id));

        var summary = project.Run();

        Assert.Contains(Hyphenated, BookMarkdown);
        Assert.Equal(EditStatus.Rejected, EditOf(Hyphenated).Status);
        Assert.Equal(1, summary.Rejected);
    }

    [Fact]
    public void An_accepted_suggestion_is_applied()
    {
        var first = project.Run();
        var suggestion = EditLogFile.Read(project.Config.Paths.EditLog).First(r => r.Status == EditStatus.Suggested);
        Assert.DoesNotContain(suggestion.After, BookMarkdown);
        Decide(new(DateTimeOffset.UtcNow, DecisionKind.Accept, EditId: suggestion.Id));

        var second = project.Run();

        Assert.Contains(suggestion.After, BookMarkdown);
        Assert.Equal(EditStatus.Applied, EditLogFile.Read(project.Config.Paths.EditLog).Single(r => r.Id == suggestion.Id).Status);
        Assert.Equal((first.Applied + 1, first.Suggested - 1), (second.Applied, second.Suggested));
    }

    [Fact]
    public void A_never_pair_is_not_applied_again_and_rejecting_a_rule_reaches_all_its_edits()
    {
        project.Run();
        Decide(new(DateTimeOffset.UtcNow, DecisionKind.Never, Before: "го- сударственный", After: "государственный"));
        project.Run();
        Assert.Contains(Hyphenated, BookMarkdown);

        Decide(new(DateTimeOffset.UtcNow, DecisionKind.RejectRule, Rule: "join.page-break"));
        var summary = project.Run();

        var log = EditLogFile.Read(project.Config.Paths.EditLog);
        Assert.All(log.Where(r => r.Rule == "join.page-break"), r => Assert.Equal(EditStatus.Rejected, r.Status));
        Assert.Equal(log.Count(r => r.Rule == "join.page-break") + 1, summary.Rejected);
    }

    [Fact]
    public void A_word_added_to_the_dictionary_is_no_longer_flagged()
    {
        project.Run();
        var flagged = EditLogFile.Read(project.Config.Paths.EditLog).First(r => r.Rule == "spelling.ocr-confusion" && r.Status == EditStatus.Suggested);
        UserWords.Add(UserWords.PathIn(project.Config.Paths.Dictionaries), flagged.Before);

        project.Run();

        Assert.DoesNotContain(EditLogFile.Read(project.Config.Paths.EditLog), r => r.Before == flagged.Before && r.Stage == "spelling");
    }

    [Fact]
    public void A_malformed_decisions_file_stops_the_run_naming_file_and_line()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(project.Config.Paths.Decisions)!);
        File.WriteAllText(project.Config.Paths.Decisions, "{\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"reject\",\"editId\":\"a\"}\n{oops}\n");

        var error = Assert.Throws<ProcessingException>(project.Run);

        Assert.StartsWith($"{project.Config.Paths.Decisions}:2: ", error.Message);
    }

    [Fact]
    public void A_torn_last_decision_is_ignored()
    {
        project.Run();
        Decide(new(DateTimeOffset.UtcNow, DecisionKind.Reject, EditId: EditOf(Hyphenated).Id));
        File.AppendAllText(project.Config.Paths.Decisions, "{\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"acc");

        var summary = project.Run();

        Assert.Equal(1, summary.Rejected);
    }
}
