using System.Text.Json;
using Typeset.Edits;
using Typeset.Pipeline;

namespace Typeset.Review;

/// <summary>
/// The editor's decisions: a JSONL file (paths.decisions, default input/review-decisions.jsonl), one decision a line,
/// only ever appended. The one file Typeset writes under input/.
/// </summary>
public static class DecisionsFile
{
    /// <summary>The edit log's JSON conventions, and a line without "at" or "kind" is malformed, not a silent "accept".</summary>
    public static readonly JsonSerializerOptions Options = new(EditLogFile.Options) { RespectRequiredConstructorParameters = true };

    /// <summary>Appends one decision durably; throws <see cref="ArgumentException"/> for a decision missing what its kind needs.</summary>
    public static void Append(string path, ReviewDecision decision) => AppendAll(path, [decision]);

    /// <summary>Appends decisions in one write (a group's accept); throws <see cref="ArgumentException"/> before writing anything when one is malformed.</summary>
    public static void AppendAll(string path, IReadOnlyList<ReviewDecision> decisions)
    {
        foreach (var decision in decisions)
        {
            if (decision.Problem is { } problem)
            {
                throw new ArgumentException($"{decision.Kind}: {problem}", nameof(decisions));
            }
        }

        AppendOnlyLineFile.AppendLines(path, decisions.Select(d => JsonSerializer.Serialize(d, Options)).ToList(), tail => TryParse(tail, out _) is null);
    }

    /// <summary>
    /// All decisions in the order they were made; a missing file means none. A malformed line stops with a message naming
    /// the file and line — except an unterminated last line, which a crash mid-append can leave and which is ignored.
    /// </summary>
    public static IReadOnlyList<ReviewDecision> Read(string path)
    {
        IReadOnlyList<(string Text, bool Terminated)> lines;
        try
        {
            lines = AppendOnlyLineFile.ReadLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProcessingException($"{path}: cannot read the review decisions: {e.Message}", e);
        }

        var decisions = new List<ReviewDecision>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var (text, terminated) = lines[i];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (TryParse(text, out var decision) is { } problem)
            {
                if (!terminated)
                {
                    continue;
                }

                throw new ProcessingException($"{path}:{i + 1}: not a valid review decision: {problem}");
            }

            decisions.Add(decision!);
        }

        return decisions;
    }

    private static string? TryParse(string line, out ReviewDecision? decision)
    {
        decision = null;
        try
        {
            decision = JsonSerializer.Deserialize<ReviewDecision>(line, Options);
        }
        catch (JsonException e)
        {
            return e.Message;
        }

        return decision is null ? "null" : decision.Problem;
    }
}
