using System.Text.Json.Serialization;

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
}

/// <summary>One line of the decisions file (input/review-decisions.jsonl by default).</summary>
public sealed record ReviewDecision(
    DateTimeOffset At,
    DecisionKind Kind,
    string? EditId = null,
    string? Rule = null,
    string? Before = null,
    string? After = null,
    string? Word = null)
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
        _ => "unknown kind",
    };
}
