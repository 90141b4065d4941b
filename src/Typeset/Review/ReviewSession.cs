using Typeset.Edits;

namespace Typeset.Review;

/// <summary>
/// What the review server knows: the run's edits (output/review/edits.jsonl) and the editor's decisions so far.
/// Records decisions — the decisions file, and the project dictionaries for added words and chosen name spellings,
/// are the only files it writes. A decision that would change nothing is not written again, and one made on a view
/// that another tab has since changed is refused, so two tabs never record contradicting decisions unseen.
/// </summary>
public sealed class ReviewSession
{
    private readonly Lock gate = new();
    private readonly string editLogPath;
    private readonly List<ReviewDecision> decisions;
    private EditorDecisions current;
    private EditLogSnapshot log;

    public ReviewSession(string editLogPath, string decisionsPath, string dictionariesFolder)
    {
        this.editLogPath = editLogPath;
        DecisionsPath = decisionsPath;
        UserWordsPath = UserWords.PathIn(dictionariesFolder);
        UserNamesPath = UserNames.PathIn(dictionariesFolder);
        log = EditLogSnapshot.Read(editLogPath);
        decisions = DecisionsFile.Read(decisionsPath).ToList();
        current = new EditorDecisions(decisions);
    }

    public string DecisionsPath { get; }

    public string UserWordsPath { get; }

    public string UserNamesPath { get; }

    public int EditCount => Log().Edits.Count;

    /// <summary>Which run's edits are served (<see cref="ReviewDataBuilder.RunStamp"/>): a page from another run offers to reload.</summary>
    public string RunStamp => Log().Stamp;

    /// <summary>The edit log, read again when a run rewrote it while the server was up (the page is re-read per request too).</summary>
    private EditLogSnapshot Log()
    {
        lock (gate)
        {
            if (File.Exists(editLogPath) && File.GetLastWriteTimeUtc(editLogPath) != log.WrittenAt)
            {
                log = EditLogSnapshot.Read(editLogPath);
            }

            return log;
        }
    }

    private sealed record EditLogSnapshot(DateTime WrittenAt, IReadOnlyList<Edit> Edits, Dictionary<string, int> IndexById, string Stamp)
    {
        public static EditLogSnapshot Read(string path)
        {
            var writtenAt = File.GetLastWriteTimeUtc(path);
            var records = EditLogFile.Read(path);
            var edits = records.Select(r => r.ToEdit()).ToList();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < edits.Count; i++)
            {
                index.TryAdd(edits[i].Id, i);
            }

