using Typeset.Interop.Tesseract;
using Typeset.Model;

namespace Typeset.Ocr;

/// <summary>
/// Tables from page geometry alone. A table row is a line whose words fall apart into cells at gaps far wider than a word
/// space; a table is a run of such lines, one after another, whose cells stand in the same column bands (the bands are
/// where the cells of the rows overlap, so left-, right- and centre-aligned columns all line up). Ruled tables read the
/// same way: Tesseract's line finder takes the rules out before it reads the words, and the cells stay where they were.
/// A run of many-celled rows whose cells cannot be put in common columns (several tables side by side, a form's grid)
/// is <see cref="Unrecovered"/>: the caller shows the region as a picture for the editor rather than run its cells
/// together as text. Tesseract's own "table" label is not trusted: it gives it to prose with a form's blanks too.
/// </summary>
internal static class Tables
{
    /// <summary>Fewest rows a table has (header included).</summary>
    private const int MinRows = 3;

    /// <summary>A cell as read: its words and its horizontal extent.</summary>
    internal sealed record Cell(IReadOnlyList<RecognizedWord> Words, int Left, int Right);

    /// <summary>A line cut into cells; the line is kept for the row's box and its words' inline marks.</summary>
    internal sealed record Row(RecognizedLine Line, IReadOnlyList<Cell> Cells);

    /// <summary>What a run of lines on a page is: prose lines, a recovered table, or a tabular region whose cells are lost.</summary>
    internal abstract record Segment(IReadOnlyList<RecognizedLine> Lines);

    internal sealed record Prose(LaidBlock Block, IReadOnlyList<RecognizedLine> Lines) : Segment(Lines);

    /// <summary>A table: rows of cells, each cell's column index, and each column's alignment.</summary>
    internal sealed record Recovered(IReadOnlyList<RecognizedLine> Lines, IReadOnlyList<IReadOnlyList<(int Column, Cell Cell)>> Rows, IReadOnlyList<ColumnAlignment> Columns)
        : Segment(Lines);

    internal sealed record Unrecovered(IReadOnlyList<RecognizedLine> Lines, string Reason) : Segment(Lines);

    /// <summary>
    /// The page's body blocks in reading order, cut where tables start and end: consecutive body blocks are read as one
    /// run of lines (Tesseract often gives a table's header row a block of its own).
    /// </summary>
    public static List<(LaidBlock Block, Segment Segment)> Segments(IReadOnlyList<LaidBlock> blocks, PageAnalysis page)
    {
        var lines = blocks.SelectMany(b => b.Lines.Select(l => (Block: b, Line: l))).ToList();
        var gap = CellGap(page);
        var rows = lines.Select(l => IsListItem(l.Line, page, gap) ? [new Cell(l.Line.Words, l.Line.Box.X, l.Line.Box.Right)] : CellsOf(l.Line, gap)).ToList();
        var result = new List<(LaidBlock, Segment)>();
        var i = 0;
        while (i < lines.Count)
        {
            var (run, recoverable) = TableRunAt(lines, rows, i, page);
            if (run > 0)
            {
                var runLines = lines.Skip(i).Take(run).Select(l => l.Line).ToList();
                var runRows = rows.Skip(i).Take(run).ToList();
                result.Add((lines[i].Block, recoverable ? Recover(runLines, runRows) : new Unrecovered(runLines, "its rows' cells do not stand in common columns")));
                i += run;
                continue;
            }

            // Prose: the lines up to the next table start or the block's end.
            var start = i;
            var prose = lines[i].Block;
            i++;
            while (i < lines.Count && lines[i].Block == prose && TableRunAt(lines, rows, i, page).Length == 0)
            {
                i++;
            }

            result.Add((prose, new Prose(prose, lines.Skip(start).Take(i - start).Select(l => l.Line).ToList())));
        }

        return result;
    }

    /// <summary>
    /// A gap between words wide enough to part two cells: several times the page's usual word space (the spaces under a
    /// line height: a cell gap is no word space) and most of a line height (a justified line's widest space stays under it).
    /// </summary>
    internal static double CellGap(PageAnalysis page)
    {
        var spaces = new List<double>();
        foreach (var line in page.Body.SelectMany(b => b.Lines))
        {
            for (var w = 1; w < line.Words.Count; w++)
            {
                var space = line.Words[w].Box.X - line.Words[w - 1].Box.Right;
                if (space > 0 && space < page.LineHeight)
                {
                    spaces.Add(space);
                }
            }
        }

        var wordSpace = spaces.Count > 0 ? PageLayout.Percentile(spaces, 0.5) : page.LineHeight * 0.35;
        return Math.Max(2.5 * wordSpace, 0.8 * page.LineHeight);
    }

