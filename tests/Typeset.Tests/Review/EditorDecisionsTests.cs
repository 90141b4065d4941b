using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Review;

namespace Typeset.Tests.Review;

public class EditorDecisionsTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static Edit Dehyphenation(string block = "b0001", int start = 10, double confidence = 0.98, string before = "Этот", string after = "аппарат") =>
        new("dehyphenate", "dehyphenate.join", block, start, "го-\nсударственный", "государственный", confidence, "known word")
        {
            ContextBefore = before + " ", ContextAfter = " " + after,
        };

    private static ReviewDecision On(Edit edit, DecisionKind kind) => new(At, kind, EditId: edit.Id, Anchor: edit.Anchor);

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
        Assert.Null(decisions.Decide(Dehyphenation(before: "Другой", after: "орган")));
        Assert.Null(decisions.Decide(Dehyphenation(block: "b0002", before: "Другой", after: "орган")));
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
        Assert.False(ruleThenEdit.Decide(Dehyphenation(before: "Другой", after: "орган")));
        Assert.False(changeOverRule.Decide(edit));
    }

    [Fact]
    public void The_applier_skips_rejected_edits_applies_accepted_suggestions_and_marks_rejections()
    {
        const string text = "Этот го-\nсударственный аппарат и отка-\nзлся от него.";
        var book = MarkdownReader.Read(text, new BookMeta("К"));
        var proposed = EditAnchors.Attach(book, [
            new Edit("dehyphenate", "dehyphenate.join", "b0001", text.IndexOf("го-", StringComparison.Ordinal), "го-\nсударственный", "государственный", 0.98, "known"),
            new Edit("dehyphenate", "dehyphenate.join", "b0001", text.IndexOf("отка-", StringComparison.Ordinal), "отка-\nзлся", "отказлся", 0.6, "unknown")]);
        var (sure, unsure) = (proposed[0], proposed[1]);
        var decisions = From(new(At, DecisionKind.Reject, EditId: sure.Id), new(At, DecisionKind.Accept, EditId: unsure.Id));

        var (result, records) = EditApplier.Apply(book, [sure, unsure], 0.9, decisions);

        Assert.Equal("Этот го-\nсударственный аппарат и отказлся от него.", MarkdownWriter.Write(result).Trim());
        Assert.Equal([EditStatus.Rejected, EditStatus.Applied], records.Select(r => r.Status));
    }

    [Fact]
    public void A_decision_finds_its_edit_again_when_another_decision_changed_the_words_around_it()
    {
        var decided = Dehyphenation(before: "Этот гоминдановский", after: "аппарат работал");
        var moved = Dehyphenation(start: 12, before: "Этот гоминьдановский", after: "аппарат работал");
        var other = Dehyphenation(start: 90, before: "Совсем другой", after: "орган власти");
        var decisions = From(On(decided, DecisionKind.Reject));

        Assert.NotEqual(decided.Id, moved.Id);
        Assert.Equal([null, false], decisions.DecideAll([other, moved]));
    }

    [Fact]
    public void A_decision_finds_its_edit_in_a_renumbered_block_by_its_words()
    {
        var decided = Dehyphenation(block: "b0037", before: "Мукден был центром", after: "аппарата провинции Фэнтянь");
        var renumbered = decided with { BlockId = "b0038" };
        var elsewhere = Dehyphenation(block: "b0090", before: "в совсем другом", after: "органе");

        Assert.Equal([false, null], From(On(decided, DecisionKind.Reject)).DecideAll([renumbered, elsewhere]));
    }

    [Fact]
    public void Two_identical_changes_in_one_block_keep_their_own_decisions()
    {
        var first = Dehyphenation(start: 5) with { Occurrence = 0 };
        var second = Dehyphenation(start: 50) with { Occurrence = 1 };
        var decisions = From(On(first, DecisionKind.Accept), On(second, DecisionKind.Reject));

        Assert.Equal([true, false], decisions.DecideAll([first, second]));
        Assert.Equal([false, true], decisions.DecideAll([second with { Occurrence = 1 }, first with { Occurrence = 0 }]));
    }

    [Fact]
    public void A_decision_reaches_at_most_one_edit_and_an_edit_at_most_one_decision()
    {
        var decided = Dehyphenation(before: "Этот гоминдановский", after: "аппарат");
        var twin1 = Dehyphenation(start: 1, before: "Этот гоминьдановский", after: "аппарат") with { Occurrence = 0 };
        var twin2 = Dehyphenation(start: 2, before: "Этот гоминьдановский", after: "аппарат") with { Occurrence = 1 };

        Assert.Single(From(On(decided, DecisionKind.Reject)).DecideAll([twin1, twin2]), v => v == false);
    }

    [Fact]
    public void A_decision_from_before_anchors_still_finds_its_edit_by_the_old_id()
    {
        var edit = Dehyphenation();
        var old = From(new ReviewDecision(At, DecisionKind.Reject, EditId: edit.LegacyId));

        Assert.False(old.Decide(edit));
        Assert.Empty(old.Unmatched(new HashSet<string> { "dehyphenate" }, _ => true));
    }

    [Fact]
    public void Decisions_that_match_nothing_are_reported_with_why_and_taken_back_ones_are_not()
    {
        var gone = Dehyphenation(block: "b0040");
        var changed = Dehyphenation(block: "b0041", before: "Здесь стояли старые слова", after: "и другие слова до правки");
        var taken = Dehyphenation(block: "b0042", before: "Ещё", after: "одно");
        var otherStage = new Edit("typography", "typography.dash", "b0001", 3, " -", "\u00A0—", 0.95, "dash") { ContextBefore = "раз", ContextAfter = " два" };
        var decisions = From(
            On(gone, DecisionKind.Reject), On(changed, DecisionKind.Accept), On(taken, DecisionKind.Reject), On(otherStage, DecisionKind.Reject),
            new(At, DecisionKind.Clear, EditId: taken.Id, Anchor: taken.Anchor),
            new(At, DecisionKind.Reject, EditId: "0123456789abcdef"));

        decisions.DecideAll([Dehyphenation(block: "b0041", before: "Теперь тут совсем иной текст", after: "после того как его переписали")]);
        var unmatched = decisions.Unmatched(new HashSet<string> { "dehyphenate" }, block => block != "b0040");

        Assert.Equal(3, unmatched.Count);
        Assert.Contains("block b0040 is no longer in the book", unmatched[0].Reason);
        Assert.Contains("the text there changed", unmatched[1].Reason);
        Assert.Contains("older version", unmatched[2].Reason);
    }

    [Fact]
    public void A_decision_made_again_on_a_moved_edit_replaces_the_earlier_one()
    {
        var first = Dehyphenation(before: "Этот гоминдановский", after: "аппарат");
        var moved = Dehyphenation(before: "Этот гоминьдановский", after: "аппарат");
        var decisions = From(
            On(first, DecisionKind.Reject),
            new(At, DecisionKind.Accept, EditId: moved.Id, Anchor: moved.Anchor, Replaces: first.Id));

        Assert.True(decisions.Decide(moved));
        Assert.Empty(decisions.Unmatched(new HashSet<string> { "dehyphenate" }, _ => true));
    }
}
