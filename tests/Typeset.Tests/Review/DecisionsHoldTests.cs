using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;
using Typeset.Review;
using Xunit.Abstractions;

namespace Typeset.Tests.Review;

/// <summary>
/// Decisions hold: made on one run, honoured on every later run while their text is still there, whatever other
/// decisions moved the text around them and in whatever order they were made. The property test draws random
/// accept/reject sets over the sample's real edits (every cleanup stage, in process); TYPESET_DECISION_SETS raises its
/// count (the issue's target is 1,000; ./test runs a few).
/// </summary>
public sealed class DecisionsHoldTests(ITestOutputHelper output) : IDisposable
{
    private readonly ReviewProject project = new("captions", "footnotes", "join", "dehyphenate", "names", "spelling", "typography");

    public void Dispose() => project.Dispose();

    private IReadOnlyList<EditRecord> Log() => EditLogFile.Read(project.Config.Paths.EditLog);

    private string Book() => File.ReadAllText(project.Config.Paths.BookMarkdown);

    /// <summary>A decision on an edit as the review server writes it: the edit's id and its anchor.</summary>
    private static ReviewDecision On(EditRecord edit, bool accept) =>
        new(DateTimeOffset.UnixEpoch, accept ? DecisionKind.Accept : DecisionKind.Reject, EditId: edit.Id, Anchor: edit.Anchor);

    private void WriteDecisions(IEnumerable<ReviewDecision> decisions)
    {
        File.Delete(project.Config.Paths.Decisions);
        DecisionsFile.AppendAll(project.Config.Paths.Decisions, decisions.ToList());
    }

    /// <summary>output/review/unmatched-decisions.jsonl as read back: each line a decision plus its "reason".</summary>
    internal static IReadOnlyList<UnmatchedDecision> UnmatchedOf(string reviewFolder) =>
        File.ReadLines(Path.Combine(reviewFolder, ReviewOutput.UnmatchedFileName))
            .Select(line => System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject())
            .Select(line =>
            {
                var reason = (string)line["reason"]!;
                line.Remove("reason");
                return new UnmatchedDecision(line.Deserialize<ReviewDecision>(DecisionsFile.Options)!, reason);
            })
            .ToList();

    [Fact]
    public void Rejecting_an_earlier_edit_of_a_block_keeps_the_decisions_on_its_later_edits()
    {
        project.Run();
        var log = Log();
        // The issue's case: the first edit of a block changes the text's length, so every later edit of the block moves.
        var first = log.First(r => r.Stage != "typography" && r.Before.Length != r.After.Length && r.JoinedBlock is null && r.Scope == EditScope.Text &&
                                   log.Count(o => o.Block == r.Block && o.Stage == "typography" && o.Start > r.Start) >= 2);
        var later = log.Where(r => r.Block == first.Block && r.Stage == "typography" && r.Start > first.Start).Take(2).ToList();
        WriteDecisions([On(first, accept: false), .. later.Select(r => On(r, accept: false))]);

        var summary = project.Run();

        var now = Log();
        Assert.Equal(0, summary.Unmatched);
        Assert.Equal(EditStatus.Rejected, now.Single(r => r.Rule == first.Rule && r.Before == first.Before && r.Block == first.Block).Status);
        Assert.Equal(3, summary.Rejected);
        Assert.Empty(File.ReadAllText(Path.Combine(project.Config.Paths.ReviewFolder, ReviewOutput.UnmatchedFileName)));
    }

