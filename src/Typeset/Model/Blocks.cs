namespace Typeset.Model;

/// <summary>Where a block came from: scan page(s) and the box on the page, in scan pixels.</summary>
public sealed record SourceRef(int Page, int? LastPage = null, PixelBox? Box = null);

public sealed record PixelBox(int X, int Y, int Width, int Height);

/// <summary>
/// A block of the book in reading order. Closed set: <see cref="BookWalk"/> knows every kind, and a test fails when a
/// reader, writer, the edit applier or cleanup does not. <see cref="Id"/> is stable across runs of the same input
/// (assigned by the reader or the OCR stage, see <see cref="BlockIds"/>), so edits and review decisions can refer to it.
/// </summary>
public abstract record Block(string Id, SourceRef? Source);

public sealed record Heading(string Id, int Level, ValueList<Inline> Content, SourceRef? Source = null) : Block(Id, Source);

public sealed record Paragraph(string Id, ValueList<Inline> Content, SourceRef? Source = null) : Block(Id, Source);

/// <summary>A figure; <see cref="ImagePath"/> is relative to the Markdown file, empty when only the caption is known.</summary>
public sealed record Figure(string Id, string ImagePath, ValueList<Inline> Caption, SourceRef? Source = null) : Block(Id, Source);

/// <summary>
/// A footnote definition (<c>[^label]: text</c>), kept where it stands in the text. Its body may hold several
/// paragraphs, lists and quotations.
/// </summary>
public sealed record Footnote(string Id, string Label, ValueList<Block> Body, SourceRef? Source = null) : Block(Id, Source)
{
    /// <summary>A note of one paragraph (what OCR and the footnotes stage make).</summary>
    public static Footnote OfText(string id, string label, ValueList<Inline> content, SourceRef? source = null) =>
        new(id, label, ValueList<Block>.Of(new Paragraph(BlockIds.NoteParagraph(id, 1), content, source)), source);
}

/// <summary>A block quotation: paragraphs, lists, verse, even tables.</summary>
public sealed record Quote(string Id, ValueList<Block> Body, SourceRef? Source = null) : Block(Id, Source);

public enum ListKind
{
    Bullet,
    Ordered,
}

/// <summary>
/// A list (<c>- item</c>, <c>1. item</c>), nested to any depth through its items' blocks. <see cref="Tight"/>: items
/// written without blank lines between them.
/// </summary>
public sealed record ListBlock(string Id, ListKind Kind, int Start, bool Tight, ValueList<ListItem> Items, SourceRef? Source = null) : Block(Id, Source);

/// <summary>One item: any blocks (paragraphs, nested lists, quotations); may be empty.</summary>
public sealed record ListItem(ValueList<Block> Body);

public enum ColumnAlignment
{
    Default,
    Left,
    Center,
    Right,
}

/// <summary>
/// A table (pipe table in Markdown): a header row (no cells when the table has none), body rows, and one alignment per
/// column. Rows may have fewer or more cells than there are columns (ragged input): writers pad them, nothing is dropped.
/// </summary>
public sealed record Table(string Id, ValueList<ColumnAlignment> Columns, TableRow Header, ValueList<TableRow> Rows, SourceRef? Source = null) : Block(Id, Source)
{
    /// <summary>The table's caption («Таблица 3. Урожай по годам»), empty when it has none.</summary>
    public ValueList<Inline> Caption { get; init; } = ValueList<Inline>.Empty;

    /// <summary>The number of columns a writer lays out: the widest row decides.</summary>
    public int ColumnCount => Math.Max(Columns.Count, Math.Max(Header.Cells.Count, Rows.Count == 0 ? 0 : Rows.Max(r => r.Cells.Count)));

    public IEnumerable<TableRow> AllRows => Rows.Prepend(Header);
}

public sealed record TableRow(ValueList<TableCell> Cells);

/// <summary>A cell: inline text with its own id (a text part edits can address).</summary>
public sealed record TableCell(string Id, ValueList<Inline> Content);

/// <summary>An epigraph before a chapter's text: its body (prose or verse) and an attribution (author, source).</summary>
public sealed record Epigraph(string Id, ValueList<Block> Body, ValueList<Inline> Attribution, SourceRef? Source = null) : Block(Id, Source);

/// <summary>Verse: stanzas whose lines (separated by hard line breaks) are kept as written.</summary>
public sealed record Verse(string Id, ValueList<Paragraph> Stanzas, SourceRef? Source = null) : Block(Id, Source);

public enum FrontMatterKind
{
    /// <summary>The book's own title page (author, title, subtitle, publisher, city, year).</summary>
    TitlePage,

    /// <summary>The imprint (выходные сведения): УДК, ББК, author mark, record, annotation, ISBN, ©. Set as the title verso.</summary>
    Imprint,

    /// <summary>Where the generated contents goes (its body is empty: the printed contents it replaced is in the edit log).</summary>
    Contents,
}

/// <summary>A part of the front (or back) matter, recognised in the input or written by the editor (<c>::: imprint</c>).</summary>
public sealed record FrontMatter(string Id, FrontMatterKind Kind, ValueList<Block> Body, SourceRef? Source = null) : Block(Id, Source);

/// <summary>A thematic break (<c>---</c>); OCR writes one under some headings.</summary>
public sealed record ThematicBreak(string Id, SourceRef? Source = null) : Block(Id, Source);

/// <summary>The start of a scan page (<c>&lt;!-- page N --&gt;</c>): keeps page evidence for cleanup and review.</summary>
public sealed record PageMarker(string Id, int Page, SourceRef? Source = null) : Block(Id, Source);

/// <summary>
/// The document: metadata plus blocks in reading order.
/// </summary>
public sealed record Book(BookMeta Meta, ValueList<Block> Blocks)
{
    public Book WithBlocks(IEnumerable<Block> blocks) => this with { Blocks = blocks.ToValueList() };
}

public sealed record BookMeta(
    string Title,
    string? Subtitle = null,
    string? Author = null,
    string? Publisher = null,
    string? City = null,
    int? Year = null,
    string? Isbn = null,
    string Language = "ru")
{
    public static readonly BookMeta Untitled = new("Untitled");
}
