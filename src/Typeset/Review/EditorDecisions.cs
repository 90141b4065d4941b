using System.Text.RegularExpressions;
using Typeset.Edits;

namespace Typeset.Review;

/// <summary>
/// The editor's decisions as the applier sees them. The most specific decision wins, and among equally specific ones
/// the latest: a decision on the edit itself, then an "always"/"never" pair matching its change, then a decision on
/// its rule. So "reject all of rule R" followed by "accept this one edit of R" applies that edit and no other.
/// </summary>
public sealed partial class EditorDecisions : IEditDecisions
{
    private readonly Dictionary<string, bool> byEdit = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Before, string After), bool> byChange = [];
    private readonly Dictionary<string, bool> byRule = new(StringComparer.Ordinal);

    public EditorDecisions(IEnumerable<ReviewDecision> decisions)
    {
        foreach (var decision in decisions)
        {
            switch (decision.Kind)
            {
                case DecisionKind.Accept or DecisionKind.Reject when decision.EditId is { } id:
                    byEdit[id] = decision.Kind == DecisionKind.Accept;
                    break;
                case DecisionKind.AcceptRule or DecisionKind.RejectRule when decision.Rule is { } rule:
                    byRule[rule] = decision.Kind == DecisionKind.AcceptRule;
                    break;
                case DecisionKind.Always or DecisionKind.Never when decision.Before is { } before && decision.After is { } after:
                    byChange[(Normalize(before), Normalize(after))] = decision.Kind == DecisionKind.Always;
                    break;
            }
        }
    }

    public static readonly EditorDecisions None = new([]);

    /// <summary>The decisions file at <paramref name="path"/>; a missing file decides nothing.</summary>
    public static EditorDecisions Load(string path) => new(DecisionsFile.Read(path));

    public bool IsEmpty => byEdit.Count + byChange.Count + byRule.Count == 0;

    public bool? Decide(Edit edit)
    {
        if (byEdit.TryGetValue(edit.Id, out var onEdit))
        {
            return onEdit;
        }

        if (byChange.Count > 0 && byChange.TryGetValue((Normalize(edit.Before), Normalize(edit.After)), out var onChange))
        {
            return onChange;
        }

        return byRule.TryGetValue(edit.Rule, out var onRule) ? onRule : null;
    }

    /// <summary>
    /// "Never change го-↵сударственный to государственный" must match wherever the line break fell, and as the editor
    /// types it in one line: every run of white space counts as one space, and none after a hyphen.
    /// </summary>
    internal static string Normalize(string text) => WhiteSpace().Replace(text, m => m.Value.StartsWith('-') ? "-" : " ");

    [GeneratedRegex(@"-\s+|\s+")]
    private static partial Regex WhiteSpace();
}
