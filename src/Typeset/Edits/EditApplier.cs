using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Edits;

/// <summary>What the editor decided about edits (from the review decisions file); an empty set decides nothing.</summary>
public interface IEditDecisions
{
    /// <summary>True when accepted, false when rejected, null when the editor has not decided.</summary>
    bool? Decide(Edit edit);

    /// <summary>Decides a stage's edits together, so a decision whose words moved can pick the best of several candidates.</summary>
    IReadOnlyList<bool?> DecideAll(IReadOnlyList<Edit> edits) => edits.Select(Decide).ToList();
}

public sealed class NoDecisions : IEditDecisions
{
    public static readonly NoDecisions Instance = new();

    public bool? Decide(Edit edit) => null;
}

/// <summary>
/// The one place text changes: applies non-overlapping edits whose confidence reaches the threshold (or that the editor
/// accepted), verifies each still matches the text, and reports every edit's fate for the log.
/// </summary>
public static class EditApplier
{
    public static (Book Book, IReadOnlyList<EditRecord> Records) Apply(
        Book book, IReadOnlyList<Edit> edits, double autoApply, IEditDecisions decisions)
    {
        var records = new List<EditRecord>(edits.Count);
        var blocks = book.Blocks.ToList();
        var pages = blocks.ToDictionary(b => b.Id, b => b.Source?.Page);

        edits = EditAnchors.Attach(book, edits);
        var verdicts = decisions.DecideAll(edits);
        var toApply = new List<Edit>();
        var byEditor = new HashSet<Edit>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < edits.Count; i++)
        {
            var edit = edits[i];
            var status = verdicts[i] switch
            {
                true => EditStatus.Applied,
                false => EditStatus.Rejected,
                null => edit.Confidence >= autoApply ? EditStatus.Applied : EditStatus.Suggested,
            };
            if (verdicts[i] == true)
            {
                byEditor.Add(edit);
            }

            if (status == EditStatus.Applied)
            {
                toApply.Add(edit);
            }
            else
            {
                records.Add(Record(edit, status, pages));
            }
        }

        var failed = new HashSet<Edit>(ReferenceEqualityComparer.Instance);
        ApplyBlockEdits(blocks, toApply.Where(e => e.Scope == EditScope.Block), failed);
        ApplyTextEdits(blocks, toApply.Where(e => !e.IsJoin && e.Scope == EditScope.Text), byEditor, failed);
        ApplyJoins(blocks, toApply.Where(e => e.IsJoin), failed);
        records.AddRange(toApply.Select(e => Record(e, failed.Contains(e) ? EditStatus.Conflict : EditStatus.Applied, pages)));

