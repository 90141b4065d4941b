using DiffPlex;
using DiffPlex.Chunkers;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Review;

/// <summary>What the review page shows, embedded in it as JSON (so it works from file:// too).</summary>
public sealed record ReviewData(
    string Title,
    IReadOnlyList<ReviewEdit> Edits,
    IReadOnlyList<ReviewBlock> Blocks,
    IReadOnlyDictionary<string, string> Scans,
    IReadOnlyList<UnmatchedDecision> Unmatched);

/// <summary>
/// An edit record, the paragraph of the page it is shown under (<see cref="ReviewBlock.Id"/>), and the editor's current
/// verdict on it (true accepted, false rejected, null undecided).
/// </summary>
public sealed record ReviewEdit(EditRecord Record, string Group, bool? Verdict);

/// <summary>
/// One paragraph of the final book that edits touched, with the raw OCR text it came from (the block and the blocks
/// joined into it) as word-level diff segments: each starts with <c>=</c> (both sides), <c>-</c> (raw only) or
/// <c>+</c> (final only). <see cref="Crops"/> are the scan boxes of its source blocks, when known.
/// </summary>
public sealed record ReviewBlock(string Id, int? Page, IReadOnlyList<string> Segments, IReadOnlyList<ReviewCrop> Crops);

public sealed record ReviewCrop(int Page, int X, int Y, int Width, int Height);

public static class ReviewDataBuilder
{
    // Words, with the spaces (no-break ones too: typography swaps them), line breaks and punctuation between them as
    // separate pieces, so a changed space highlights only the space.
    private static readonly DelimiterChunker WordChunker =
        new([' ', '\u00A0', '\u202F', '\n', '\t', ',', '.', ';', ':', '!', '?', '(', ')', '«', '»', '"', '—', '–']);

    public static ReviewData Build(string title, Book raw, Book final, IReadOnlyList<EditRecord> log, IEditDecisions decisions, ScanImages? scans,
        IReadOnlyList<UnmatchedDecision>? unmatched = null)
    {
        var mergedInto = log.Where(r => r.Status == EditStatus.Applied && r.JoinedBlock is not null)
            .ToDictionary(r => r.JoinedBlock!, r => r.Block, StringComparer.Ordinal);

        // An edit inside a quotation, list, table or note names its text part: review shows the whole top-level block.
        var topLevel = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var book in new[] { raw, final })
        {
            foreach (var part in BookWalk.TextParts(book))
            {
                topLevel.TryAdd(part.Id, book.Blocks[part.TopLevel].Id);
            }
        }

        string Resolve(string id)
        {
            id = topLevel.GetValueOrDefault(id, id);
            while (mergedInto.TryGetValue(id, out var target))
            {
                id = target;
            }

            return id;
        }

        var touched = log.Select(r => Resolve(r.Block)).ToHashSet(StringComparer.Ordinal);
        var members = raw.Blocks.Where(b => touched.Contains(Resolve(b.Id)))
            .GroupBy(b => Resolve(b.Id), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var finalById = final.Blocks.ToDictionary(b => b.Id, StringComparer.Ordinal);

        var blocks = new List<ReviewBlock>();
        foreach (var block in raw.Blocks)
        {
            if (!members.TryGetValue(block.Id, out var sources))
            {
                continue;
            }

            var rawText = string.Join("\n\n", sources.Select(ReviewText));
            var finalText = finalById.TryGetValue(block.Id, out var result) ? ReviewText(result) : string.Empty;
            var crops = sources.Where(s => s.Source?.Box is not null)
                .Select(s => new ReviewCrop(s.Source!.Page, s.Source.Box!.X, s.Source.Box.Y, s.Source.Box.Width, s.Source.Box.Height))
                .ToList();
            blocks.Add(new ReviewBlock(block.Id, block.Source?.Page, WordDiff(rawText, finalText), crops));
        }

        var verdicts = decisions.DecideAll(log.Select(r => r.ToEdit()).ToList());
        var edits = log.Select((r, i) => new ReviewEdit(r, Resolve(r.Block), verdicts[i])).ToList();
        var scanUrls = (scans?.All() ?? new Dictionary<int, string>())
            .ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => "scans/" + Uri.EscapeDataString(p.Value));
        return new ReviewData(title, edits, blocks, scanUrls, unmatched ?? []);
    }

    /// <summary>A block's text for the side-by-side view: its own text, or the Markdown of a container (a list, a table, a note).</summary>
    private static string ReviewText(Block block)
    {
        var own = MarkdownWriter.SourceText(block);
        return own.Length > 0 || (block is not Table && !BookWalk.Children(block).Any()) ? own : MarkdownWriter.WriteBlock(block);
    }

    /// <summary>Word-level diff segments (DiffPlex), adjacent pieces of the same kind merged.</summary>
    public static IReadOnlyList<string> WordDiff(string before, string after)
    {
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        var currentKind = '=';
        void Add(char kind, string text)
        {
            if (text.Length == 0)
            {
                return;
            }

            if (current.Length > 0 && kind != currentKind)
            {
                segments.Add(currentKind + current.ToString());
                current.Clear();
            }

            currentKind = kind;
            current.Append(text);
        }

        if (before == after)
        {
            return before.Length == 0 ? [] : ["=" + before];
        }

        var diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, WordChunker);
        var a = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++)
            {
                Add('=', diff.PiecesOld[a]);
            }

            for (var d = 0; d < block.DeleteCountA; d++)
            {
                Add('-', diff.PiecesOld[block.DeleteStartA + d]);
            }

            for (var n = 0; n < block.InsertCountB; n++)
            {
                Add('+', diff.PiecesNew[block.InsertStartB + n]);
            }

            a = block.DeleteStartA + block.DeleteCountA;
        }

        for (; a < diff.PiecesOld.Count; a++)
        {
            Add('=', diff.PiecesOld[a]);
        }

        if (current.Length > 0)
        {
            segments.Add(currentKind + current.ToString());
        }

        return segments;
    }
}
