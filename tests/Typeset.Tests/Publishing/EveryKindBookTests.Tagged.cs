using System.Text.RegularExpressions;
using Typeset.Tests.Support;

namespace Typeset.Tests.Publishing;

public sealed partial class EveryKindBookTests
{
    /// <summary>
    /// The structure tree as poppler reads it: every kind of block has its standard element, nested where the book
    /// nests it — list items with their labels and bodies, table rows with header cells (scope Column) and data cells,
    /// the epigraph's verse, notes with their numbers as labels, figures with alt text, the front matter's sections.
    /// </summary>
    [Fact]
    public void The_structure_tree_holds_every_kind_of_block()
    {
        var tree = ExternalTool.Run("pdfinfo", "-struct", written.PdfPath);
        foreach (var element in new[] { "Document", "H1", "H2", "H3", "H4", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "BlockQuote", "Note", "Figure", "Caption", "Sect", "TOC", "TOCI", "Link" })
        {
            Assert.Matches($@"(?m)^\s*{element}\b", tree);
        }

        // Nesting: a list item holds its label then its body; a body holds a nested list.
        Assert.Matches(@"(?m)^(\s*)LI\b.*\n\1  Lbl\b.*\n(\1    .*\n)*\1  LBody\b", tree);
        Assert.Matches(@"(?m)^(\s*)LBody\b.*\n(\1  .*\n)*\1  L\b", tree);

        // The table's caption is its first child.
        Assert.Matches(@"(?m)^(\s*)Table\b.*\n\1  Caption\b", tree);

        // A row of the header holds header cells scoped to their column; the repeated header on a later page is not read again.
        Assert.Matches(@"(?m)^(\s*)TR\b.*\n\1  TH\b", tree);

        // The ragged table's header is padded with an empty cell for the widest row: four header cells, then a data cell.
        Assert.Matches(@"(?m)^(\s*)TR\n(\1  TH:\n\1     /Scope /Column\n){4}\1  TD\n\1TR\n", tree);

        // The epigraph's verse, and notes whose number is their label.
        Assert.Matches(@"(?m)^(\s*)BlockQuote\b.*\n\1  Div\b.*\n\1    P\b", tree);
        Assert.Matches(@"(?m)^(\s*)Note\b.*\n\1  Lbl\b", tree);

        // The tagged text has its word spaces: inside lines, at line ends (not after a hyphenation break), in verse.
        var text = ExternalTool.Run("pdfinfo", "-struct-text", written.PdfPath);
        Assert.Contains("Мука да вода, да тепло от печи — вот и весь секрет", text, StringComparison.Ordinal);
        Assert.Contains("если соблюдать несколько простых правил.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("несколькопростых", text, StringComparison.Ordinal);
    }
}