    internal static List<Cell> CellsOf(RecognizedLine line, double gap)
    {
        var cells = new List<Cell>();
        var words = line.Words.Where(w => !IsRuleNoise(w)).ToList();
        var current = new List<RecognizedWord>();
        foreach (var word in words)
        {
            if (current.Count > 0 && word.Box.X - current[^1].Box.Right > gap)
            {
                cells.Add(new Cell(current, current[0].Box.X, current.Max(w => w.Box.Right)));
                current = [];
            }

            current.Add(word);
        }

        if (current.Count > 0)
        {
            cells.Add(new Cell(current, current[0].Box.X, current.Max(w => w.Box.Right)));
        }

        return cells;
    }

    /// <summary>
    /// A list item set with a tab after its marker (a bullet or dash, or a number with nothing but its text after it):
    /// a list, which the layout makes of it, not a table of two columns.
    /// </summary>
    private static bool IsListItem(RecognizedLine line, PageAnalysis page, double gap) =>
        ListMarkers.Of(line, page.LineHeight) is { } marker && (marker.Kind is ListMarkerKind.Bullet or ListMarkerKind.Dash || CellsOf(line, gap).Count <= 2);

    /// <summary>A vertical rule Tesseract read as a letter (<c>|</c>, <c>I</c>, <c>l</c>): no cell's text.</summary>
    private static bool IsRuleNoise(RecognizedWord word) => word.Text is "|" or "||" or "¦" or "[" or "]";

    /// <summary>
    /// How many lines from <paramref name="at"/> form a table (0 when none starts there): consecutive lines of two or more
    /// cells, close one under the other, whose cells share column bands; a line of one cell inside the run (a row
    /// label alone, a cell wrapped to a second line) belongs to it when table rows stand on both sides. A run of rows of
    /// three or more cells whose cells do not fit common bands is tabular but not recoverable (a grid of several tables
    /// side by side); with fewer cells a row is prose with a gap in it.
    /// </summary>
    private static (int Length, bool Recoverable) TableRunAt(List<(LaidBlock Block, RecognizedLine Line)> lines, List<List<Cell>> rows, int at, PageAnalysis page)
    {
        if (rows[at].Count < 2)
        {
            return (0, false);
        }

        var end = at + 1;
        while (end < lines.Count && lines[end].Line.Box.Y - lines[end - 1].Line.Box.Bottom <= 2.5 * page.LineHeight)
        {
            if (rows[end].Count >= 2)
            {
                end++;
            }
            else if (end + 1 < lines.Count && rows[end + 1].Count >= 2 && lines[end + 1].Line.Box.Y - lines[end].Line.Box.Bottom <= 2.5 * page.LineHeight)
            {
                end += 2;
            }
            else
            {
                break;
            }
        }

        var runRows = rows.Skip(at).Take(end - at).ToList();
        var multi = runRows.Where(r => r.Count >= 2).ToList();
        if (multi.Count < MinRows)
        {
            return (0, false);
        }

        // A band taking most of the run's width is prose with a gap in it (a form's blank, a tab), not a column.
        var bands = Bands(runRows);
        var width = bands.Count == 0 ? 0 : bands[^1].Right - bands[0].Left;
        var fitting = bands.Count < 2 || bands.Any(b => b.Right - b.Left > 0.6 * width) ? 0 : multi.Count(r => Assign(r, bands) is not null);
        if (fitting * 3 >= multi.Count * 2)
        {
            return LooksLikeContents(runRows, bands) ? (0, false) : (end - at, true);
        }

        var wide = PageLayout.Percentile(multi.Select(r => (double)r.Count), 0.5) >= 3;
        return wide && multi.Count >= 2 * MinRows ? (end - at, false) : (0, false);
    }

