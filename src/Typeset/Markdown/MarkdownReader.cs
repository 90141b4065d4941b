using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Typeset.Model;
using Block = Typeset.Model.Block;
using Inline = Typeset.Model.Inline;
using MdFootnote = Markdig.Extensions.Footnotes.Footnote;
using MdTable = Markdig.Extensions.Tables.Table;
using ModelFootnote = Typeset.Model.Footnote;
using ModelTable = Typeset.Model.Table;
using ListBlock = Typeset.Model.ListBlock;
using TableRow = Markdig.Extensions.Tables.TableRow;

namespace Typeset.Markdown;

/// <summary>
/// Reads Markdown into the document model: CommonMark plus footnotes (several blocks each), pipe tables, and fenced
/// divs (<c>::: epigraph</c>, <c>::: verse</c>, <c>::: imprint</c>…, as pandoc's <c>fenced_divs</c> and Markdig's
/// custom containers both read them). Block ids come from position (see <see cref="BlockIds"/>), so the same text
/// always gets the same ids. Input nested deeper than <see cref="MaximumDepth"/> is flattened with a warning, text kept.
/// </summary>
public static partial class MarkdownReader
{
    /// <summary>Containers deeper than this are flattened: no book nests this deep, and a writer's page has no room for it.</summary>
    public const int MaximumDepth = 64;

    private static readonly MarkdownPipeline Pipeline = Build();

    private static MarkdownPipeline Build()
    {
        var builder = new MarkdownPipelineBuilder().UseFootnotes().UsePipeTables();
        // Only the block form of custom containers: Markdig's inline '::' form would eat colons in prose.
        builder.BlockParsers.AddIfNotAlready<CustomContainerParser>();
        return builder.Build();
    }

    public static Book Read(string markdown, BookMeta meta) => Read(markdown, meta, warnings: null);

    /// <param name="warnings">Receives what the reader had to repair (nesting too deep, a label defined twice, a reference without a definition).</param>
    public static Book Read(string markdown, BookMeta meta, List<BookWarning>? warnings)
    {
        var (withDefinitions, undefined) = WithPlaceholderDefinitions(markdown);
        var document = Markdig.Markdown.Parse(withDefinitions, Pipeline);
        var reader = new Reader(warnings ?? []) { Markdown = withDefinitions };
        var blocks = new List<Block>();
        foreach (var source in FlattenInSourceOrder(document))
        {
            if (source is MdFootnote note && undefined.Contains(FootnoteLabel(note.Label)) && IsPlaceholder(note))
            {
                continue;
            }

            blocks.AddRange(reader.TopLevel(source));
        }

        // A reference nobody defines stays a reference: the writers warn about it, naming its block.
        reader.WarnAboutDuplicateLabels(blocks);
        return new Book(meta, blocks.ToValueList());
    }

    /// <summary>
    /// Parses the source text of one text part (see <see cref="MarkdownWriter.SourceText(TextPart)"/>) back to inlines.
    /// Returns null when the text would no longer be a single paragraph (an edit must not create block structure).
    /// </summary>
    public static ValueList<Inline>? ParseInlines(string sourceText)
    {
        if (sourceText.Length == 0)
        {
            return ValueList<Inline>.Empty;
        }

        var (withDefinitions, _) = WithPlaceholderDefinitions(sourceText, all: true);
        var document = Markdig.Markdown.Parse(withDefinitions, Pipeline);
        var blocks = document.Where(b => b is not (FootnoteGroup or LinkReferenceDefinitionGroup)).ToList();
        if (blocks.Count != 1 || blocks[0] is not ParagraphBlock paragraph)
        {
            return null;
        }

        return new Reader([]).Inlines(paragraph.Inline);
    }

    /// <summary>Reads the Markdown of exactly one block, giving it <paramref name="id"/>; null when it is not one block.</summary>
    public static Block? ReadBlock(string markdown, string id, SourceRef? source) =>
        ReadBlocks(markdown, id, source) is [var block] ? block : null;

    /// <summary>
    /// Reads the Markdown of any number of blocks that take the place of the block <paramref name="id"/>: the first gets
    /// its id, the others <c>id.1</c>, <c>id.2</c>… (see <see cref="BlockIds.Child"/>).
    /// </summary>
    public static IReadOnlyList<Block> ReadBlocks(string markdown, string id, SourceRef? source)
    {
        var reader = new Reader([]) { IdOf = index => index == 1 ? id : BlockIds.Child(id, index - 1), FixedSource = source };
        var document = Markdig.Markdown.Parse(WithPlaceholderDefinitions(markdown, all: true).Markdown, Pipeline);
        return FlattenInSourceOrder(document).Where(b => b is not MdFootnote note || !IsPlaceholder(note)).SelectMany(reader.TopLevel).ToList();
    }

