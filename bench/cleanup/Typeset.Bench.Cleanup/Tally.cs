namespace Typeset.Bench.Cleanup;

public sealed class ClassCounts
{
    public int Errors;
    public int Fixed;
    public int Partly;
    public int Invented;
    public int Broken;
    public int SuggestedRight;
    public int SuggestedWrong;
}

/// <summary>
/// What cleanup did to the marks of a raw text, compared in truth coordinates: a raw mark with no cleaned mark over its
/// span is fixed; one whose text cleanup changed into another wrong text no nearer the truth is an invented word; a
/// cleaned mark where the raw text was right is a correct word (or break) broken. Suggestions are judged the same way
/// between the cleaned text and the text with every proposed edit applied.
/// </summary>
public sealed class Tally
{
    private readonly Dictionary<string, ClassCounts> counts = [];

    public List<string> Broken { get; } = [];

    public List<string> Invented { get; } = [];

    public List<string> WrongSuggestions { get; } = [];

    public List<string> Missed { get; } = [];

    public ClassCounts Of(string kind) => counts.TryGetValue(kind, out var c) ? c : counts[kind] = new ClassCounts();

    public ClassCounts Total => new()
    {
        Errors = counts.Values.Sum(c => c.Errors),
        Fixed = counts.Values.Sum(c => c.Fixed),
        Partly = counts.Values.Sum(c => c.Partly),
        Invented = counts.Values.Sum(c => c.Invented),
        Broken = counts.Values.Sum(c => c.Broken),
        SuggestedRight = counts.Values.Sum(c => c.SuggestedRight),
        SuggestedWrong = counts.Values.Sum(c => c.SuggestedWrong),
    };

    public void AddErrors(IEnumerable<Mark> marks)
    {
        foreach (var mark in marks)
        {
            Of(mark.Kind).Errors++;
        }
    }

    public void AddCleanup(List<Mark> raw, List<Mark> clean, string book = "")
    {
        foreach (var (mark, outcome, now) in Compare(raw, clean))
        {
            var counts = Of(mark.Kind);
            switch (outcome)
            {
                case Outcome.Fixed: counts.Errors++; counts.Fixed++; break;
                case Outcome.Partly: counts.Errors++; counts.Partly++; break;
                case Outcome.Changed:
                    counts.Errors++;
                    counts.Invented++;
                    Invented.Add($"{book}: {mark.Truth} — OCR {mark.Output} → {now} ({mark.Kind})");
                    break;
                case Outcome.Left: counts.Errors++; Missed.Add($"{mark.Kind}\t{mark.Truth}\t{mark.Output}"); break;
                case Outcome.New:
                    counts.Broken++;
                    Broken.Add($"{book}: {mark.Truth} → {mark.Output} ({mark.Kind})");
                    break;
            }
        }
    }

    public void AddSuggestions(List<Mark> clean, List<Mark> applyAll, string book = "")
    {
        foreach (var (mark, outcome, now) in Compare(clean, applyAll))
        {
            switch (outcome)
            {
                case Outcome.Fixed: Of(mark.Kind).SuggestedRight++; break;
                case Outcome.Changed:
                case Outcome.New:
                    Of(mark.Kind).SuggestedWrong++;
                    WrongSuggestions.Add(outcome == Outcome.New ? $"{book}: {mark.Truth} → {mark.Output} ({mark.Kind})" : $"{book}: {mark.Truth} — {mark.Output} → {now}");
                    break;
            }
        }
    }

    private enum Outcome
    {
        Fixed,
        Partly,
        Changed,
        Left,
        New,
    }

    /// <summary>
    /// Each earlier mark with what became of it in the later text (fixed: no later mark on its tokens or at its
    /// insertion point), then each later mark on tokens the earlier text had right (new).
    /// </summary>
    private static IEnumerable<(Mark Mark, Outcome Outcome, string Now)> Compare(List<Mark> earlier, List<Mark> later)
    {
        var layoutBefore = earlier.Count(m => m.Stream == "layout");
        var layoutAfter = later.Count(m => m.Stream == "layout");
        foreach (var mark in earlier.Where(m => m.Stream == "layout").Take(Math.Max(0, layoutBefore - layoutAfter)))
        {
            yield return (mark, Outcome.Fixed, string.Empty);
        }

        foreach (var mark in earlier.Where(m => m.Stream == "layout").Skip(Math.Max(0, layoutBefore - layoutAfter)))
        {
            yield return (mark, Outcome.Left, string.Empty);
        }

        foreach (var mark in later.Where(m => m.Stream == "layout").Skip(layoutBefore))
        {
            yield return (mark, Outcome.New, string.Empty);
        }

        var before = new Marks(earlier);
        var after = new Marks(later);
        foreach (var mark in earlier.Where(m => m.Stream != "layout"))
        {
            var over = after.Over(mark);
            if (over.Count == 0)
            {
                yield return (mark, Outcome.Fixed, string.Empty);
                continue;
            }

            var was = string.Join(" ", before.Over(mark).Select(m => m.Output));
            var now = string.Join(" ", over.Select(m => m.Output));
            if (now == was)
            {
                yield return (mark, Outcome.Left, now);
            }
            else if (Scorer.Levenshtein(now, mark.Truth) < Scorer.Levenshtein(was, mark.Truth))
            {
                yield return (mark, Outcome.Partly, now);
            }
            else
            {
                yield return (mark, Outcome.Changed, now);
            }
        }

        foreach (var mark in later.Where(m => m.Stream != "layout" && before.Over(m).Count == 0))
        {
            yield return (mark, Outcome.New, string.Empty);
        }
    }

    /// <summary>A text's marks by stream, to find those on a span: sharing a token, or an insertion at the same point or inside.</summary>
    private sealed class Marks(List<Mark> marks)
    {
        private readonly Dictionary<string, List<Mark>> byStream = marks.GroupBy(m => m.Stream).ToDictionary(g => g.Key, g => g.OrderBy(m => m.Start).ToList());

        public List<Mark> Over(Mark span) =>
            byStream.TryGetValue(span.Stream, out var list)
                ? list.Where(m => span.IsInsertion
                    ? m.IsInsertion ? m.Start == span.Start : m.Start < span.Start && span.Start < m.End
                    : m.IsInsertion ? span.Start < m.Start && m.Start < span.End : m.Start < span.End && span.Start < m.End).ToList()
                : [];
    }
}
