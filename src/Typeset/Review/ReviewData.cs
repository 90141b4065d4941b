using DiffPlex;
using DiffPlex.Chunkers;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Review;

/// <summary>
/// What the review page shows, embedded in it as JSON (so it works from file:// too): the edits with their triage,
/// crops and verdicts, the touched paragraphs, the name clusters, the scans, and the decisions that matched nothing.
/// <see cref="Run"/> identifies the run (its edits and their statuses), so a page can tell it is older than the server's.
/// </summary>
public sealed record ReviewData(
    string Title,
    string Run,
    IReadOnlyList<ReviewEdit> Edits,
    IReadOnlyList<ReviewBlock> Blocks,
    IReadOnlyList<NameCluster> Clusters,
    IReadOnlyDictionary<string, string> Scans,
    IReadOnlyList<UnmatchedDecision> Unmatched)
{
    /// <summary>Below this confidence an applied content change counts among what "needs" the editor.</summary>
    public double LowConfidence => ReviewTriage.LowConfidence;
}

/// <summary>
/// An edit record, the paragraph of the page it is shown under (<see cref="ReviewBlock.Id"/>), the editor's current
/// verdict on it (true accepted, false rejected, null undecided), and how the page presents it.
/// </summary>
public sealed record ReviewEdit(EditRecord Record, string Group, bool? Verdict)
{
    public EditImpact Impact { get; init; }

    public ReviewTier Tier { get; init; }

    /// <summary>"Always/never make this change" is offered: a rule could make the same change elsewhere.</summary>
    public bool Repeats { get; init; }

    /// <summary>The word "add to the dictionary" offers, or null (no such button on a space or a paragraph join).</summary>
    public string? Word { get; init; }

    /// <summary>Index into <see cref="ReviewData.Clusters"/> for an edit of a name cluster.</summary>
    public int? Cluster { get; init; }

    /// <summary>The scan around the edit's words, when the book came from scans and the words were found.</summary>
    public WordCrop? Crop { get; init; }

    /// <summary>The key of the editor's decision on this very edit, when one reached it (for "replaces" in downloads).</summary>
    public string? DecisionKey { get; init; }
}

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
        IReadOnlyList<UnmatchedDecision>? unmatched = null, ScanWords? words = null)
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

        var asEdits = log.Select(r => r.ToEdit()).ToList();
        var verdicts = decisions.DecideAll(asEdits);
        var decided = decisions is EditorDecisions editor ? editor.Match(asEdits) : new DecidedEdit?[log.Count];
        var clusters = NameClusters.Build(log, raw);
        var clusterOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < clusters.Count; c++)
        {
            foreach (var id in clusters[c].EditIds)
            {
                clusterOf[id] = c;
            }
        }

        // Scan crops need the page's words; a book from Markdown has none, and then no page is searched.
        var pageWords = words is not null && words.Any ? words : null;
        var edits = new ReviewEdit[log.Count];
        Parallel.For(0, log.Count, i =>
        {
            var record = log[i];
            var group = Resolve(record.Block);
            var impact = ReviewTriage.Impact(record);
            WordCrop? crop = null;
            if (pageWords is not null)
            {
                var sources = (members.TryGetValue(group, out var parts) ? parts : [])
                    .Where(b => b.Source is not null).Select(b => b.Source!).ToList();
                if (sources.Count == 0 && record.Page is { } page)
                {
                    sources.Add(new SourceRef(page));
                }

                crop = pageWords.Locate(sources, record.ContextBefore, record.Before, record.ContextAfter);
            }

            edits[i] = new ReviewEdit(record, group, verdicts[i])
            {
                Impact = impact,
                Tier = ReviewTriage.Tier(record, impact),
                Repeats = ReviewTriage.CanRepeat(record, impact),
                Word = ReviewTriage.DictionaryWord(record, impact),
                Cluster = clusterOf.TryGetValue(record.Id, out var cluster) ? cluster : null,
                Crop = crop,
                DecisionKey = decided[i]?.Key,
            };
        });

        var scanUrls = (scans?.All() ?? new Dictionary<int, string>())
            .ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => "scans/" + Uri.EscapeDataString(p.Value));
        return new ReviewData(title, RunStamp(log), edits, blocks, clusters, scanUrls, unmatched ?? []);
    }

    /// <summary>Identifies a run by its edits and their statuses: the page and the server compare it to spot a newer run.</summary>
    public static string RunStamp(IEnumerable<EditRecord> log)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var record in log)
        {
            builder.Append(record.Id).Append(':').Append((int)record.Status).Append('\n');
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(builder.ToString())))[..16];
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
