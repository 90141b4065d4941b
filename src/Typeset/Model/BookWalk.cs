namespace Typeset.Model;

/// <summary>The containers a block or text part sits in (a paragraph of a note inside a list item: Footnote | List).</summary>
[Flags]
public enum Containers
{
    None = 0,
    Quote = 1,
    Footnote = 2,
    List = 4,
    Table = 8,
    Epigraph = 16,
    Verse = 32,
    FrontMatter = 64,
}

/// <summary>What a run of inline text is in its block.</summary>
public enum TextRole
{
    Heading,
    Paragraph,
    Caption,
    TableCell,
    Attribution,
    TableCaption,
}

/// <summary>
/// One run of inline text that edits can address: a heading, a paragraph at any depth, a caption, a table cell, an
/// attribution. <see cref="TopLevel"/> is the index of the top-level block it belongs to.
/// </summary>
public sealed record TextPart(string Id, TextRole Role, ValueList<Inline> Content, Block Owner, Containers Within, int TopLevel, SourceRef? Source)
{
    /// <summary>The scan page of the part (a nested block without its own source has its top-level block's).</summary>
    public int? Page => Source?.Page;
}

/// <summary>A block at any depth, with its top-level block's index and the containers around it.</summary>
public sealed record BlockVisit(Block Block, Containers Within, int TopLevel, int Depth);

/// <summary>
/// The one walk over the closed sets of blocks and inlines (as pandoc-types' Walk): children of any block, every text
/// part, maps that rebuild only what changed. Every stage and writer goes through it, so a new block kind is handled
/// here once, and any kind it does not know is an error, never silently passed.
/// </summary>
public static class BookWalk
{
    /// <summary>The blocks directly inside a block, in reading order.</summary>
    public static IEnumerable<Block> Children(Block block) => block switch
    {
        Heading or Paragraph or Figure or Table or ThematicBreak or PageMarker => [],
        Footnote note => note.Body,
        Quote quote => quote.Body,
        ListBlock list => list.Items.SelectMany(item => item.Body),
        Epigraph epigraph => epigraph.Body,
        Verse verse => verse.Stanzas,
        FrontMatter matter => matter.Body,
        _ => throw Unknown(block),
    };

    /// <summary>The text a block holds itself (not through its children), in reading order.</summary>
    public static IEnumerable<(string Id, TextRole Role, ValueList<Inline> Content)> OwnText(Block block) => block switch
    {
        Heading heading => [(heading.Id, TextRole.Heading, heading.Content)],
        Paragraph paragraph => [(paragraph.Id, TextRole.Paragraph, paragraph.Content)],
        Figure figure => [(figure.Id, TextRole.Caption, figure.Caption)],
        Table table => (table.Caption.Count == 0 ? [] : new[] { (BlockIds.TableCaption(table.Id), TextRole.TableCaption, table.Caption) })
            .Concat(table.AllRows.SelectMany(row => row.Cells).Select(cell => (cell.Id, TextRole.TableCell, cell.Content))),
        Epigraph epigraph => epigraph.Body.Count == 0 && epigraph.Attribution.Count == 0
            ? []
            : [(BlockIds.Attribution(epigraph.Id), TextRole.Attribution, epigraph.Attribution)],
        Footnote or Quote or ListBlock or Verse or FrontMatter or ThematicBreak or PageMarker => [],
        _ => throw Unknown(block),
    };

    /// <summary>What a block adds to the containers of what it holds.</summary>
    public static Containers ContainerOf(Block block) => block switch
    {
        Footnote => Containers.Footnote,
        Quote => Containers.Quote,
        ListBlock => Containers.List,
        Table => Containers.Table,
        Epigraph => Containers.Epigraph,
        Verse => Containers.Verse,
        FrontMatter => Containers.FrontMatter,
        Heading or Paragraph or Figure or ThematicBreak or PageMarker => Containers.None,
        _ => throw Unknown(block),
    };

    /// <summary>Every block at every depth, in reading order (a block before what it holds).</summary>
    public static IEnumerable<BlockVisit> Blocks(Book book)
    {
        for (var i = 0; i < book.Blocks.Count; i++)
        {
            foreach (var visit in Descendants(book.Blocks[i], Containers.None, i, 0))
            {
                yield return visit;
            }
        }
    }

