using Typeset.Edits;

namespace Typeset.Review;

/// <summary>
/// What the review server knows: the run's edits (output/review/edits.jsonl) and the editor's decisions so far.
/// Records decisions — the decisions file, and the project dictionary for added words, are the only files it writes.
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
        log = EditLogSnapshot.Read(editLogPath);
        decisions = DecisionsFile.Read(decisionsPath).ToList();
        current = new EditorDecisions(decisions);
    }

    public string DecisionsPath { get; }

    public string UserWordsPath { get; }

    public int EditCount => Log().Edits.Count;

    /// <summary>The edit log, read again when a run rewrote it while the server was up (the page is re-read per request too).</summary>
    private EditLogSnapshot Log()
    {
        lock (gate)
        {
            if (File.GetLastWriteTimeUtc(editLogPath) != log.WrittenAt && File.Exists(editLogPath))
            {
                log = EditLogSnapshot.Read(editLogPath);
            }

            return log;
        }
    }

    private sealed record EditLogSnapshot(DateTime WrittenAt, IReadOnlyList<Edit> Edits, HashSet<string> Ids)
    {
        public static EditLogSnapshot Read(string path)
        {
            var writtenAt = File.GetLastWriteTimeUtc(path);
            var edits = EditLogFile.Read(path).Select(ReviewDataBuilder.ToEdit).ToList();
            return new EditLogSnapshot(writtenAt, edits, edits.Select(e => e.Id).ToHashSet(StringComparer.Ordinal));
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

        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var edit in edits)
        {
            if (snapshot.Decide(edit) is { } verdict)
            {
                verdicts[edit.Id] = verdict;
            }
        }

        return verdicts;
    }

    /// <summary>
    /// Records one decision and returns null, or returns why it was refused.
    /// Durable when this returns: the line is on disk before the in-memory view changes.
    /// </summary>
    public string? Record(ReviewDecision decision)
    {
        if (decision.Problem is { } problem)
        {
            return problem;
        }

        if (decision.EditId is { } id && decision.Kind is DecisionKind.Accept or DecisionKind.Reject && !Log().Ids.Contains(id))
        {
            return $"no edit {id} in this run's edit log";
        }

        lock (gate)
        {
            if (decision.Kind == DecisionKind.AddWord)
            {
                UserWords.Add(UserWordsPath, decision.Word!);
            }

            DecisionsFile.Append(DecisionsPath, decision);
            decisions.Add(decision);
            current = new EditorDecisions(decisions);
        }

        return null;
    }
}
