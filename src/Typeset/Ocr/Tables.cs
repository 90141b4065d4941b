using System.Globalization;
using Typeset.Interop.Tesseract;
using Typeset.Model;

namespace Typeset.Ocr;

/// <summary>
/// Tables from page geometry alone. A table row is a line whose words fall apart into cells at gaps far wider than a word
/// space; a table is a run of such lines, one after another, whose cells stand in the same column bands (the bands are
/// where the cells of the rows overlap, so left-, right- and centre-aligned columns all line up). Ruled tables read the
/// same way: Tesseract's line finder takes the rules out before it reads the words, and the cells stay where they were.
/// A run of many-celled rows whose cells cannot be put in common columns (several tables side by side, a form's grid)
/// is <see cref="Unrecovered"/>: the caller keeps its lines as lines, flagged for the editor, rather than run its cells
/// together as text. Aligned gaps alone are no table: a run also needs a table's evidence (see <see cref="HasTableEvidence"/>),
/// or it stays prose. Tesseract's own "table" label is not trusted: it gives it to prose with a form's blanks too.
/// </summary>
internal static partial class Tables
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

    /// <summary>A row of a recovered table: the lines it stands on (more than one when a cell wraps) and its cells by column.</summary>
    internal sealed record RecoveredRow(IReadOnlyList<RecognizedLine> Lines, IReadOnlyList<(int Column, Cell Cell)> Cells);

    /// <summary>
    /// A table: its rows, each column's alignment, whether the first row is a header, and the lines above it that
    /// caption it («Таблица 3», a title), empty when none.
    /// </summary>
    internal sealed record Recovered(IReadOnlyList<RecognizedLine> Lines, IReadOnlyList<RecoveredRow> Rows, IReadOnlyList<ColumnAlignment> Columns, bool HasHeader)
        : Segment(Lines)
    {
        public IReadOnlyList<RecognizedLine> Caption { get; init; } = [];
    }

    internal sealed record Unrecovered(IReadOnlyList<RecognizedLine> Lines, string Reason) : Segment(Lines);

    /// <summary>
    /// The page's body blocks in reading order, cut where tables start and end: consecutive body blocks are read as one
    /// run of lines (Tesseract often gives a table's header row a block of its own). A run that looks tabular but has no
    /// evidence of a table stays prose, line by line in its blocks.
    /// </summary>
    public static List<(LaidBlock Block, Segment Segment)> Segments(IReadOnlyList<LaidBlock> blocks, PageAnalysis page)
    {
        var lines = blocks.SelectMany(b => b.Lines.Select(l => (Block: b, Line: l))).ToList();
        var gap = CellGap(page);
        var rows = lines.Select(l => IsListItem(l.Line, page, gap) ? [new Cell(l.Line.Words, l.Line.Box.X, l.Line.Box.Right)] : CellsOf(l.Line, gap)).ToList();
        var result = new List<(LaidBlock, Segment)>();
        LaidBlock? proseBlock = null;
        var proseLines = new List<RecognizedLine>();
        void FlushProse()
        {
            if (proseBlock is not null && proseLines.Count > 0)
            {
                result.Add((proseBlock, new Prose(proseBlock, proseLines)));
            }

            proseBlock = null;
            proseLines = [];
        }

        var i = 0;
        while (i < lines.Count)
        {
            var (run, segment) = TableRunAt(lines, rows, i, page);
            if (segment is not null)
            {
                if (segment is Recovered table && CaptionAbove(proseLines) is { Count: > 0 } caption)
                {
                    proseLines.RemoveRange(proseLines.Count - caption.Count, caption.Count);
                    segment = table with { Caption = caption };
                }

                FlushProse();
                result.Add((lines[i].Block, segment));
                i += run;
                continue;
            }

            // Prose: one line, or the whole of a tabular-looking run without a table's evidence (its tail is no table either).
            for (var end = i + Math.Max(run, 1); i < end; i++)
            {
                if (proseBlock != lines[i].Block)
                {
                    FlushProse();
                    proseBlock = lines[i].Block;
                }

                proseLines.Add(lines[i].Line);
            }
        }

        FlushProse();
        return result;
    }

    /// <summary>
    /// The caption of a table: the last line above it when it starts with «Таблица N» (Table, Табл.), or the last two
    /// when the line before the last does (the number, then the table's title).
    /// </summary>
    private static List<RecognizedLine> CaptionAbove(List<RecognizedLine> prose)
    {
        static bool Numbered(RecognizedLine line) => CaptionStart().IsMatch(string.Join(' ', line.Words.Select(w => w.Text)));
        if (prose.Count >= 1 && Numbered(prose[^1]))
        {
            return [prose[^1]];
        }

        return prose.Count >= 2 && Numbered(prose[^2]) && prose[^1].Words.Count <= 12 ? [prose[^2], prose[^1]] : [];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Таблица|ТАБЛИЦА|Табл\.|Table|TABLE)\s*(№\s*)?([0-9]+|[IVXLC]+)(\.[0-9]+)*\b")]
    private static partial System.Text.RegularExpressions.Regex CaptionStart();

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
    private static (int Length, Segment? Segment) TableRunAt(List<(LaidBlock Block, RecognizedLine Line)> lines, List<List<Cell>> rows, int at, PageAnalysis page)
    {
        if (rows[at].Count < 2)
        {
            return (0, null);
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
            return (0, null);
        }

        // A band taking most of the run's width is prose with a gap in it (a form's blank, a tab), not a column.
        var bands = Bands(runRows);
        var width = bands.Count == 0 ? 0 : bands[^1].Right - bands[0].Left;
        var fitting = bands.Count < 2 || bands.Any(b => b.Right - b.Left > 0.6 * width) ? 0 : multi.Count(r => Assign(r, bands) is not null);
        var runLines = lines.Skip(at).Take(end - at).Select(l => l.Line).ToList();
        if (fitting * 3 >= multi.Count * 2)
        {
            if (LooksLikeContents(runRows, bands))
            {
                return (0, null);
            }

            var table = Recover(runLines, runRows);
            return (end - at, HasTableEvidence(table) ? table : null);
        }

        var wide = PageLayout.Percentile(multi.Select(r => (double)r.Count), 0.5) >= 3;
        return wide && multi.Count >= 2 * MinRows ? (end - at, new Unrecovered(runLines, "its rows' cells do not stand in common columns")) : (0, null);
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
    /// stray mark in a gap or a narrow gap inside a row no longer decides where a cell ends. A line that continues the
    /// row above (a cell wrapped onto a second line) joins that row; the first row is a header only when it looks like one.
    /// </summary>
    private static Recovered Recover(List<RecognizedLine> lines, List<List<Cell>> rows)
    {
        var bands = Bands(rows);
        var assigned = new List<RecoveredRow>();
        for (var r = 0; r < rows.Count; r++)
        {
            var words = rows[r].SelectMany(c => c.Words).GroupBy(w => BandOf(w.Box, bands)).OrderBy(g => g.Key);
            var row = new RecoveredRow([lines[r]], words.Select(g => (g.Key, new Cell(g.ToList(), g.Min(w => w.Box.X), g.Max(w => w.Box.Right)))).ToList());
            if (assigned.Count > 0 && Continues(row, assigned[^1]))
            {
                assigned[^1] = Join(assigned[^1], row);
                continue;
            }

            assigned.Add(row);
        }

        // A column of numbers: mostly numbers below the first row (which may be a header), or over all rows.
        bool MostlyNumbers(IEnumerable<RecoveredRow> rows, int column)
        {
            var texts = rows.SelectMany(r => r.Cells).Where(c => c.Column == column).Select(c => CellText(c.Cell)).ToList();
            return texts.Count >= 2 && texts.Count(IsNumber) * 3 >= texts.Count * 2;
        }

        var numeric = Enumerable.Range(0, bands.Count).Select(column => MostlyNumbers(assigned.Skip(1), column) || assigned.Count >= 3 && MostlyNumbers(assigned, column)).ToList();
        var columns = numeric.Select(n => n ? ColumnAlignment.Right : ColumnAlignment.Default).ToList();
        return new Recovered(lines, assigned, columns, LooksLikeHeader(assigned, numeric));
    }

    /// <summary>
    /// A line continues the row above when no column has text in both except where its text runs on (a cell starting in
    /// lower case, or the one above ending in a hyphen or comma), and the two are not both full (two full rows are two rows).
    /// </summary>
    private static bool Continues(RecoveredRow row, RecoveredRow above)
    {
        var shared = row.Cells.Where(c => above.Cells.Any(a => a.Column == c.Column)).ToList();
        if (shared.Count == 0 || !Partial(row, above))
        {
            return false;
        }

        return shared.All(c =>
        {
            var text = CellText(c.Cell);
            var before = CellText(above.Cells.First(a => a.Column == c.Column).Cell);
            return !IsNumber(text) && !IsNumber(before) && (text.Length > 0 && char.IsLower(text[0]) || before.EndsWith('-') || before.EndsWith(','));
        });
    }

    /// <summary>One of the two rows leaves a column empty that the other fills.</summary>
    private static bool Partial(RecoveredRow row, RecoveredRow above) =>
        row.Cells.Any(c => above.Cells.All(a => a.Column != c.Column)) || above.Cells.Any(a => row.Cells.All(c => c.Column != a.Column));

    private static RecoveredRow Join(RecoveredRow above, RecoveredRow row)
    {
        var cells = above.Cells.Concat(row.Cells).GroupBy(c => c.Column).OrderBy(g => g.Key).Select(g =>
        {
            var words = g.SelectMany(c => c.Cell.Words).ToList();
            return (g.Key, new Cell(words, g.Min(c => c.Cell.Left), g.Max(c => c.Cell.Right)));
        }).ToList();
        return new RecoveredRow([.. above.Lines, .. row.Lines], cells);
    }

    /// <summary>
    /// The first row is a header when it is set bold and the body is not; when, over the columns of numbers, it holds no
    /// numbers or only a rising series (years, column numbers); or, in a table of text, when it names every column
    /// (the first, over the row labels, may be empty).
    /// </summary>
    private static bool LooksLikeHeader(IReadOnlyList<RecoveredRow> rows, IReadOnlyList<bool> numeric)
    {
        if (rows.Count < 2)
        {
            return false;
        }

        static bool Bold(RecoveredRow row) => row.Cells.SelectMany(c => c.Cell.Words).All(w => w.Bold);
        if (Bold(rows[0]) && !rows.Skip(1).All(Bold))
        {
            return true;
        }

        var first = rows[0].Cells.ToDictionary(c => c.Column, c => CellText(c.Cell));
        var numberColumns = Enumerable.Range(0, numeric.Count).Where(c => numeric[c]).ToList();
        if (numberColumns.Count > 0)
        {
            var over = numberColumns.Where(first.ContainsKey).Select(c => (Column: c, Text: first[c])).ToList();
            if (over.Count == 0)
            {
                return false;
            }

            if (over.All(c => !IsNumber(c.Text)))
            {
                return true;
            }

            var values = over.Select(c => (c.Column, Value: long.TryParse(c.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (long?)null))
                .Where(c => c.Value is not null).ToList();
            if (values.Count < 2 || values.Count * 3 < over.Count * 2)
            {
                return false;
            }

            // A constant step per column: 1926, 1927, 1928… or 1900, 1910, 1920… or 1, 2, 3…
            var step = (double)(values[1].Value!.Value - values[0].Value!.Value) / (values[1].Column - values[0].Column);
            return step > 0 && values.Zip(values.Skip(1)).All(p => (double)(p.Second.Value!.Value - p.First.Value!.Value) / (p.Second.Column - p.First.Column) == step);
        }

        return Enumerable.Range(1, numeric.Count - 1).All(first.ContainsKey);
    }

    /// <summary>
    /// Aligned gaps alone do not make a table: side-by-side form layouts and prose read across two columns have them too.
    /// A table's cells are words, numbers or dashes — not a form's blanks, not runs of prose, not crumbs of punctuation
    /// (a picture or a column read askew) — and it has a column of numbers, or three or more columns of short cells
    /// (in every column) whose rows mostly have the same number of cells.
    /// </summary>
    private static bool HasTableEvidence(Recovered table)
    {
        var cells = table.Rows.SelectMany(r => r.Cells).Select(c => (Text: CellText(c.Cell), Words: c.Cell.Words.Count)).ToList();
        if (cells.Count == 0)
        {
            return false;
        }

        double Share(Func<(string Text, int Words), bool> predicate) => (double)cells.Count(predicate) / cells.Count;
        if (Share(c => c.Text.Contains(Blanks.Blank, StringComparison.Ordinal)) > 0.15
            || Share(c => c.Words >= 6) > 0.25
            || Share(c => IsCrumb(c.Text)) > 0.15)
        {
            return false;
        }

        if (table.Columns.Any(c => c == ColumnAlignment.Right))
        {
            return true;
        }

        // Without numbers: short cells in every column (a column of running text beside crumbs is prose read across).
        var counts = table.Rows.Select(r => r.Cells.Count).Where(n => n >= 2).ToList();
        var typical = counts.GroupBy(n => n).MaxBy(g => g.Count())!;
        var columnWords = table.Rows.SelectMany(r => r.Cells).GroupBy(c => c.Column).Select(g => PageLayout.Percentile(g.Select(c => (double)c.Cell.Words.Count).ToList(), 0.5));
        return table.Columns.Count >= 3
            && typical.Count() * 3 >= counts.Count * 2
            && PageLayout.Percentile(cells.Select(c => (double)c.Words).ToList(), 0.5) <= 3
            && columnWords.All(words => words <= 3);
    }

    /// <summary>A cell of neither a word of two letters, nor a digit, nor a dash (the mark of no data).</summary>
    private static bool IsCrumb(string text) =>
        !text.Any(char.IsDigit) && text.Trim() is not ("—" or "–" or "-" or "-—") && !text.Split(' ').Any(w => w.Count(char.IsLetter) >= 2);

    private static int BandOf(Box box, List<(int Left, int Right)> bands) =>
        Enumerable.Range(0, bands.Count)
            .OrderByDescending(b => Math.Min(box.Right, bands[b].Right) - Math.Max(box.X, bands[b].Left))
            .First();

    internal static string CellText(Cell cell) => string.Join(' ', cell.Words.Select(w => w.Text));

    /// <summary>A number, with its unit after it when it has one (<c>4 700 руб.</c>, <c>12 кг</c>, <c>10%</c>).</summary>
    private static bool IsNumber(string text)
    {
        text = text.Trim(' ', '|', '[', ']');
        if (TrailingUnit().Match(text) is { Success: true } unit)
        {
            text = text[..unit.Index];
        }

        return text.Length > 0 && text.Count(char.IsDigit) * 2 >= text.Count(c => !char.IsWhiteSpace(c)) && !text.Any(char.IsLetter);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s\p{Ll}{1,4}\.?$")]
    private static partial System.Text.RegularExpressions.Regex TrailingUnit();
}
