using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Typeset.Edits;

namespace Typeset.Review;

/// <summary>
/// The editor's decisions as the applier sees them. The most specific decision wins, and among equally specific ones
/// the latest: a decision on the edit itself, then an "always"/"never" pair matching its change, then a decision on
/// its rule. So "reject all of rule R" followed by "accept this one edit of R" applies that edit and no other.
/// <para>
/// A decision on one edit finds its edit by content: by id first (the same rule, change, words around it and
/// occurrence), then — when another decision changed the words around it, or the block was renumbered — by its anchor:
/// the edit of the same rule and change whose surrounding words are closest. A decision written before anchors existed
/// still finds its edit by the old offset-based id while the text before it is unchanged. Decisions that find nothing
/// are listed by <see cref="Unmatched"/>, never dropped silently.
/// </para>
/// </summary>
public sealed partial class EditorDecisions : IEditDecisions
{
    /// <summary>Share of the surrounding words that must agree for a moved edit in the same block to be the decided one.</summary>
    private const double SameBlockSimilarity = 0.5;

    /// <summary>The same in another block (the block was renumbered or joined): the words must agree more.</summary>
    private const double OtherBlockSimilarity = 0.75;

    private readonly List<DecidedEdit> decided = [];
    private readonly Dictionary<string, DecidedEdit> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Rule, string Before, string After), List<DecidedEdit>> byChangeOfRule = [];
    private readonly Dictionary<(string Before, string After), bool> byChange = [];
    private readonly Dictionary<string, bool> byRule = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<DecidedEdit, byte> matched = new(ReferenceEqualityComparer.Instance);

    // Blocks a join of this run proposes to merge, by their first block: whether the editor applies or rejects the join,
    // an edit of the second block's text is still the same edit (it only changes block). Filled as joins are seen.
    private readonly Dictionary<string, string> joinedInto = new(StringComparer.Ordinal);

    public EditorDecisions(IEnumerable<ReviewDecision> decisions)
    {
        var order = 0;
        foreach (var decision in decisions)
        {
            order++;
            switch (decision.Kind)
            {
                case DecisionKind.Accept or DecisionKind.Reject or DecisionKind.Clear when decision.IsOnEdit:
                    var key = decision.Anchor?.Id ?? decision.EditId!;
                    if (decision.Replaces is { } replaced && replaced != key && byKey.Remove(replaced, out var old))
                    {
                        // Decided again on a run where the edit's words had moved: the new anchor takes over.
                        decided.Remove(old);
                    }

                    bool? verdict = decision.Kind == DecisionKind.Clear ? null : decision.Kind == DecisionKind.Accept;
                    if (byKey.Remove(key, out var earlier))
                    {
                        decided.Remove(earlier);
                    }

                    var target = new DecidedEdit(key, decision.Anchor ?? earlier?.Anchor, verdict, decision, order);
                    decided.Add(target);
                    byKey[key] = target;
                    break;
                case DecisionKind.AcceptRule or DecisionKind.RejectRule when decision.Rule is { } rule:
                    byRule[rule] = decision.Kind == DecisionKind.AcceptRule;
                    break;
                case DecisionKind.Clear when decision.Rule is { } rule:
                    byRule.Remove(rule);
                    break;
                case DecisionKind.Always or DecisionKind.Never when decision.Before is { } before && decision.After is { } after:
                    byChange[(Normalize(before), Normalize(after))] = decision.Kind == DecisionKind.Always;
                    break;
                case DecisionKind.Clear when decision.Before is { } before && decision.After is { } after:
                    byChange.Remove((Normalize(before), Normalize(after)));
                    break;
            }
        }

        foreach (var target in decided.Where(t => t.Anchor is not null))
        {
            var change = (target.Anchor!.Rule, target.Anchor.Before, target.Anchor.After);
            if (!byChangeOfRule.TryGetValue(change, out var list))
            {
                byChangeOfRule[change] = list = [];
            }

            list.Add(target);
        }
    }

    public static readonly EditorDecisions None = new([]);

    /// <summary>The decisions file at <paramref name="path"/>; a missing file decides nothing.</summary>
    public static EditorDecisions Load(string path) => new(DecisionsFile.Read(path));

    public bool IsEmpty => decided.Count + byChange.Count + byRule.Count == 0;

    /// <summary>Every edit the editor decided (or took a decision back on), one entry per edit, latest decision last.</summary>
    public IReadOnlyList<DecidedEdit> Decided => decided;

    public bool? Decide(Edit edit) => DecideAll([edit])[0];

    public IReadOnlyList<bool?> DecideAll(IReadOnlyList<Edit> edits)
    {
        var targets = Match(edits);
        var verdicts = new bool?[edits.Count];
        for (var i = 0; i < edits.Count; i++)
        {
            verdicts[i] = targets[i]?.Verdict ?? ByChangeOrRule(edits[i]);
        }

        return verdicts;
    }

    private bool? ByChangeOrRule(Edit edit)
    {
        if (byChange.Count > 0 && byChange.TryGetValue((Normalize(edit.Before), Normalize(edit.After)), out var onChange))
        {
            return onChange;
        }

        return byRule.TryGetValue(edit.Rule, out var onRule) ? onRule : null;
    }

    /// <summary>
    /// For each edit, the editor's decision on that very edit, or null. Each decision reaches at most one edit and each
    /// edit at most one decision: by id, then by the old offset-based id, then by anchor, best agreement first.
    /// </summary>
    public IReadOnlyList<DecidedEdit?> Match(IReadOnlyList<Edit> edits)
    {
        var result = new DecidedEdit?[edits.Count];
        if (decided.Count == 0)
        {
            return result;
        }

        RememberJoins(edits);
        var taken = new HashSet<DecidedEdit>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < edits.Count; i++)
        {
            if (byKey.TryGetValue(edits[i].Id, out var target) && taken.Add(target))
            {
                result[i] = target;
            }
        }

        // Old offset-based ids are only worth hashing when an old decision (an id without anchor) is still waiting.
        if (decided.Any(d => d.Anchor is null && !taken.Contains(d)))
        {
            for (var i = 0; i < edits.Count; i++)
            {
                if (result[i] is null && byKey.TryGetValue(edits[i].LegacyId, out var target) && target.Anchor is null && taken.Add(target))
                {
                    result[i] = target;
                }
            }
        }

        if (byChangeOfRule.Count > 0)
        {
            MatchMoved(edits, result, taken);
        }

        foreach (var target in result)
        {
            if (target is not null)
            {
                matched.TryAdd(target, 0);
            }
        }

        return result;
    }

    /// <summary>Joins proposed in this run (applied or not): their blocks count as one when a moved edit is looked for.</summary>
    private void RememberJoins(IReadOnlyList<Edit> edits)
    {
        lock (joinedInto)
        {
            foreach (var edit in edits)
            {
                if (edit.JoinedBlockId is { } joined)
                {
                    var (first, second) = (JoinRoot(edit.BlockId), JoinRoot(joined));
                    if (first != second)
                    {
                        joinedInto[second] = first;
                    }
                }
            }
        }
    }

    private string JoinRoot(string block)
    {
        while (joinedInto.TryGetValue(block, out var into))
        {
            block = into;
        }

        return block;
    }

    /// <summary>The same block, or two blocks a join of this run may make one (the anchor was taken with the join applied, the run rejects it, or the other way round).</summary>
    private bool SameText(string anchorBlock, string editBlock)
    {
        if (anchorBlock == editBlock)
        {
            return true;
        }

        lock (joinedInto)
        {
            return joinedInto.Count > 0 && JoinRoot(anchorBlock) == JoinRoot(editBlock);
        }
    }

    /// <summary>Decisions whose edit's id changed: the candidate of the same rule and change with the closest words, greedily.</summary>
    private void MatchMoved(IReadOnlyList<Edit> edits, DecidedEdit?[] result, HashSet<DecidedEdit> taken)
    {
        var pairs = new List<(double Score, DecidedEdit Target, int Edit)>();
        for (var i = 0; i < edits.Count; i++)
        {
            var edit = edits[i];
            if (result[i] is not null || !byChangeOfRule.TryGetValue((edit.Rule, edit.Before, edit.After), out var candidates))
            {
                continue;
            }

            foreach (var target in candidates)
            {
                if (!taken.Contains(target) && Score(target.Anchor!, edit, SameText(target.Anchor!.Block, edit.BlockId)) is { } score)
                {
                    pairs.Add((score, target, i));
                }
            }
        }

        // Best agreement first, ties broken by key and position: the same outcome whatever the order of the decisions file.
        foreach (var (_, target, i) in pairs.OrderByDescending(p => p.Score).ThenBy(p => p.Target.Key, StringComparer.Ordinal).ThenBy(p => p.Edit))
        {
            if (result[i] is null && !taken.Contains(target))
            {
                result[i] = target;
                taken.Add(target);
            }
        }
    }

    /// <summary>How well an anchor fits a candidate edit of the same rule and change; null when it does not.</summary>
    internal static double? Score(EditAnchor anchor, Edit edit, bool sameText)
    {
        var similarity = (SideSimilarity(Fold(anchor.ContextBefore), Fold(edit.ContextBefore), before: true) +
                          SideSimilarity(Fold(anchor.ContextAfter), Fold(edit.ContextAfter), before: false)) / 2;
        if (sameText)
        {
            return similarity >= SameBlockSimilarity ? 1 + similarity - 0.001 * Math.Min(100, Math.Abs(anchor.Occurrence - edit.Occurrence)) : null;
        }

        // In another block only with words enough to tell it apart: a short change with no context could be anywhere.
        var evidence = anchor.ContextBefore.Length + anchor.ContextAfter.Length + anchor.Before.Length;
        return similarity >= OtherBlockSimilarity && evidence >= 24 ? similarity : null;
    }

    /// <summary>
    /// How well one side's words agree. A context cut short by the edge of its block (a rejected join leaves the edit at
    /// the start of the second paragraph) is compared only as far as it goes, outward from the change: what it has must
    /// agree, what it lacks says nothing (an empty one counts half).
    /// </summary>
    private static double SideSimilarity(string anchor, string edit, bool before)
    {
        if (!CutByEdge(anchor) && !CutByEdge(edit))
        {
            return Similarity(anchor, edit);
        }

        var length = Math.Min(anchor.Length, edit.Length);
        if (length == 0)
        {
            return anchor.Length == edit.Length ? 1 : 0.5;
        }

        return before ? Similarity(anchor[^length..], edit[^length..]) : Similarity(anchor[..length], edit[..length]);
    }

    /// <summary>Fewer words than an anchor takes, and not for length: the block ended there.</summary>
    private static bool CutByEdge(string context) =>
        context.Length < EditAnchors.MaxContextChars && context.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < EditAnchors.ContextWords;

    /// <summary>
    /// Context as compared: what typography changes around an edit (quotes, dashes, ё written as е, no-break spaces
    /// already collapsed) says nothing about where the edit is.
    /// </summary>
    internal static string Fold(string context)
    {
        if (context.AsSpan().IndexOfAny(Folded) < 0)
        {
            return context;
        }

        return string.Create(context.Length, context, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = text[i] switch
                {
                    '«' or '»' or '„' or '“' or '”' or '‘' or '’' or '\'' => '"',
                    '‐' or '‑' or '‒' or '–' or '—' or '―' or '−' => '-',
                    'ё' => 'е',
                    'Ё' => 'Е',
                    var c => c,
                };
            }
        });
    }

    private static readonly System.Buffers.SearchValues<char> Folded = System.Buffers.SearchValues.Create("«»„“”‘’'‐‑‒–—―−ёЁ");

    /// <summary>1 − edit distance / length: 1 for equal strings, 0 for nothing in common.</summary>
    internal static double Similarity(string a, string b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        if (a == b)
        {
            return 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return 1 - (double)previous[b.Length] / Math.Max(a.Length, b.Length);
    }

    /// <summary>
    /// The decisions on single edits that reached no edit of this run (taken-back ones excepted), with why. Decisions
    /// on rules of stages that did not run (<paramref name="stagesRun"/>) wait for a run that has them.
    /// </summary>
    public IReadOnlyList<UnmatchedDecision> Unmatched(IReadOnlySet<string> stagesRun, Func<string, bool> blockExists)
    {
        var unmatched = new List<UnmatchedDecision>();
        foreach (var target in decided)
        {
            if (target.Verdict is null || matched.ContainsKey(target))
            {
                continue;
            }

            if (target.Anchor is not { } anchor)
            {
                unmatched.Add(new UnmatchedDecision(target.Latest,
                    "written by an older version of Typeset (an id without its words), and no edit of this run has that id: decide the edit again")
                {
                    Key = target.Key,
                });
                continue;
            }

            if (!stagesRun.Contains(StageOf(anchor.Rule)))
            {
                continue;
            }

            unmatched.Add(new UnmatchedDecision(target.Latest, blockExists(anchor.Block)
                ? $"no edit of {anchor.Rule} changes \"{anchor.Before}\" to \"{anchor.After}\" near \"{anchor.ContextBefore} … {anchor.ContextAfter}\" in this run: the text there changed"
                : $"block {anchor.Block} is no longer in the book") { Key = target.Key });
        }

        return unmatched;
    }

    /// <summary>A rule id starts with its stage's name: <c>typography.dash</c>.</summary>
    public static string StageOf(string rule)
    {
        var dot = rule.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rule : rule[..dot];
    }

    /// <summary>
    /// "Never change го-↵сударственный to государственный" must match wherever the line break fell, and as the editor
    /// types it in one line: every run of white space counts as one space, and none after a hyphen.
    /// </summary>
    internal static string Normalize(string text) => WhiteSpace().Replace(text, m => m.Value.StartsWith('-') ? "-" : " ");

    [GeneratedRegex(@"-\s+|\s+")]
    private static partial Regex WhiteSpace();
}

/// <summary>
/// One edit the editor decided: every decision naming the same edit folds into this one, the latest wins.
/// <see cref="Key"/> is the anchor's id (or, for an old decision, the edit id it named); <see cref="Verdict"/> is null
/// when the decision was taken back.
/// </summary>
public sealed record DecidedEdit(string Key, EditAnchor? Anchor, bool? Verdict, ReviewDecision Latest, int Order);

/// <summary>A decision that reached no edit in a run, and why; <see cref="Key"/> is what a "clear" names to take it back.</summary>
public sealed record UnmatchedDecision(ReviewDecision Decision, string Reason)
{
    public string? Key { get; init; }
}