    /// <summary>
    /// Markdig reads <c>[^n]</c> as a reference only when the label is defined. References to labels nobody defines get a
    /// placeholder definition at the end (dropped again after parsing), so they stay references and writers can warn.
    /// </summary>
    private static (string Markdown, HashSet<string> Undefined) WithPlaceholderDefinitions(string markdown, bool all = false)
    {
        var defined = all ? [] : DefinitionPattern().Matches(markdown).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var undefined = FootnoteReferencePattern().Matches(markdown).Select(m => m.Groups[1].Value)
            .Where(label => !defined.Contains(label)).ToHashSet(StringComparer.Ordinal);
        if (undefined.Count == 0)
        {
            return (markdown, undefined);
        }

        var builder = new StringBuilder(markdown);
        foreach (var label in undefined.Order(StringComparer.Ordinal))
        {
            builder.Append("\n\n[^").Append(label).Append("]: ").Append(Placeholder);
        }

        return (builder.ToString(), undefined);
    }

    private const string Placeholder = "\u2063undefined\u2063";

    private static bool IsPlaceholder(MdFootnote note) =>
        note.Count == 1 && note[0] is ParagraphBlock { Inline: { } inline } && inline.FirstChild is LiteralInline literal && literal.Content.ToString() == Placeholder;

    [GeneratedRegex(@"(?<!\\)\[\^([^\]\s]+)\](?!:)")]
    private static partial Regex FootnoteReferencePattern();

    [GeneratedRegex(@"^ {0,3}\[\^([^\]\s]+)\]:", RegexOptions.Multiline)]
    private static partial Regex DefinitionPattern();

    /// <summary>Markdig moves footnote definitions to a group at the end (or drops unreferenced ones); put them back where they were written.</summary>
    private static IEnumerable<Markdig.Syntax.Block> FlattenInSourceOrder(MarkdownDocument document)
    {
        var all = new List<Markdig.Syntax.Block>();
        foreach (var block in document)
        {
            if (block is FootnoteGroup group)
            {
                all.AddRange(group);
            }
            else if (block is LinkReferenceDefinitionGroup definitions)
            {
                // Markdig leaves a footnote nobody references out of the footnote group; it is still the author's text.
                all.AddRange(definitions.OfType<FootnoteLinkReferenceDefinition>().Select(d => d.Footnote).Where(f => f.Parent is null));
            }
            else
            {
                all.Add(block);
            }
        }

        return all.OrderBy(b => b.Line);
    }

    /// <summary>Markdig keeps the caret of <c>[^1]</c> in the label; the model holds the label alone.</summary>
    private static string FootnoteLabel(string? label) => (label ?? string.Empty).TrimStart('^');

    [GeneratedRegex(@"^(?:[Tt]able)?:[ \t]+")]
    private static partial Regex CaptionPrefix();