    [Fact]
    public void A_decision_holds_whether_the_join_that_moves_its_block_is_applied_or_rejected()
    {
        // Found by the 1,000-set property test: an edit in the second block of a page-break join changes block with the
        // join's verdict, and with few words around it (the block's last words) its anchor was not trusted in another block.
        project.Run();
        var joins = Log().Where(r => r.JoinedBlock is not null && r.Status == EditStatus.Applied).ToList();
        WriteDecisions(joins.Select(j => On(j, accept: false)));
        project.Run();
        var unjoined = Log();
        var (join, moved) = joins
            .SelectMany(j => unjoined.Where(r => r.Block == j.JoinedBlock && r.Stage == "typography" && r.Scope == EditScope.Text &&
                                                 r.ContextBefore.Length + r.ContextAfter.Length + r.Before.Length < 24)
                .Select(r => (Join: j, Edit: r)))
            .First();

        // Decided with the join rejected; the join is then taken back (applied again): the edit now stands in the first block.
        WriteDecisions([On(moved, accept: false)]);
        var summary = project.Run();
        Assert.Equal(0, summary.Unmatched);
        var joined = Log().Single(r => r.Rule == moved.Rule && r.Before == moved.Before && r.ContextBefore == moved.ContextBefore &&
                                       r.ContextAfter == moved.ContextAfter && r.Block == join.Block);
        Assert.Equal(EditStatus.Rejected, joined.Status);

        // Decided with the join applied; the join is then rejected: the edit is back in the second block.
        WriteDecisions([On(join, accept: false), On(joined, accept: false)]);
        summary = project.Run();
        Assert.Equal(0, summary.Unmatched);
        Assert.Equal(EditStatus.Rejected, Log().Single(r => r.Id == moved.Id).Status);
    }

    [Fact]
    public void A_decisions_file_from_an_older_version_works_where_its_text_is_unchanged_and_the_rest_is_reported()
    {
        project.Run();
        var hyphenation = Log().Single(r => r.Before == "го-\nсударственный");
        WriteDecisions([
            new(DateTimeOffset.UnixEpoch, DecisionKind.Reject, EditId: hyphenation.ToEdit().LegacyId),
            new(DateTimeOffset.UnixEpoch, DecisionKind.Reject, EditId: "00000000deadbeef"),
        ]);

        var summary = project.Run();

        Assert.Contains("го-\nсударственный", Book());
        Assert.Equal(1, summary.Unmatched);
        var (decision, reason) = Assert.Single(UnmatchedOf(project.Config.Paths.ReviewFolder));
        Assert.Equal("00000000deadbeef", decision.EditId);
        Assert.Contains("older version", reason);
        Assert.Contains("00000000deadbeef", ReviewPage.Unpack(File.ReadAllText(Path.Combine(project.Config.Paths.ReviewFolder, "index.html")), "review-data"));
    }

    [Fact]
    public void A_decision_on_an_edit_whose_block_is_gone_is_reported_not_dropped()
    {
        project.Run();
        var log = Log();
        var last = log.Where(r => r.Scope == EditScope.Text && r.JoinedBlock is null).MaxBy(r => r.Block)!;
        WriteDecisions([On(last, accept: false)]);
        // The editor cut the book's end, from that block on, out of the input.
        var input = Directory.GetFiles(project.Config.Paths.Input, "*.md").Single();
        var text = File.ReadAllText(input);
        var block = Typeset.Markdown.MarkdownReader.Read(text, project.Config.Book).Blocks.Single(b => b.Id == last.Block);
        File.WriteAllText(input, text[..text.IndexOf(Typeset.Markdown.MarkdownWriter.SourceText(block)[..30], StringComparison.Ordinal)]);

        var summary = project.Run();

        Assert.Equal(1, summary.Unmatched);
        Assert.Contains($"block {last.Block} is no longer in the book", Assert.Single(UnmatchedOf(project.Config.Paths.ReviewFolder)).Reason);
    }

    /// <summary>The cleanup stages on the sample, in process, with these decisions: the final text, the edit log, what matched nothing.</summary>
    private (string Text, IReadOnlyList<EditRecord> Log, IReadOnlyList<UnmatchedDecision> Unmatched) Clean(Book raw, IReadOnlyList<ReviewDecision> decisions)
    {
        var decided = new EditorDecisions(decisions);
        using var context = new StageContext(project.Config, decided, new SilentObserver());
        var book = raw;
        foreach (var stage in project.Config.Stages)
        {
            context.Stage = stage;
            book = StageCatalog.Get(stage.Name).Create().Run(book, context);
        }

        var blocks = raw.Blocks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var unmatched = decided.Unmatched(project.Config.Stages.Select(st => st.Name).ToHashSet(StringComparer.Ordinal), blocks.Contains);
        return (MarkdownWriter.Write(book), context.EditLog, unmatched);
    }

