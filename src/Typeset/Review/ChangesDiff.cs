using System.Globalization;
using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Review;

/// <summary>
/// output/review/changes.diff: a unified diff from the raw OCR text to the final text, one file section per scan page
/// (<c>page-0012</c>), or one section for the whole book when pages are unknown. <c>patch</c> and diff viewers read it.
/// </summary>
public static class ChangesDiff
{
    private const int ContextLines = 3;

    // Page texts end with a newline: it ends the last line rather than starting an empty one, as diff -u counts lines.
    private static readonly CustomFunctionChunker Lines = new(text =>
        text.Length == 0 ? [] : (text.EndsWith('\n') ? text[..^1] : text).Split('\n'));

    public static string Write(Book raw, Book final)
    {
        var rawPages = PageTexts(raw);
        var finalPages = PageTexts(final);
        var builder = new StringBuilder();
        foreach (var name in rawPages.Keys.Union(finalPages.Keys).Order(StringComparer.Ordinal))
        {
            AppendFileDiff(builder, name, rawPages.GetValueOrDefault(name, string.Empty), finalPages.GetValueOrDefault(name, string.Empty));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The Markdown of each page's blocks by section name: <c>page-0012</c>, or <c>book</c> for blocks of unknown page
    /// (which sorts before the pages). A paragraph joined across pages counts on its first page.
    /// </summary>
    internal static Dictionary<string, string> PageTexts(Book book) =>
        book.Blocks
            .GroupBy(b => b.Source?.Page)
            .ToDictionary(
                g => g.Key is { } page ? string.Create(CultureInfo.InvariantCulture, $"page-{page:0000}") : "book",
                g => MarkdownWriter.Write(book.WithBlocks(g)),
                StringComparer.Ordinal);

    private static void AppendFileDiff(StringBuilder builder, string name, string before, string after)
    {
        if (before == after)
        {
            return;
        }

        var diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, Lines);
        var oldLines = diff.PiecesOld;
        var newLines = diff.PiecesNew;
        builder.Append("--- raw/").Append(name).Append('\n');
        builder.Append("+++ final/").Append(name).Append('\n');

        // Merge change blocks whose context would touch into one hunk, as diff -u does.
        var blocks = diff.DiffBlocks;
        var i = 0;
        while (i < blocks.Count)
        {
            var last = i;
            while (last + 1 < blocks.Count &&
                   blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * ContextLines)
            {
                last++;
            }

            var oldStart = Math.Max(0, blocks[i].DeleteStartA - ContextLines);
            var newStart = Math.Max(0, blocks[i].InsertStartB - ContextLines);
            var oldEnd = Math.Min(oldLines.Count, blocks[last].DeleteStartA + blocks[last].DeleteCountA + ContextLines);
            var newEnd = Math.Min(newLines.Count, blocks[last].InsertStartB + blocks[last].InsertCountB + ContextLines);
            builder.Append(CultureInfo.InvariantCulture, $"@@ -{Range(oldStart, oldEnd - oldStart)} +{Range(newStart, newEnd - newStart)} @@\n");

            var a = oldStart;
            for (var k = i; k <= last; k++)
            {
                var block = blocks[k];
                for (; a < block.DeleteStartA; a++)
                {
                    builder.Append(' ').Append(oldLines[a]).Append('\n');
                }

                for (var d = 0; d < block.DeleteCountA; d++)
                {
                    builder.Append('-').Append(oldLines[block.DeleteStartA + d]).Append('\n');
                }

                for (var n = 0; n < block.InsertCountB; n++)
                {
                    builder.Append('+').Append(newLines[block.InsertStartB + n]).Append('\n');
                }

                a = block.DeleteStartA + block.DeleteCountA;
            }

            for (; a < oldEnd; a++)
            {
                builder.Append(' ').Append(oldLines[a]).Append('\n');
            }

            i = last + 1;
        }
    }

    /// <summary>Unified diff ranges are 1-based; an empty range names the line before it.</summary>
    private static string Range(int start, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{start},0"),
        1 => string.Create(CultureInfo.InvariantCulture, $"{start + 1}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{start + 1},{count}"),
    };
}
