using System.Text;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Edits;

/// <summary>
/// Anchors proposed edits in content: the applier has each block's text, stages only offsets. An edit gets the words
/// around its change and its rank among identical anchors of its block, so its id no longer moves when an earlier
/// edit (applied or rejected) changes the length of the text before it.
/// </summary>
public static class EditAnchors
{
    /// <summary>Words of context on each side: enough to tell "в" from the next "в" in a paragraph, few enough to read at a glance.</summary>
    public const int ContextWords = 4;

    /// <summary>A context never grows past this many characters, whatever the words (a URL, a table row).</summary>
    public const int MaxContextChars = 60;

    public static IReadOnlyList<Edit> Attach(Book book, IReadOnlyList<Edit> edits)
    {
        if (edits.Count == 0)
        {
            return edits;
        }

        var wanted = edits.SelectMany(e => e.JoinedBlockId is { } joined ? new[] { e.BlockId, joined } : [e.BlockId]).ToHashSet(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        // Edits name text parts at any depth (a paragraph of a note, a table cell); a paragraph's part is the block itself.
        foreach (var part in BookWalk.TextParts(book))
        {
            if (wanted.Contains(part.Id))
            {
                texts.TryAdd(part.Id, MarkdownWriter.SourceText(part));
            }
        }

        var anchored = new Edit[edits.Count];
        for (var i = 0; i < edits.Count; i++)
        {
            anchored[i] = WithContext(edits[i], texts);
        }

        // Identical anchors in one block (the same change among the same words) are told apart by their order.
        foreach (var group in Enumerable.Range(0, anchored.Length)
                     .GroupBy(i => anchored[i].Anchor with { Occurrence = 0 })
                     .Where(g => g.Count() > 1))
        {
            var occurrence = 0;
            foreach (var i in group.OrderBy(i => anchored[i].Start).ThenBy(i => i))
            {
                anchored[i] = anchored[i] with { Occurrence = occurrence++ };
            }
        }

        return anchored;
    }

    private static Edit WithContext(Edit edit, Dictionary<string, string> texts)
    {
        if (edit.Scope == EditScope.Block || !texts.TryGetValue(edit.BlockId, out var text))
        {
            return edit;
        }

        if (edit.JoinedBlockId is { } joined)
        {
            // A join's change is the seam: the end of this block and the start of the joined one.
            return edit with
            {
                ContextBefore = WordsBefore(text, text.Length),
                ContextAfter = texts.TryGetValue(joined, out var next) ? WordsAfter(next, 0) : string.Empty,
            };
        }

        var end = edit.Start + edit.Before.Length;
        if (edit.Start < 0 || end > text.Length)
        {
            return edit;
        }

        return edit with { ContextBefore = WordsBefore(text, edit.Start), ContextAfter = WordsAfter(text, end) };
    }

    /// <summary>The <see cref="ContextWords"/> words before <paramref name="end"/> (a word cut by the change counts), white space collapsed.</summary>
    public static string WordsBefore(string text, int end)
    {
        var start = end;
        for (var words = 0; words < ContextWords && end - start < MaxContextChars; words++)
        {
            var wordEnd = start;
            while (wordEnd > 0 && char.IsWhiteSpace(text[wordEnd - 1]))
            {
                wordEnd--;
            }

            if (wordEnd == 0)
            {
                break;
            }

            start = wordEnd;
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }
        }

        var context = Collapse(text.AsSpan(start, end - start));
        return context.Length > MaxContextChars ? context[^MaxContextChars..] : context;
    }

    /// <summary>The <see cref="ContextWords"/> words after <paramref name="start"/>, white space collapsed.</summary>
    public static string WordsAfter(string text, int start)
    {
        var end = start;
        for (var words = 0; words < ContextWords && end - start < MaxContextChars; words++)
        {
            var wordStart = end;
            while (wordStart < text.Length && char.IsWhiteSpace(text[wordStart]))
            {
                wordStart++;
            }

            if (wordStart == text.Length)
            {
                break;
            }

            end = wordStart;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }
        }

        var context = Collapse(text.AsSpan(start, end - start));
        return context.Length > MaxContextChars ? context[..MaxContextChars] : context;
    }

    /// <summary>
    /// Every run of white space (line breaks and no-break spaces too) as one space: typography turns spaces into
    /// no-break ones and line breaks into spaces, and neither should move an anchor.
    /// </summary>
    public static string Collapse(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        if (space)
        {
            builder.Append(' ');
        }

        return builder.ToString();
    }
}