    /// <summary>The block and every block inside it, in reading order. Iterative: input nested thousands deep cannot overflow the stack.</summary>
    public static IEnumerable<BlockVisit> Descendants(Block root, Containers within = Containers.None, int topLevel = 0, int depth = 0)
    {
        var stack = new Stack<BlockVisit>();
        stack.Push(new BlockVisit(root, within, topLevel, depth));
        while (stack.Count > 0)
        {
            var visit = stack.Pop();
            yield return visit;
            var inner = visit.Within | ContainerOf(visit.Block);
            foreach (var child in Children(visit.Block).Reverse())
            {
                stack.Push(new BlockVisit(child, inner, visit.TopLevel, visit.Depth + 1));
            }
        }
    }

    /// <summary>Every text part of the book in reading order.</summary>
    public static IEnumerable<TextPart> TextParts(Book book)
    {
        foreach (var visit in Blocks(book))
        {
            var within = visit.Within | ContainerOf(visit.Block) & (Containers.Table | Containers.Epigraph);
            var source = visit.Block.Source ?? book.Blocks[visit.TopLevel].Source;
            foreach (var (id, role, content) in OwnText(visit.Block))
            {
                yield return new TextPart(id, role, content, visit.Block, within, visit.TopLevel, source);
            }
        }
    }

    /// <summary>Text parts of one block and what it holds, in reading order.</summary>
    public static IEnumerable<(string Id, TextRole Role, ValueList<Inline> Content)> TextOf(Block block) =>
        Descendants(block).SelectMany(visit => OwnText(visit.Block));

    /// <summary>Rebuilds a block with its direct children mapped; the same instance when nothing changed.</summary>
    public static Block MapChildren(Block block, Func<Block, Block> map)
    {
        ValueList<Block> MapList(ValueList<Block> blocks, out bool changed)
        {
            var result = new Block[blocks.Count];
            changed = false;
            for (var i = 0; i < blocks.Count; i++)
            {
                result[i] = map(blocks[i]);
                changed |= !ReferenceEquals(result[i], blocks[i]);
            }

            return changed ? ValueList<Block>.Of(result) : blocks;
        }

        switch (block)
        {
            case Heading or Paragraph or Figure or Table or ThematicBreak or PageMarker:
                return block;
            case Footnote note:
                var noteBody = MapList(note.Body, out var noteChanged);
                return noteChanged ? note with { Body = noteBody } : note;
            case Quote quote:
                var quoteBody = MapList(quote.Body, out var quoteChanged);
                return quoteChanged ? quote with { Body = quoteBody } : quote;
            case ListBlock list:
                var items = new ListItem[list.Items.Count];
                var listChanged = false;
                for (var i = 0; i < items.Length; i++)
                {
                    var body = MapList(list.Items[i].Body, out var itemChanged);
                    items[i] = itemChanged ? new ListItem(body) : list.Items[i];
                    listChanged |= itemChanged;
                }

                return listChanged ? list with { Items = ValueList<ListItem>.Of(items) } : list;
            case Epigraph epigraph:
                var epigraphBody = MapList(epigraph.Body, out var epigraphChanged);
                return epigraphChanged ? epigraph with { Body = epigraphBody } : epigraph;
            case Verse verse:
                var stanzas = MapList(ValueList<Block>.Of(verse.Stanzas), out var verseChanged);
                return verseChanged ? verse with { Stanzas = stanzas.Select(AsStanza).ToValueList() } : verse;
            case FrontMatter matter:
                var matterBody = MapList(matter.Body, out var matterChanged);
                return matterChanged ? matter with { Body = matterBody } : matter;
            default:
                throw Unknown(block);
        }
    }

    /// <summary>Bottom-up map over a block and everything inside it (children first, then the block itself).</summary>
    public static Block Map(Block block, Func<Block, Block> map) => map(MapChildren(block, child => Map(child, map)));

    /// <summary>
    /// Replaces the text parts of a block (at any depth) whose ids are in <paramref name="replacements"/>; the same
    /// instance when none is there.
    /// </summary>
    public static Block ReplaceText(Block block, IReadOnlyDictionary<string, ValueList<Inline>> replacements) =>
        Map(block, b => ReplaceOwnText(b, replacements));

    /// <summary>Maps the content of every text part of the book (an identity map returns the same book instance).</summary>
    public static Book MapText(Book book, Func<TextPart, ValueList<Inline>> map)
    {
        var replacements = new Dictionary<string, ValueList<Inline>>(StringComparer.Ordinal);
        foreach (var part in TextParts(book))
        {
            var mapped = map(part);
            if (!ReferenceEquals(mapped, part.Content))
            {
                replacements[part.Id] = mapped;
            }
        }

        return replacements.Count == 0 ? book : book.WithBlocks(book.Blocks.Select(b => ReplaceText(b, replacements)));
    }