    [GeneratedRegex(@"^\s*<!--\s*page\s+(\d+)\s*-->\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageMarkerPattern();

    /// <summary>The class of a fenced div: <c>::: epigraph</c>, <c>::: {.epigraph}</c> or <c>::: {#id .epigraph}</c>.</summary>
    internal static string DivClass(CustomContainer container)
    {
        var info = (container.Info ?? string.Empty) + " " + (container.Arguments ?? string.Empty);
        var match = DivClassPattern().Match(info);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : string.Empty;
    }

    [GeneratedRegex(@"(?:^|[\s{])\.?([A-Za-z][\w-]*)")]
    private static partial Regex DivClassPattern();

    /// <summary>One conversion: ids (one counter per page for top-level blocks), the nesting depth, the warnings.</summary>
    private sealed class Reader(List<BookWarning> warnings)
    {
        private int page;
        private int index;
        private int depth;

        public List<BookWarning> Warnings { get; } = warnings;

        /// <summary>When set, top-level blocks get these ids (from their index, 1 first) and <see cref="FixedSource"/>: blocks an edit puts in another's place.</summary>
        public Func<int, string>? IdOf { get; init; }

        public SourceRef? FixedSource { get; init; }

        private SourceRef? Source => IdOf is not null ? FixedSource : page > 0 ? new SourceRef(page) : null;

        private string NextId()
        {
            index++;
            return IdOf?.Invoke(index) ?? BlockIds.At(page, index);
        }

        public IEnumerable<Block> TopLevel(Markdig.Syntax.Block source)
        {
            if (source is HtmlBlock html && PageMarkerPattern().Match(html.Lines.ToString()) is { Success: true } marker)
            {
                page = int.Parse(marker.Groups[1].Value, CultureInfo.InvariantCulture);
                index = 0;
                return [new PageMarker(NextId(), page, Source)];
            }

            if (source is LinkReferenceDefinitionGroup or BlankLineBlock)
            {
                return [];
            }

            var converted = Convert(source, null);
            return converted is null ? [] : [converted];
        }

        /// <summary>A block at any depth: top-level ones take the next id, nested ones (<paramref name="id"/> given) their parent's.</summary>
        private Block? Convert(Markdig.Syntax.Block source, string? id)
        {
            switch (source)
            {
                case HeadingBlock heading:
                    return new Heading(id ?? NextId(), heading.Level, Inlines(heading.Inline), Source);
                case ParagraphBlock paragraph when CaptionedTable(paragraph) is not null:
                    return null; // read with its table
                case ParagraphBlock paragraph:
                    var inlines = Inlines(paragraph.Inline);
                    if (AsFigure(paragraph.Inline) is { } figure)
                    {
                        return new Figure(id ?? NextId(), figure.Path, figure.Caption, Source);
                    }

                    return inlines.Count == 0 ? null : new Paragraph(id ?? NextId(), inlines, Source);
                case MdFootnote footnote:
                    var noteId = id ?? NextId();
                    return new ModelFootnote(noteId, FootnoteLabel(footnote.Label), Children(footnote, noteId, firstParagraphTakesParentId: true), Source);
                case QuoteBlock quote:
                    var quoteId = id ?? NextId();
                    return new Quote(quoteId, Children(quote, quoteId), Source);
                case Markdig.Syntax.ListBlock list:
                    return List(list, id ?? NextId());
                case MdTable table:
                    return Table(table, id ?? NextId());
                case CustomContainer container:
                    return Div(container, id ?? NextId());
                case ThematicBreakBlock:
                    return new ThematicBreak(id ?? NextId(), Source);
                case HtmlBlock html:
                    return new Paragraph(id ?? NextId(), ValueList<Inline>.Of(new RawInline(html.Lines.ToString().TrimEnd())), Source);
                case CodeBlock code:
                    var codeInlines = new List<Inline>();
                    foreach (var line in code.Lines.ToString().Split('\n'))
                    {
                        if (codeInlines.Count > 0)
                        {
                            codeInlines.Add(new LineBreak(Hard: true));
                        }

                        codeInlines.Add(new Code(line));
                    }

                    return new Paragraph(id ?? NextId(), Normalize(codeInlines), Source);
                case LinkReferenceDefinitionGroup or BlankLineBlock or LinkReferenceDefinition:
                    return null;
                case ContainerBlock container:
                    var nested = container.Descendants<ParagraphBlock>().SelectMany(p => Inlines(p.Inline)).ToList();
                    return nested.Count == 0 ? null : new Paragraph(id ?? NextId(), Normalize(nested), Source);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The blocks of a container, ids <c>parent.1</c>, <c>parent.2</c>…; past <see cref="MaximumDepth"/> every
        /// paragraph inside is kept as a plain paragraph, with a warning.
        /// </summary>
        /// <param name="firstParagraphTakesParentId">A footnote's opening paragraph is addressed by the note's own id (see <see cref="BlockIds.NoteParagraph"/>).</param>
        private ValueList<Block> Children(ContainerBlock container, string parentId, bool firstParagraphTakesParentId = false)
        {
            if (depth >= MaximumDepth)
            {
                Warnings.Add(new BookWarning(parentId, WarningKind.Nesting, $"nested more than {MaximumDepth} levels deep; the text inside is kept as plain paragraphs"));
                return container.Descendants<LeafBlock>().Where(leaf => leaf is ParagraphBlock or HeadingBlock)
                    .Select((leaf, i) => (Block)new Paragraph(BlockIds.Child(parentId, i + 1), Inlines(leaf.Inline), Source))
                    .Where(p => ((Paragraph)p).Content.Count > 0)
                    .ToValueList();
            }

            depth++;
            try
            {
                var result = new List<Block>();
                foreach (var child in container)
                {
                    if (child is MdFootnote or FootnoteGroup)
                    {
                        continue;
                    }

                    var childId = result.Count == 0 && firstParagraphTakesParentId && child is ParagraphBlock
                        ? BlockIds.NoteParagraph(parentId, 1)
                        : BlockIds.Child(parentId, result.Count + 1);
                    if (Convert(child, childId) is { } block)
                    {
                        result.Add(block);
                    }
                }

                return result.ToValueList();
            }
            finally
            {
                depth--;
            }
        }

        private ListBlock List(Markdig.Syntax.ListBlock list, string id)
        {
            var items = new List<ListItem>();
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var itemNumber = items.Count + 1;
                var body = Children(item, BlockIds.Child(id, itemNumber));
                items.Add(new ListItem(body));
            }

            var start = list.IsOrdered && int.TryParse(list.OrderedStart, CultureInfo.InvariantCulture, out var first) ? first : 1;
            return new ListBlock(id, list.IsOrdered ? ListKind.Ordered : ListKind.Bullet, start, !list.IsLoose, items.ToValueList(), Source);
        }

        private ModelTable Table(MdTable table, string id)
        {
            var columns = table.ColumnDefinitions.Select(c => c.Alignment switch
            {
                TableColumnAlign.Left => ColumnAlignment.Left,
                TableColumnAlign.Center => ColumnAlignment.Center,
                TableColumnAlign.Right => ColumnAlignment.Right,
                _ => ColumnAlignment.Default,
            }).ToList();
            var rows = table.OfType<TableRow>().ToList();
            TableRow? headerRow = rows.Count > 0 && rows[0].IsHeader ? rows[0] : null;
            var bodyRows = rows.Where(r => !ReferenceEquals(r, headerRow)).ToList();
            var columnCount = Math.Max(columns.Count, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
            // Markdig may add an empty definition for a trailing pipe: the columns are as many as the widest row.
            while (columns.Count > columnCount)
            {
                columns.RemoveAt(columns.Count - 1);
            }

            while (columns.Count < columnCount)
            {
                columns.Add(ColumnAlignment.Default);
            }

            // Markdig pads short rows and widens the table for long ones; the source says how the rows were written.
            WarnAboutRaggedRows(table, id);

            Model.TableRow Row(TableRow? row, Func<int, string> cellId) => new(row is null
                ? ValueList<Model.TableCell>.Empty
                : row.OfType<Markdig.Extensions.Tables.TableCell>().Select((cell, c) => new Model.TableCell(cellId(c + 1),
                    Normalize(cell.Descendants<ParagraphBlock>().SelectMany(p => Inlines(p.Inline))))).ToValueList());

            var header = Row(headerRow, c => BlockIds.HeaderCell(id, c));
            // A header of empty cells is how a pipe table without a header is written (pipe tables must have one).
            if (header.Cells.All(c => c.Content.Count == 0))
            {
                header = new Model.TableRow(ValueList<Model.TableCell>.Empty);
            }

            var body = bodyRows.Select((row, r) => Row(row, c => BlockIds.BodyCell(id, r + 1, c))).ToValueList();
            return new ModelTable(id, columns.ToValueList(), header, body, Source) { Caption = Caption(table) };
        }

        /// <summary>
        /// A table's caption as pandoc writes it: the paragraph right after the table beginning with <c>:</c> or
        /// <c>Table:</c> (the prefix is not part of the caption).
        /// </summary>
        private ValueList<Inline> Caption(MdTable table)
        {
            if (table.Parent is not { } parent || parent.IndexOf(table) is var at && (at < 0 || at + 1 >= parent.Count) || parent[at + 1] is not ParagraphBlock paragraph
                || CaptionedTable(paragraph) is null)
            {
                return ValueList<Inline>.Empty;
            }

            var inlines = Inlines(paragraph.Inline).ToList();
            if (inlines is [Text first, ..] && CaptionPrefix().Match(first.Value) is { Success: true } prefix)
            {
                inlines[0] = new Text(first.Value[prefix.Length..]);
                if (inlines[0] is Text { Value.Length: 0 })
                {
                    inlines.RemoveAt(0);
                }
            }

            return inlines.ToValueList();
        }

        /// <summary>The table a paragraph captions (it follows the table and begins with <c>:</c> or <c>Table:</c>), or null.</summary>
        private static MdTable? CaptionedTable(ParagraphBlock paragraph)
        {
            if (paragraph.Parent is not { } parent || parent.IndexOf(paragraph) is var at && at < 1 || parent[at - 1] is not MdTable table
                || paragraph.Inline?.FirstChild is not LiteralInline literal || !CaptionPrefix().IsMatch(literal.Content.ToString()))
            {
                return null;
            }

            return table;
        }

        /// <summary>Rows written with fewer or more cells than the delimiter row: padded, nothing dropped, but the editor is told.</summary>
        private void WarnAboutRaggedRows(MdTable table, string id)
        {
            if (Markdown is null)
            {
                return;
            }

            var expected = -1;
            var rowNumber = 0;
            foreach (var row in table.OfType<TableRow>())
            {
                var span = row.Span;
                if (span.Start < 0 || span.End >= Markdown.Length || span.End < span.Start)
                {
                    continue;
                }

                var cells = CountCells(Markdown.AsSpan(span.Start, span.End - span.Start + 1));
                if (row.IsHeader)
                {
                    expected = cells;
                    continue;
                }

                rowNumber++;
                if (expected > 0 && cells != expected)
                {
                    Warnings.Add(new BookWarning(id, WarningKind.Table, $"table row {rowNumber} has {cells} cells, the header {expected}; {(cells < expected ? "padded with empty cells" : "the table widened to hold them")}"));
                }
            }
        }

        private static int CountCells(ReadOnlySpan<char> row)
        {
            row = row.Trim();
            var cells = 1;
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] == '\\')
                {
                    i++;
                }
                else if (row[i] == '|' && i > 0 && i < row.Length - 1)
                {
                    cells++;
                }
            }

            return cells;
        }

        /// <summary>The text being read, for what Markdig's tree no longer says (how a table row was written).</summary>
        public string? Markdown { get; init; }

        private Block Div(CustomContainer container, string id)
        {
            var kind = DivClass(container);
            switch (kind)
            {
                case "epigraph":
                    var body = Children(container, id).ToList();
                    var attribution = ValueList<Inline>.Empty;
                    if (container.LastChild is CustomContainer last && DivClass(last) == "attribution" && body.Count > 0)
                    {
                        var attributionBlock = body[^1];
                        body.RemoveAt(body.Count - 1);
                        attribution = Normalize(BookWalk.TextOf(attributionBlock).SelectMany(part => part.Content));
                    }

                    return new Epigraph(id, body.ToValueList(), attribution, Source);
                case "verse" or "poem":
                    var stanzas = Children(container, id).SelectMany(block => BookWalk.TextOf(block)
                        .Select(part => new Paragraph(part.Id, part.Content, Source))).ToValueList();
                    return new Verse(id, stanzas, Source);
                case "titlepage" or "title-page":
                    return new FrontMatter(id, FrontMatterKind.TitlePage, Children(container, id), Source);
                case "imprint":
                    return new FrontMatter(id, FrontMatterKind.Imprint, Children(container, id), Source);
                case "attribution":
                    // An epigraph's attribution (the epigraph takes its text); anywhere else its text is a paragraph.
                    return new Paragraph(id, Normalize(Children(container, id).SelectMany(block => BookWalk.TextOf(block)).SelectMany(part => part.Content)), Source);
                case "contents" or "toc":
                    return new FrontMatter(id, FrontMatterKind.Contents, ValueList<Block>.Empty, Source);
                default:
                    // A div of a class the model has no kind for: its text is kept as a quotation, with a warning.
                    Warnings.Add(new BookWarning(id, WarningKind.Input, $"fenced div of class '{kind}' is not a kind Typeset knows (epigraph, verse, titlepage, imprint, contents); kept as a quotation"));
                    return new Quote(id, Children(container, id), Source);
            }
        }

        public ValueList<Inline> Inlines(ContainerInline? container)
        {
            var result = new List<Inline>();
            if (container is not null)
            {
                AppendInlines(result, container);
            }

            return Normalize(result);
        }

        private void AppendInlines(List<Inline> result, ContainerInline container)
        {
            if (depth >= MaximumDepth * 2)
            {
                // Emphasis nested this deep: the text is kept, the markup is not.
                result.Add(new Text(string.Concat(container.Descendants<LiteralInline>().Select(l => l.Content.ToString()))));
                return;
            }

            depth++;
            try
            {
                AppendInlinesAtDepth(result, container);
            }
            finally
            {
                depth--;
            }
        }

        private void AppendInlinesAtDepth(List<Inline> result, ContainerInline container)
        {
            for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
            {
                switch (inline)
                {
                    case LiteralInline literal:
                        result.Add(new Text(literal.Content.ToString()));
                        break;
                    case EmphasisInline emphasis:
                        var children = new List<Inline>();
                        AppendInlines(children, emphasis);
                        result.Add(emphasis.DelimiterCount >= 2 ? new Strong(Normalize(children)) : new Emphasis(Normalize(children)));
                        break;
                    case LineBreakInline lineBreak:
                        result.Add(new LineBreak(lineBreak.IsHard));
                        break;
                    case HtmlInline html when IsTag(html, "sup") && CollectUntilClosingTag(html, "sup") is { } superscript:
                        result.Add(new Superscript(superscript.Text));
                        inline = superscript.Closing;
                        break;
                    case HtmlInline html:
                        result.Add(new RawInline(html.Tag));
                        break;
                    case HtmlEntityInline entity:
                        result.Add(new Text(entity.Transcoded.ToString()));
                        break;
                    case CodeInline code:
                        result.Add(new Code(code.Content));
                        break;
                    case AutolinkInline autolink:
                        result.Add(new Link(ValueList<Inline>.Of(new Text(autolink.Url)), autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url));
                        break;
                    case FootnoteLink { IsBackLink: false } footnoteLink:
                        result.Add(new FootnoteReference(FootnoteLabel(footnoteLink.Footnote.Label)));
                        break;
                    case LinkInline { IsImage: true } image:
                        AppendInlines(result, image);
                        break;
                    case LinkInline link:
                        var content = new List<Inline>();
                        AppendInlines(content, link);
                        result.Add(new Link(Normalize(content), link.Url ?? string.Empty, string.IsNullOrEmpty(link.Title) ? null : link.Title));
                        break;
                    case ContainerInline nested:
                        AppendInlines(result, nested);
                        break;
                }
            }
        }

        private (string Path, ValueList<Inline> Caption)? AsFigure(ContainerInline? container)
        {
            if (container is null)
            {
                return null;
            }

            LinkInline? image = null;
            foreach (var inline in container)
            {
                switch (inline)
                {
                    case LinkInline { IsImage: true } link when image is null:
                        image = link;
                        break;
                    case LiteralInline literal when literal.Content.IsEmptyOrWhitespace():
                        break;
                    default:
                        return null;
                }
            }

            return image is null ? null : (image.Url ?? string.Empty, Inlines(image));
        }

        /// <summary>Two definitions of one label that no reference pairs the second with: both are kept, the editor is told.</summary>
        public void WarnAboutDuplicateLabels(List<Block> blocks)
        {
            var seen = new Dictionary<string, Block>(StringComparer.Ordinal);
            var referencedSince = new HashSet<string>(StringComparer.Ordinal);
            foreach (var block in blocks)
            {
                if (block is ModelFootnote note)
                {
                    if (seen.TryGetValue(note.Label, out var first) && !referencedSince.Contains(note.Label))
                    {
                        Warnings.Add(new BookWarning(note.Id, WarningKind.Footnote, $"footnote [^{note.Label}] is defined twice (first in block {first.Id}) with no reference to it in between; the second definition has no reference"));
                    }

                    seen[note.Label] = note;
                    referencedSince.Remove(note.Label);
                }

                foreach (var reference in BookWalk.References(block))
                {
                    referencedSince.Add(reference.Label);
                }
            }
        }
    }

    private static bool IsTag(HtmlInline html, string name) =>
        html.Tag.Equals($"<{name}>", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <c>&lt;sup&gt;text&lt;/sup&gt;</c>: Markdig gives the tags and the text between as separate inlines.</summary>
    private static (string Text, Markdig.Syntax.Inlines.Inline Closing)? CollectUntilClosingTag(HtmlInline opening, string name)
    {
        var text = new StringBuilder();
        for (var inline = opening.NextSibling; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case HtmlInline html when html.Tag.Equals($"</{name}>", StringComparison.OrdinalIgnoreCase):
                    return (text.ToString(), html);
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Merges adjacent text runs so that equal text always gives an equal model.</summary>
    private static ValueList<Inline> Normalize(IEnumerable<Inline> inlines)
    {
        var result = new List<Inline>();
        foreach (var inline in inlines)
        {
            if (inline is Text { Value.Length: 0 })
            {
                continue;
            }

            if (inline is Text text && result.Count > 0 && result[^1] is Text previous)
            {
                result[^1] = new Text(previous.Value + text.Value);
            }
            else
            {
                result.Add(inline);
            }
        }

        return result.ToValueList();
    }
}
