using System.Text.Json.Serialization;
using Typeset.Edits;

namespace Typeset.Review;

public enum DecisionKind
{
    /// <summary>Apply this one edit (<see cref="ReviewDecision.EditId"/>) even when it is only a suggestion.</summary>
    Accept,

    /// <summary>Never apply this one edit.</summary>
    Reject,

    /// <summary>Apply every edit of <see cref="ReviewDecision.Rule"/>.</summary>
    AcceptRule,

    /// <summary>Apply no edit of <see cref="ReviewDecision.Rule"/>.</summary>
    RejectRule,

    /// <summary>Always make the change <see cref="ReviewDecision.Before"/> → <see cref="ReviewDecision.After"/>, wherever a rule proposes it.</summary>
    Always,

    /// <summary>Never make the change <see cref="ReviewDecision.Before"/> → <see cref="ReviewDecision.After"/>.</summary>
    Never,

    /// <summary>Add <see cref="ReviewDecision.Word"/> to the project dictionary (dictionaries/user-words.txt).</summary>
    AddWord,

    /// <summary>
    /// Take back an earlier decision (undo): on the edit (<see cref="ReviewDecision.EditId"/>), on a rule
    /// (<see cref="ReviewDecision.Rule"/>) or on a change (<see cref="ReviewDecision.Before"/>/<see cref="ReviewDecision.After"/>).
    /// The machine decides again there.
    /// </summary>
    Clear,

    /// <summary>
    /// Spell a name as <see cref="ReviewDecision.After"/> wherever the book has one of its other forms
    /// (<see cref="ReviewDecision.Before"/>, comma-separated): written to dictionaries/user-names.tsv, which the names stage reads.
    /// </summary>
    SpellName,
}

/// <summary>
/// One line of the decisions file (input/review-decisions.jsonl by default). A decision on one edit carries the edit's
/// <see cref="Anchor"/> (its content), so the next run finds the edit again even where its id changed; decisions written
/// before anchors existed carry the id alone. <see cref="Replaces"/> names the earlier decision on the same edit when
/// the edit's words had moved since (its anchor's id), so the older one is not reported as matching nothing.
/// </summary>
public sealed record ReviewDecision(
    DateTimeOffset At,
    DecisionKind Kind,
    string? EditId = null,
    string? Rule = null,
    string? Before = null,
    string? After = null,
    string? Word = null,
    EditAnchor? Anchor = null,
    string? Replaces = null)
{
    /// <summary>Null when the decision carries what its kind needs, else what is missing — checked before anything is written.</summary>
    [JsonIgnore]
    public string? Problem => Kind switch
    {
        DecisionKind.Accept or DecisionKind.Reject => string.IsNullOrWhiteSpace(EditId) ? "editId is required" : null,
        DecisionKind.AcceptRule or DecisionKind.RejectRule => string.IsNullOrWhiteSpace(Rule) ? "rule is required" : null,
        DecisionKind.Always or DecisionKind.Never => Before is null || After is null || Before == After
            ? "before and after are required and must differ"
            : null,
        DecisionKind.AddWord => UserWords.Problem(Word),
        DecisionKind.Clear => string.IsNullOrWhiteSpace(EditId) && string.IsNullOrWhiteSpace(Rule) && (Before is null || After is null)
            ? "editId, rule, or before and after are required"
            : null,
        DecisionKind.SpellName => UserNames.Problem(After, Before),
        _ => "unknown kind",
    };

    /// <summary>A decision on one edit (accept, reject, or taking one of those back).</summary>
    [JsonIgnore]
    public bool IsOnEdit => Kind is DecisionKind.Accept or DecisionKind.Reject || (Kind == DecisionKind.Clear && !string.IsNullOrWhiteSpace(EditId));
}