            return new EditLogSnapshot(writtenAt, edits, index, ReviewDataBuilder.RunStamp(records));
        }
    }

    /// <summary>Edit id → true (will be applied) or false (will not), for every edit the editor's decisions reach.</summary>
    public IReadOnlyDictionary<string, bool> Verdicts()
    {
        var edits = Log().Edits;
        EditorDecisions snapshot;
        lock (gate)
        {
            snapshot = current;
        }

        return VerdictsOf(edits, snapshot.DecideAll(edits));
    }

    private static Dictionary<string, bool> VerdictsOf(IReadOnlyList<Edit> edits, IReadOnlyList<bool?> verdicts)
    {
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < edits.Count; i++)
        {
            if (verdicts[i] is { } verdict)
            {
                result[edits[i].Id] = verdict;
            }
        }

        return result;
    }

    /// <summary>Records one decision and returns null, or returns why it was refused.</summary>
    public string? Record(ReviewDecision decision) => Record([new DecisionToRecord(decision, null)]).Problem;

    /// <summary>
    /// Records decisions together (one write; a group's accept is many lines). Each may say which verdict the page showed
    /// (<see cref="DecisionToRecord.Seen"/>): one whose edit was decided otherwise since (in another tab) is not
    /// recorded but returned among the conflicts. A decision that changes nothing is not written again. A malformed
    /// decision, or one naming an edit this run does not have, refuses the whole set. Durable when this returns.
    /// </summary>
    public RecordOutcome Record(IReadOnlyList<DecisionToRecord> requests)
    {
        var snapshot = Log();
        lock (gate)
        {
            var verdicts = current.DecideAll(snapshot.Edits);
            var targets = current.Match(snapshot.Edits);
            var toWrite = new List<ReviewDecision>();
            var conflicts = new List<string>();
            foreach (var (request, seen) in requests)
            {
                if (request.Problem is { } problem)
                {
                    return new RecordOutcome(problem, [], 0);
                }

                var decision = request;
                if (request.IsOnEdit)
                {
                    if (!snapshot.IndexById.TryGetValue(request.EditId!, out var index))
                    {
                        // Taking back a decision that matches nothing in this run (listed as such on the page) is allowed.
                        if (request.Kind == DecisionKind.Clear && current.Decided.Any(d => d.Key == request.EditId && d.Verdict is not null))
                        {
                            toWrite.Add(request with { Anchor = null, Replaces = null });
                            continue;
                        }

                        return new RecordOutcome($"no edit {request.EditId} in this run's edit log", [], 0);
                    }

                    var edit = snapshot.Edits[index];
                    var target = targets[index];
                    bool? wanted = request.Kind == DecisionKind.Clear ? null : request.Kind == DecisionKind.Accept;
                    if (wanted is null ? target?.Verdict is null : target?.Verdict == wanted)
                    {
                        continue; // already so: never recorded twice
                    }

                    if (seen is not null && seen != Shown(verdicts[index]))
                    {
                        conflicts.Add(edit.Id);
                        continue;
                    }

                    decision = request with
                    {
                        EditId = edit.Id,
                        Anchor = edit.Anchor,
                        Replaces = target is not null && target.Key != edit.Id ? target.Key : null,
                    };
                }
                else if (IsAlreadySo(request))
                {
                    continue;
                }

                toWrite.Add(decision);
            }

            foreach (var decision in toWrite)
            {
                if (decision.Kind == DecisionKind.AddWord)
                {
                    UserWords.Add(UserWordsPath, decision.Word!);
                }
                else if (decision.Kind == DecisionKind.SpellName)
                {
                    UserNames.Add(UserNamesPath, decision.After!, decision.Before!);
                }
            }

            if (toWrite.Count > 0)
            {
                DecisionsFile.AppendAll(DecisionsPath, toWrite);
                decisions.AddRange(toWrite);
                current = new EditorDecisions(decisions);
            }

            return new RecordOutcome(null, conflicts, toWrite.Count);
        }
    }

    /// <summary>The verdict as the page names it: "accept", "reject" or "" (the machine's).</summary>
    public static string Shown(bool? verdict) => verdict switch
    {
        true => "accept",
        false => "reject",
        null => string.Empty,
    };

    /// <summary>A rule, change or word decision that the latest decision of its kind already says.</summary>
    private bool IsAlreadySo(ReviewDecision request)
    {
        if (request.Kind == DecisionKind.AddWord)
        {
            return UserWords.Read(UserWordsPath).Contains(request.Word!.Normalize(System.Text.NormalizationForm.FormC), StringComparer.Ordinal);
        }

        if (request.Kind == DecisionKind.SpellName)
        {
            // The latest choice for a name wins in user-names.tsv: the same choice again changes nothing.
            return decisions.LastOrDefault(d => d.Kind == DecisionKind.SpellName && UserNames.Forms(d.Before!).Append(d.After!).Intersect(UserNames.Forms(request.Before!)).Any())
                is { } last && last.After == request.After;
        }

        var latest = decisions.LastOrDefault(d => d.Kind is not (DecisionKind.AddWord or DecisionKind.SpellName) && !d.IsOnEdit &&
                                                  (request.Rule is not null
                                                      ? d.Rule == request.Rule
                                                      : d.Before is not null && d.After is not null && request.Before is not null && request.After is not null &&
                                                        EditorDecisions.Normalize(d.Before) == EditorDecisions.Normalize(request.Before) &&
                                                        EditorDecisions.Normalize(d.After) == EditorDecisions.Normalize(request.After)));
        return latest is not null ? latest.Kind == request.Kind : request.Kind == DecisionKind.Clear;
    }
}

/// <summary>A decision as the page sends it, with the verdict the page showed for its edit when it was made (null: not said).</summary>
public sealed record DecisionToRecord(ReviewDecision Decision, string? Seen);

/// <summary>
/// What recording decisions did: <see cref="Problem"/> when all were refused, else the edits decided elsewhere
/// meanwhile (<see cref="Conflicts"/>, not recorded) and how many lines were written.
/// </summary>
public sealed record RecordOutcome(string? Problem, IReadOnlyList<string> Conflicts, int Written);