    /// <summary>
    /// The column bands: the union of the cells' extents over the rows with the most common number of cells (a row whose
    /// label spans two columns does not weld two bands together).
    /// </summary>
    internal static List<(int Left, int Right)> Bands(IReadOnlyList<List<Cell>> rows)
    {
        var counts = rows.Where(r => r.Count >= 2).GroupBy(r => r.Count).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).ToList();
        if (counts.Count == 0)
        {
            return [];
        }

        var typical = counts[0].Key;
        var intervals = rows.Where(r => r.Count == typical).SelectMany(r => r).Select(c => (c.Left, c.Right)).OrderBy(c => c.Left).ToList();
        var bands = new List<(int Left, int Right)>();
        foreach (var (left, right) in intervals)
        {
            if (bands.Count > 0 && left <= bands[^1].Right)
            {
                bands[^1] = (bands[^1].Left, Math.Max(bands[^1].Right, right));
            }
            else
            {
                bands.Add((left, right));
            }
        }

        return bands;
    }

    /// <summary>Each cell's band (the one it overlaps most, or the nearest); null when two cells of the row share one.</summary>
    internal static List<(int Column, Cell Cell)>? Assign(IReadOnlyList<Cell> row, List<(int Left, int Right)> bands)
    {
        var assigned = new List<(int Column, Cell Cell)>();
        foreach (var cell in row)
        {
            var best = Enumerable.Range(0, bands.Count)
                .OrderByDescending(b => Math.Min(cell.Right, bands[b].Right) - Math.Max(cell.Left, bands[b].Left))
                .First();
            if (assigned.Count > 0 && assigned[^1].Column >= best)
            {
                return null;
            }

            assigned.Add((best, cell));
        }

        return assigned;
    }

    /// <summary>
    /// A printed contents set without leaders (entry, gap, page number): two columns, the second all numbers rising.
    /// It is left as text for the front-matter stage, which replaces it by the generated contents.
    /// </summary>
    private static bool LooksLikeContents(IReadOnlyList<List<Cell>> rows, List<(int Left, int Right)> bands)
    {
        if (bands.Count != 2)
        {
            return false;
        }

        var numbers = rows.Where(r => r.Count == 2).Select(r => int.TryParse(string.Concat(r[1].Words.Select(w => w.Text)), out var n) ? n : (int?)null).ToList();
        return numbers.Count >= MinRows && numbers.All(n => n is not null) && numbers.Zip(numbers.Skip(1)).All(p => p.Second >= p.First);
    }

    /// <summary>
    /// The table's cells: once the bands are known, each word goes to the band it overlaps most (or the nearest), so a
    /// stray mark in a gap or a narrow gap inside a row no longer decides where a cell ends. A run whose rows mostly
    /// fail to fit the bands is not recovered.
    /// </summary>
    private static Segment Recover(List<RecognizedLine> lines, List<List<Cell>> rows)
    {
        var bands = Bands(rows);
        var assigned = new List<IReadOnlyList<(int Column, Cell Cell)>>();
        foreach (var row in rows)
        {
            var words = row.SelectMany(c => c.Words).GroupBy(w => BandOf(w.Box, bands)).OrderBy(g => g.Key);
            assigned.Add(words.Select(g => (g.Key, new Cell(g.ToList(), g.Min(w => w.Box.X), g.Max(w => w.Box.Right)))).ToList());
        }

        var columns = Enumerable.Range(0, bands.Count).Select(column =>
        {
            var texts = assigned.Skip(1).SelectMany(r => r).Where(c => c.Column == column).Select(c => CellText(c.Cell)).ToList();
            var numeric = texts.Count(IsNumber);
            return texts.Count > 0 && numeric * 3 >= texts.Count * 2 ? ColumnAlignment.Right : ColumnAlignment.Default;
        }).ToList();
        return new Recovered(lines, assigned, columns);
    }

    private static int BandOf(Box box, List<(int Left, int Right)> bands) =>
        Enumerable.Range(0, bands.Count)
            .OrderByDescending(b => Math.Min(box.Right, bands[b].Right) - Math.Max(box.X, bands[b].Left))
            .First();

    internal static string CellText(Cell cell) => string.Join(' ', cell.Words.Select(w => w.Text));

    private static bool IsNumber(string text) =>
        text.Length > 0 && text.Count(char.IsDigit) * 2 >= text.Count(c => !char.IsWhiteSpace(c)) && !text.Any(char.IsLetter);
}
