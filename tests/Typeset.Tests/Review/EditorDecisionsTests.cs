using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Review;

namespace Typeset.Tests.Review;

public class EditorDecisionsTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static Edit Dehyphenation(string block = "b0001", int start = 10, double confidence = 0.98) =>
        new("dehyphenate", "dehyphenate.join", block, start, "го-\nсударственный", "государственный", confidence, "known word");

    private static EditorDecisions From(params ReviewDecision[] decisions) => new(decisions);

    [Fact]
    public void No_decisions_decide_nothing()
    {
        Assert.Null(EditorDecisions.None.Decide(Dehyphenation()));
    }

    [Fact]
    public void A_decision_on_an_edit_reaches_only_that_edit()
    {
        var edit = Dehyphenation();
        var decisions = From([new(At, DecisionKind.Reject, EditId: edit.Id)]);

        Assert.False(decisions.Decide(edit));
        Assert.Null(decisions.Decide(Dehyphenation(start: 11)));
    }

    [Fact]
    public void The_latest_decision_on_the_same_edit_wins()
    {
        var edit = Dehyphenation();

        Assert.True(From(new(At, DecisionKind.Reject, EditId: edit.Id), new(At, DecisionKind.Accept, EditId: edit.Id)).Decide(edit));
        Assert.False(From(new(At, DecisionKind.Accept, EditId: edit.Id), new(At, DecisionKind.Reject, EditId: edit.Id)).Decide(edit));
    }

    [Fact]
    public void A_rule_decision_reaches_every_edit_of_the_rule_and_no_other()
    {
        var decisions = From([new(At, DecisionKind.RejectRule, Rule: "dehyphenate.join")]);
        var other = new Edit("join", "join.page-break", "b0001", 5, "\n\n", " ", 0.97, "no full stop");

        Assert.False(decisions.Decide(Dehyphenation("b0001")));
        Assert.False(decisions.Decide(Dehyphenation("b0042")));
        Assert.Null(decisions.Decide(other));
    }

    [Fact]
    public void Always_and_never_match_the_change_wherever_the_line_broke()
    {
        var never = From([new(At, DecisionKind.Never, Before: "го- сударственный", After: "государственный")]);
        var always = From([new(At, DecisionKind.Always, Before: "го-\nсударственный", After: "государственный")]);

        Assert.False(never.Decide(Dehyphenation("b0007", 3)));
        Assert.True(always.Decide(Dehyphenation("b0099", 300)));
        Assert.Null(never.Decide(new Edit("dehyphenate", "dehyphenate.join", "b0001", 0, "от-\nказ", "отказ", 0.6, "unknown")));
        Assert.False(From([new(At, DecisionKind.Never, Before: "го-сударственный", After: "государственный")]).Decide(Dehyphenation()));
        Assert.Null(From([new(At, DecisionKind.Never, Before: "\n", After: " ")]).Decide(Dehyphenation()));
    }

    [Fact]
    public void The_most_specific_decision_wins_whatever_the_order()
    {
        var edit = Dehyphenation();
        var ruleThenEdit = From(new(At, DecisionKind.RejectRule, Rule: edit.Rule), new(At, DecisionKind.Accept, EditId: edit.Id));
        var editThenRule = From(new(At, DecisionKind.Accept, EditId: edit.Id), new(At, DecisionKind.RejectRule, Rule: edit.Rule));
        var changeOverRule = From(new(At, DecisionKind.Never, Before: edit.Before, After: edit.After), new(At, DecisionKind.AcceptRule, Rule: edit.Rule));

        Assert.True(ruleThenEdit.Decide(edit));
        Assert.True(editThenRule.Decide(edit));
        Assert.False(ruleThenEdit.Decide(Dehyphenation(start: 99)));
        Assert.False(changeOverRule.Decide(edit));
    }

    [Fact]
    public void The_applier_skips_rejected_edits_applies_accepted_suggestions_and_marks_rejections()
    {
        const string text = "Этот го-\nсударственный аппарат и отка-\nзлся от него.";
        var book = MarkdownReader.Read(text, new BookMeta("К"));
        var sure = new Edit("dehyphenate", "dehyphenate.join", "b0001", text.IndexOf("го-", StringComparison.Ordinal), "го-\nсударственный", "государственный", 0.98, "known");
        var unsure = new Edit("dehyphenate", "dehyphenate.join", "b0001", text.IndexOf("отка-", StringComparison.Ordinal), "отка-\nзлся", "отказлся", 0.6, "unknown");
        var decisions = From(new(At, DecisionKind.Reject, EditId: sure.Id), new(At, DecisionKind.Accept, EditId: unsure.Id));

        var (result, records) = EditApplier.Apply(book, [sure, unsure], 0.9, decisions);

        Assert.Equal("Этот го-\nсударственный аппарат и отказлся от него.", MarkdownWriter.Write(result).Trim());
        Assert.Equal([EditStatus.Rejected, EditStatus.Applied], records.Select(r => r.Status));
    }
}
