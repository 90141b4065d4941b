using Typeset.Model;

namespace Typeset.Publishing.Epub;

/// <summary>A content file: blocks [<see cref="FirstBlock"/>, <see cref="EndBlock"/>) of the book.</summary>
internal sealed record EpubChapter(string FileName, string Title, int FirstBlock, int EndBlock, bool StartsWithSplitHeading);

/// <summary>A heading as the navigation shows it; <see cref="Children"/> are the headings nested under it.</summary>
internal sealed record NavEntry(string Id, string Label, string FileName, List<NavEntry> Children);

/// <summary>Splits the book into content files and gives every heading a stable id and a non-empty label.</summary>
internal sealed class ChapterPlan
{
    private readonly int[] chapterOfBlock;
    private readonly Dictionary<int, string> headingIds = [];

    public ChapterPlan(Book book, int splitLevel)
    {
        var blocks = book.Blocks;
        chapterOfBlock = new int[blocks.Count];
        var starts = new List<int>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is Heading heading && heading.Level <= splitLevel)
            {
                starts.Add(i);
            }
        }

        var firstSplit = starts.Count > 0 ? starts[0] : blocks.Count;
        var hasFrontMatter = Enumerable.Range(0, firstSplit).Any(i => blocks[i] is not PageMarker);
        if (hasFrontMatter || starts.Count == 0)
        {
            starts.Insert(0, 0);
        }

        var labels = HeadingLabels(blocks);
        var chapters = new List<EpubChapter>();
        var chapterNumber = 0;
        for (var c = 0; c < starts.Count; c++)
        {
            var end = c + 1 < starts.Count ? starts[c + 1] : blocks.Count;
            var startsWithHeading = starts[c] < blocks.Count && blocks[starts[c]] is Heading h && h.Level <= splitLevel;
            var fileName = startsWithHeading ? $"chapter-{++chapterNumber:D3}.xhtml" : "front.xhtml";
            var title = startsWithHeading ? labels[starts[c]] : TitleOf(book.Meta);
            chapters.Add(new EpubChapter(fileName, title, starts[c], end, startsWithHeading));
            for (var i = starts[c]; i < end; i++)
            {
                chapterOfBlock[i] = c;
            }
        }

        Chapters = chapters;
        Navigation = BuildNavigation(blocks, labels);
    }

    public IReadOnlyList<EpubChapter> Chapters { get; }

    /// <summary>Top-level headings; a heading nests under the nearest preceding heading of a smaller level.</summary>
    public IReadOnlyList<NavEntry> Navigation { get; }

    public EpubChapter ChapterOf(int blockIndex) => Chapters[chapterOfBlock[blockIndex]];

    public string HeadingId(int blockIndex) => headingIds[blockIndex];

    public static string TitleOf(BookMeta meta)
    {
        var title = XmlText.CollapseWhitespace(meta.Title);
        return title.Length > 0 ? title : "Без названия";
    }

    /// <summary>The heading's visible text without footnote markers; "Глава N" when nothing is left, so nav links are never empty.</summary>
    private static Dictionary<int, string> HeadingLabels(IReadOnlyList<Block> blocks)
    {
        var labels = new Dictionary<int, string>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is Heading heading)
            {
                var label = XmlText.CollapseWhitespace(Inlines.PlainText(heading.Content.Where(inline => inline is not FootnoteReference)));
                labels[i] = label.Length > 0 ? label : $"Глава {labels.Count + 1}";
            }
        }

        return labels;
    }

    private List<NavEntry> BuildNavigation(IReadOnlyList<Block> blocks, Dictionary<int, string> labels)
    {
        var roots = new List<NavEntry>();
        var open = new Stack<(int Level, NavEntry Entry)>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not Heading heading)
            {
                continue;
            }

            var id = $"h-{headingIds.Count + 1}";
            headingIds[i] = id;
            var entry = new NavEntry(id, labels[i], ChapterOf(i).FileName, []);
            while (open.Count > 0 && open.Peek().Level >= heading.Level)
            {
                open.Pop();
            }

            (open.Count > 0 ? open.Peek().Entry.Children : roots).Add(entry);
            open.Push((heading.Level, entry));
        }

        return roots;
    }
}
