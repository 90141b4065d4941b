using System.Globalization;

namespace Typeset.Model;

/// <summary>
/// The one home of block ids. Top-level blocks: <c>p0012.b03</c> (page 12, third block) once a page is known,
/// <c>b0037</c> before any page marker. A block or text part inside another is its parent's id plus its position:
/// <c>b0037.2</c> (second block of a quotation, note or list item), <c>b0037.1.2</c> (second block of the first
/// item), table cells <c>b0037.h1</c> (header, column 1) and <c>b0037.r2c3</c>, an epigraph's attribution <c>b0037.a</c>, a table's caption <c>b0037.t</c>;
/// a footnote's first paragraph is the note's own id (<see cref="NoteParagraph"/>).
/// </summary>
public static class BlockIds
{
    public static string OnPage(int page, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"p{page:0000}.b{index:00}");

    public static string Unpaged(int index) => string.Create(CultureInfo.InvariantCulture, $"b{index:0000}");

    /// <summary>The block read at <paramref name="index"/> (from 1) of a page, or of the text before any page marker (page 0).</summary>
    public static string At(int page, int index) => page > 0 ? OnPage(page, index) : Unpaged(index);

    public static string Child(string parent, int position) => string.Create(CultureInfo.InvariantCulture, $"{parent}.{position}");

    /// <summary>
    /// A footnote's paragraphs: the first is addressed by the note's own id, the others as any child. A note is most often
    /// one paragraph, made from a page-foot paragraph of the same id: its text edits (and the editor's decisions on them)
    /// keep their block whether or not the note was bound, and whether they were made before notes held blocks.
    /// </summary>
    public static string NoteParagraph(string note, int position) => position == 1 ? note : Child(note, position);

    public static string Item(string list, int item, int position) => string.Create(CultureInfo.InvariantCulture, $"{list}.{item}.{position}");

    public static string HeaderCell(string table, int column) => string.Create(CultureInfo.InvariantCulture, $"{table}.h{column}");

    public static string BodyCell(string table, int row, int column) => string.Create(CultureInfo.InvariantCulture, $"{table}.r{row}c{column}");

    public static string Attribution(string epigraph) => epigraph + ".a";

    public static string TableCaption(string table) => table + ".t";
}
