namespace Typeset.Model;

/// <summary>Where a block came from: scan page(s) and the box on the page, in scan pixels.</summary>
public sealed record SourceRef(int Page, int? LastPage = null, PixelBox? Box = null);

public sealed record PixelBox(int X, int Y, int Width, int Height);

/// <summary>
/// A block of the book in reading order. Closed set. <see cref="Id"/> is stable across runs of the same input
/// (assigned by the reader or the OCR stage), so edits and review decisions can refer to it.
/// </summary>
public abstract record Block(string Id, SourceRef? Source);

public sealed record Heading(string Id, int Level, ValueList<Inline> Content, SourceRef? Source = null) : Block(Id, Source);

public sealed record Paragraph(string Id, ValueList<Inline> Content, SourceRef? Source = null) : Block(Id, Source);

/// <summary>A figure; <see cref="ImagePath"/> is relative to the Markdown file, empty when only the caption is known.</summary>
public sealed record Figure(string Id, string ImagePath, ValueList<Inline> Caption, SourceRef? Source = null) : Block(Id, Source);

/// <summary>A footnote definition (<c>[^label]: text</c>), kept where it stands in the text.</summary>
public sealed record Footnote(string Id, string Label, ValueList<Inline> Content, SourceRef? Source = null) : Block(Id, Source);

/// <summary>A block quotation of paragraphs.</summary>
public sealed record Quote(string Id, ValueList<Paragraph> Paragraphs, SourceRef? Source = null) : Block(Id, Source);

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