        var order = edits.Select((e, i) => (e, i)).ToDictionary(p => p.e.Id, p => p.i);
        records.Sort((a, b) => order[a.Id].CompareTo(order[b.Id]));
        return (book.WithBlocks(blocks), records);
    }

    private static bool SharesLetters(Edit a, Edit b) =>
        a.Start < b.Start + b.Before.Length && b.Start < a.Start + a.Before.Length;

    private static EditRecord Record(Edit edit, EditStatus status, Dictionary<string, int?> pages) =>
        new(edit.Id, edit.Stage, edit.Rule, edit.BlockId, pages.GetValueOrDefault(edit.BlockId), edit.Start, edit.Before, edit.After,
            Math.Round(edit.Confidence, 3), edit.Reason, status, edit.JoinedBlockId)
        {
            Scope = edit.Scope, ContextBefore = edit.ContextBefore, ContextAfter = edit.ContextAfter, Occurrence = edit.Occurrence,
        };

    /// <summary>
    /// Block edits replace top-level blocks: <see cref="Edit.Before"/> is the Markdown of the block <see cref="Edit.BlockId"/>
    /// and of as many blocks after it as it spans (blank lines between), <see cref="Edit.After"/> the Markdown of what takes
    /// their place — one block or several (the first keeps the id), or none (the blocks are removed).
    /// </summary>
    private static void ApplyBlockEdits(List<Block> blocks, IEnumerable<Edit> edits, HashSet<Edit> failed)
    {
        foreach (var edit in edits)
        {
            var position = blocks.FindIndex(b => b.Id == edit.BlockId);
            var span = position < 0 ? 0 : SpanOf(blocks, position, edit.Before);
            if (span == 0)
            {
                failed.Add(edit);
                continue;
            }

            var replacement = edit.After.Trim().Length == 0
                ? []
                : MarkdownReader.ReadBlocks(edit.After, blocks[position].Id, blocks[position].Source);
            if (replacement.Count == 0 && edit.After.Trim().Length > 0)
            {
                failed.Add(edit);
                continue;
            }

            blocks.RemoveRange(position, span);
            blocks.InsertRange(position, replacement);
        }
    }

    /// <summary>How many blocks from <paramref name="position"/> the Markdown <paramref name="before"/> covers; 0 when it does not match.</summary>
    private static int SpanOf(List<Block> blocks, int position, string before)
    {
        var written = new System.Text.StringBuilder();
        for (var i = position; i < blocks.Count && written.Length < before.Length; i++)
        {
            if (written.Length > 0)
            {
                written.Append("\n\n");
            }

            written.Append(MarkdownWriter.WriteBlock(blocks[i]));
            if (written.Length == before.Length && written.ToString() == before)
            {
                return i - position + 1;
            }
        }

        return 0;
    }

    /// <summary>Text edits address a text part at any depth (a paragraph in a note in a list item, a table cell) by its id.</summary>
    private static void ApplyTextEdits(List<Block> blocks, IEnumerable<Edit> edits, HashSet<Edit> byEditor, HashSet<Edit> failed)
    {
        var parts = new Dictionary<string, TextPart>(StringComparer.Ordinal);
        foreach (var part in BookWalk.TextParts(new Book(BookMeta.Untitled, blocks.ToValueList())))
        {
            parts.TryAdd(part.Id, part);
        }

        var replacements = new Dictionary<int, Dictionary<string, ValueList<Inline>>>();
        foreach (var group in edits.GroupBy(e => e.BlockId))
        {
            if (!parts.TryGetValue(group.Key, out var part))
            {
                failed.UnionWith(group);
                continue;
            }

            var source = MarkdownWriter.SourceText(part);
            // Where an edit the editor accepted shares letters with one the machine applied on its own confidence, the
            // editor's wins (accepting a suggested join must beat the kept hyphen proposed for the same letters).
            var chosen = group.Where(byEditor.Contains).ToList();
            var losers = group.Where(e => !byEditor.Contains(e) && chosen.Any(c => SharesLetters(c, e))).ToList();
            failed.UnionWith(losers);
            var accepted = new List<Edit>();
            var end = -1;
            foreach (var edit in group.Except(losers).OrderBy(e => e.Start).ThenByDescending(e => e.Confidence))
            {
                var matches = edit.Start >= 0 && edit.Start + edit.Before.Length <= source.Length &&
                              string.CompareOrdinal(source, edit.Start, edit.Before, 0, edit.Before.Length) == 0;
                if (!matches || edit.Start < end)
                {
                    failed.Add(edit);
                    continue;
                }

                accepted.Add(edit);
                end = edit.Start + edit.Before.Length;
            }

            var text = source;
            foreach (var edit in accepted.OrderByDescending(e => e.Start))
            {
                text = string.Concat(text.AsSpan(0, edit.Start), edit.After, text.AsSpan(edit.Start + edit.Before.Length));
            }

            if (ParseText(part.Role, text) is { } content)
            {
                if (!replacements.TryGetValue(part.TopLevel, out var forBlock))
                {
                    replacements[part.TopLevel] = forBlock = new(StringComparer.Ordinal);
                }

                forBlock[part.Id] = content;
            }
            else
            {
                failed.UnionWith(accepted);
            }
        }

        foreach (var (position, forBlock) in replacements)
        {
            blocks[position] = BookWalk.ReplaceText(blocks[position], forBlock);
        }
    }

    /// <summary>Inline content from edited source text; null when it would change the block's structure (or a heading's line).</summary>
    private static ValueList<Inline>? ParseText(TextRole role, string text) =>
        (role is TextRole.Heading or TextRole.TableCell or TextRole.TableCaption && text.Contains('\n', StringComparison.Ordinal)) ? null : MarkdownReader.ParseInlines(text);

    private static void ApplyJoins(List<Block> blocks, IEnumerable<Edit> joins, HashSet<Edit> failed)
    {
        // A paragraph broken by two page ends is joined twice; the second join targets the block the first produced.
        var mergedInto = new Dictionary<string, string>(StringComparer.Ordinal);
        string Resolve(string id)
        {
            while (mergedInto.TryGetValue(id, out var target))
            {
                id = target;
            }

            return id;
        }

        foreach (var join in joins)
        {
            var firstIndex = blocks.FindIndex(b => b.Id == Resolve(join.BlockId));
            var secondIndex = blocks.FindIndex(b => b.Id == join.JoinedBlockId);
            if (firstIndex < 0 || secondIndex <= firstIndex)
            {
                failed.Add(join);
                continue;
            }

            var first = blocks[firstIndex];
            var second = blocks[secondIndex];
            var joined = MarkdownWriter.SourceText(first).TrimEnd() + join.After + MarkdownWriter.SourceText(second).TrimStart();
            if (first.GetType() != second.GetType() || WithSourceText(first, joined) is not { } merged)
            {
                failed.Add(join);
                continue;
            }

            merged = WithSourceRange(merged, second.Source);
            var interposed = blocks.GetRange(firstIndex + 1, secondIndex - firstIndex - 1);
            blocks.RemoveRange(firstIndex, secondIndex - firstIndex + 1);
            blocks.Insert(firstIndex, merged);
            blocks.InsertRange(firstIndex + 1, interposed);
            mergedInto[second.Id] = first.Id;
        }
    }

    private static Block WithSourceRange(Block block, SourceRef? last) =>
        block.Source is { } first && last is not null && last.Page != first.Page
            ? block switch
            {
                Paragraph p => p with { Source = first with { LastPage = last.LastPage ?? last.Page } },
                _ => block,
            }
            : block;

    /// <summary>Replaces the text of a block that is one text part (paragraph, heading, figure), or returns null when the new text would not parse back into the same kind of block.</summary>
    internal static Block? WithSourceText(Block block, string text)
    {
        if (BookWalk.OwnText(block).ToList() is not [var part] || BookWalk.Children(block).Any() ||
            ParseText(part.Role, text) is not { } inlines)
        {
            return null;
        }

        return BookWalk.ReplaceText(block, new Dictionary<string, ValueList<Inline>>(StringComparer.Ordinal) { [part.Id] = inlines });
    }
}