    [Fact]
    public void Random_decision_sets_hold_on_every_rerun_in_any_order()
    {
        var sets = int.TryParse(Environment.GetEnvironmentVariable("TYPESET_DECISION_SETS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 10;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TYPESET_DECISION_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 20261206;
        // Each set draws from its own generator (seed, index), so a failing set is rerun alone: TYPESET_DECISION_ONLY=17,240.
        var only = Environment.GetEnvironmentVariable("TYPESET_DECISION_ONLY")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(i => int.Parse(i, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
        var raw = BookSource.Read(BookSource.FindMarkdown(project.Config.Paths.Input), project.Config.Book);
        var baseline = Clean(raw, []).Log;
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        int decided = 0, lost = 0, gone = 0;
        var random = new Random(seed);
        ReviewDecision Pick(EditRecord edit) => On(edit, random.Next(2) == 0);

        foreach (var set in only ?? Enumerable.Range(0, sets))
        {
            random = new Random(unchecked((seed * 1_000_003) + set));
            // Round one: a random share of the first run's edits, each accepted or rejected, in a random order.
            var share = random.NextDouble() * 0.5;
            var first = baseline.Where(_ => random.NextDouble() < share).Select(Pick).ToList();
            var (text, log, unmatched) = Clean(raw, first.OrderBy(_ => random.Next()).ToList());

            // The same decisions in another order, and a plain re-run: the same book, the same decisions unmatched.
            var (shuffled, _, unmatchedShuffled) = Clean(raw, first.OrderBy(_ => random.Next()).ToList());
            Assert.Equal(text, shuffled);
            Assert.Equal(unmatched.Select(u => u.Key).Order(), unmatchedShuffled.Select(u => u.Key).Order());

            // Round two: decisions made on that run's page (its ids), the first round's still in the file. An edit a first-round
            // decision reached under another id may be decided again: the server then names the decision it replaces.
            var reached = new EditorDecisions(first).Match(log.Select(r => r.ToEdit()).ToList());
            var fresh = log.Select((r, i) => (Edit: r, Reached: reached[i]))
                .Where(_ => random.NextDouble() < share / 2)
                .Select(p => Pick(p.Edit) with { Replaces = p.Reached is { } old && old.Key != p.Edit.Id ? old.Key : null })
                .ToList();
            // Each round in any order; the second round was made after the first (a decision can only replace an earlier one).
            var all = first.Concat(fresh).ToList();
            List<ReviewDecision> Shuffled() => [.. first.OrderBy(_ => random.Next()), .. fresh.OrderBy(_ => random.Next())];
            var (finalText, finalLog, finalUnmatched) = Clean(raw, Shuffled());
            Assert.Equal(finalText, Clean(raw, Shuffled()).Text);

            decided += all.Count;
            foreach (var (decision, reason) in finalUnmatched)
            {
                // Lost: its edit is still proposed (same rule and change between the same two words) and yet unmatched.
                var anchor = decision.Anchor!;
                var stillThere = finalLog.Any(r => r.Rule == anchor.Rule && r.Before == anchor.Before && r.After == anchor.After &&
                                                   LastWord(r.ContextBefore) == LastWord(anchor.ContextBefore) &&
                                                   FirstWord(r.ContextAfter) == FirstWord(anchor.ContextAfter));
                if (stillThere)
                {
                    lost++;
                }
                else
                {
                    gone++;
                }

                output.WriteLine($"set {set}: {(stillThere ? "LOST" : "text gone")}: {decision.Kind} {anchor.Rule} «{anchor.ContextBefore}|{anchor.Before}→{anchor.After}|{anchor.ContextAfter}» ({reason})");
            }

            // Every decision that matched is honoured: a rejected edit is not applied, an accepted one is (or conflicts).
            var verdicts = new EditorDecisions(Shuffled()).DecideAll(finalLog.Select(r => r.ToEdit()).ToList());
            for (var i = 0; i < finalLog.Count; i++)
            {
                if (verdicts[i] is { } verdict)
                {
                    Assert.Contains(finalLog[i].Status, verdict ? new[] { EditStatus.Applied, EditStatus.Conflict } : [EditStatus.Rejected]);
                }
            }
        }

        output.WriteLine($"{only?.Count ?? sets} decision sets (seed {seed}), {decided} decisions over two rounds: {gone} matched no edit because their text was gone, {lost} lost; " +
                         $"{clock.Elapsed.TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU");
        Assert.Equal(0, lost);
    }

    private static string LastWord(string context) => context.TrimEnd().Split(' ')[^1];

    private static string FirstWord(string context) => context.TrimStart().Split(' ')[0];
}