    private static Block ReplaceOwnText(Block block, IReadOnlyDictionary<string, ValueList<Inline>> replacements)
    {
        switch (block)
        {
            case Heading heading when replacements.TryGetValue(heading.Id, out var content):
                return heading with { Content = content };
            case Paragraph paragraph when replacements.TryGetValue(paragraph.Id, out var content):
                return paragraph with { Content = content };
            case Figure figure when replacements.TryGetValue(figure.Id, out var content):
                return figure with { Caption = content };
            case Table table:
                TableRow MapRow(TableRow row) => row.Cells.Any(c => replacements.ContainsKey(c.Id))
                    ? new TableRow(row.Cells.Select(c => replacements.TryGetValue(c.Id, out var content) ? c with { Content = content } : c).ToValueList())
                    : row;
                var header = MapRow(table.Header);
                var rows = table.Rows.Select(MapRow).ToList();
                var captioned = replacements.TryGetValue(BlockIds.TableCaption(table.Id), out var caption) ? table with { Caption = caption } : table;
                return ReferenceEquals(header, table.Header) && rows.Select((r, i) => ReferenceEquals(r, table.Rows[i])).All(same => same)
                    ? captioned
                    : captioned with { Header = header, Rows = rows.ToValueList() };
            case Epigraph epigraph when replacements.TryGetValue(BlockIds.Attribution(epigraph.Id), out var content):
                return epigraph with { Attribution = content };
            case Heading or Paragraph or Figure or Epigraph or Footnote or Quote or ListBlock or Verse or FrontMatter or ThematicBreak or PageMarker:
                return block;
            default:
                throw Unknown(block);
        }
    }

    /// <summary>A stanza of verse stays a paragraph: a map that made it anything else is a programming error.</summary>
    private static Paragraph AsStanza(Block block) =>
        block as Paragraph ?? throw new InvalidOperationException($"a stanza of verse became a {block.GetType().Name} ({block.Id})");

    /// <summary>Footnote references of a block at any depth, in reading order: the order every writer numbers them in.</summary>
    public static IEnumerable<FootnoteReference> References(Block block) =>
        TextOf(block).SelectMany(part => InlineDescendants(part.Content)).OfType<FootnoteReference>();

    /// <summary>The inlines directly inside an inline.</summary>
    public static IEnumerable<Inline> Children(Inline inline) => inline switch
    {
        Emphasis emphasis => emphasis.Content,
        Strong strong => strong.Content,
        Link link => link.Content,
        Text or Superscript or FootnoteReference or LineBreak or RawInline or Code => [],
        _ => throw Unknown(inline),
    };

    /// <summary>Every inline at every depth, in reading order (a container before its content).</summary>
    public static IEnumerable<Inline> InlineDescendants(IEnumerable<Inline> inlines)
    {
        var stack = new Stack<IEnumerator<Inline>>();
        stack.Push(inlines.GetEnumerator());
        while (stack.Count > 0)
        {
            var top = stack.Peek();
            if (!top.MoveNext())
            {
                stack.Pop().Dispose();
                continue;
            }

            yield return top.Current;
            stack.Push(Children(top.Current).GetEnumerator());
        }
    }

    /// <summary>Bottom-up map over inlines (content first, then the inline itself); the same list when nothing changed.</summary>
    public static ValueList<Inline> MapInlines(ValueList<Inline> inlines, Func<Inline, Inline> map)
    {
        Inline[]? result = null;
        for (var i = 0; i < inlines.Count; i++)
        {
            var mapped = map(MapInlineChildren(inlines[i], map));
            if (!ReferenceEquals(mapped, inlines[i]))
            {
                result ??= [.. inlines];
                result[i] = mapped;
            }
        }

        return result is null ? inlines : ValueList<Inline>.Of(result);
    }

    private static Inline MapInlineChildren(Inline inline, Func<Inline, Inline> map)
    {
        switch (inline)
        {
            case Emphasis emphasis:
                var emphasisContent = MapInlines(emphasis.Content, map);
                return ReferenceEquals(emphasisContent, emphasis.Content) ? emphasis : new Emphasis(emphasisContent);
            case Strong strong:
                var strongContent = MapInlines(strong.Content, map);
                return ReferenceEquals(strongContent, strong.Content) ? strong : new Strong(strongContent);
            case Link link:
                var linkContent = MapInlines(link.Content, map);
                return ReferenceEquals(linkContent, link.Content) ? link : link with { Content = linkContent };
            case Text or Superscript or FootnoteReference or LineBreak or RawInline or Code:
                return inline;
            default:
                throw Unknown(inline);
        }
    }

    private static InvalidOperationException Unknown(object node) =>
        new($"{node.GetType().Name} is not a kind of the document model that BookWalk knows");
}
