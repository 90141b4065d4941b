using System.Text.RegularExpressions;
using Typeset.Model;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// Tables, measured then drawn (as QuestPDF's table does): every cell's narrowest width (its longest word) and natural
/// width (its text on one line) give the columns; rows are the flow's elements, so a table breaks between rows with its
/// header set again at the top of the next page. Ragged rows are padded, a table too wide is set smaller, and one too
/// wide even then is split into column groups, each repeating the first column; both with a warning.
/// </summary>
internal sealed partial class BookComposer
{
    private void AddTable(Table table, Frame frame, ReferenceCounter counter, List<FlowElement> into)
    {
        var columns = table.ColumnCount;
        if (columns == 0)
        {
            return;
        }

        foreach (var (row, r) in table.Rows.Select((row, r) => (row, r)).Where(p => p.row.Cells.Count != columns))
        {
            warnings.Add(new BookWarning(table.Id, WarningKind.Table, $"row {r + 1} has {row.Cells.Count} cells, the table {columns} columns; {(row.Cells.Count < columns ? "padded with empty cells" : "the header is padded")}"));
        }

        if (table.Caption.Count > 0)
        {
            // The caption above the table (as Russian books and GOST 7.32 set it), kept with the table's first row; tagged
            // as the table's Caption.
            var captionStyle = new ParagraphStyle(body, FontVariant.Italic, Size * frame.Scale) { Mono = mono };
            var captionNode = NewNode(table.Id, "Caption", frame.TopLevel);
            into.AddRange(SetRaggedAt(table.Caption, captionStyle, Leading * frame.Scale, TextAlign.Left, frame with { Ragged = true }, counter)
                .Select(line => line with { KeepWithNext = true, Structure = [captionNode] }));
        }

        if (frame.InNote)
        {
            // A note's lines are text only: each row becomes a line of its cells.
            foreach (var row in table.AllRows)
            {
                var cells = row.Cells.Select(cell => cell.Content).Where(content => content.Count > 0).ToList();
                var joined = cells.SelectMany((content, i) => i == 0 ? content : content.Prepend(new Text(" — "))).ToValueList();
                AddParagraphIn(joined, frame with { Ragged = true }, counter, into, indent: false);
            }

            return;
        }

        var available = geometry.TextWidth - frame.Left - frame.Right;
        var scale = TableScale * frame.Scale;
        var measured = Measure(table, columns, scale);
        if (measured.MinTotal > available)
        {
            var shrink = available / measured.MinTotal;
            if (shrink >= SmallestTableScale)
            {
                warnings.Add(new BookWarning(table.Id, WarningKind.Table, $"table wider than the page: set in {shrink:P0} of the table type size"));
                scale *= shrink * 0.98;
                measured = Measure(table, columns, scale);
            }
            else
            {
                var groups = ColumnGroups(measured, available);
                warnings.Add(new BookWarning(table.Id, WarningKind.Table, $"table of {columns} columns too wide for the page even in smaller type: split into {groups.Count} tables, each repeating the first column"));
                foreach (var group in groups)
                {
                    SetTable(table, group, Measure(table, columns, scale), scale, frame, counter, into, available);
                    AddSpace(into, frame, Leading / 2);
                }

                return;
            }
        }

        SetTable(table, Enumerable.Range(0, columns).ToList(), measured, scale, frame, counter, into, available);
    }

    private sealed record TableMeasure(double[] Min, double[] Max, bool[] Numeric, double Padding)
    {
        public double MinTotal => Min.Sum();

        public double MaxTotal => Max.Sum();
    }

    private TableMeasure Measure(Table table, int columns, double scale)
    {
        var size = Size * scale;
        var padding = 0.5 * size;
        var min = new double[columns];
        var max = new double[columns];
        var numeric = new bool[columns];
        for (var c = 0; c < columns; c++)
        {
            var bodyCells = table.Rows.Where(row => c < row.Cells.Count).Select(row => Inlines.PlainText(row.Cells[c].Content).Trim()).Where(text => text.Length > 0).ToList();
            numeric[c] = bodyCells.Count > 0 && bodyCells.All(text => NumberPattern().IsMatch(text));
        }

        foreach (var row in table.AllRows)
        {
            var header = ReferenceEquals(row, table.Header);
            for (var c = 0; c < row.Cells.Count && c < columns; c++)
            {
                var items = ParagraphBuilder.Build(row.Cells[c].Content, CellStyle(size, header), double.MaxValue / 4, hyphenation);
                var (narrowest, natural) = Widths(items);
                min[c] = Math.Max(min[c], narrowest + 2 * padding);
                max[c] = Math.Max(max[c], natural + 2 * padding);
            }
        }

        return new TableMeasure(min, max, numeric, padding);
    }

    private ParagraphStyle CellStyle(double size, bool header) => new(body, header ? FontVariant.Bold : FontVariant.Regular, size) { Mono = mono };

    /// <summary>The widest unbreakable piece (a word, or a hyphenation piece with its hyphen) and the whole text on one line.</summary>
    private static (double Narrowest, double Natural) Widths(List<LineItem> items)
    {
        double narrowest = 0, natural = 0, piece = 0;
        foreach (var item in items)
        {
            switch (item)
            {
                case Box box:
                    piece += box.Width;
                    natural += box.Width;
                    break;
                case Glue glue:
                    narrowest = Math.Max(narrowest, piece);
                    piece = 0;
                    natural += double.IsInfinity(glue.Stretch) ? 0 : glue.Width;
                    break;
                case Penalty penalty when penalty.IsAllowed:
                    narrowest = Math.Max(narrowest, piece + penalty.Width);
                    piece = 0;
                    break;
            }
        }

        return (Math.Max(narrowest, piece), natural);
    }

    /// <summary>Column groups that fit the measure, each starting with the first column (the row's key).</summary>
    private static List<List<int>> ColumnGroups(TableMeasure measured, double available)
    {
        var groups = new List<List<int>>();
        var current = new List<int> { 0 };
        var width = measured.Min[0];
        for (var c = 1; c < measured.Min.Length; c++)
        {
            if (current.Count > 1 && width + measured.Min[c] > available)
            {
                groups.Add(current);
                current = [0];
                width = measured.Min[0];
            }

            current.Add(c);
            width += measured.Min[c];
        }

        groups.Add(current);
        return groups;
    }

    private void SetTable(Table table, List<int> columns, TableMeasure measured, double scale, Frame frame, ReferenceCounter counter, List<FlowElement> into, double available)
    {
        // Widths: natural when they fit (widened to the measure), else between narrowest and natural in proportion.
        var min = columns.Select(c => measured.Min[c]).ToArray();
        var max = columns.Select(c => measured.Max[c]).ToArray();
        double[] widths;
        if (max.Sum() <= available)
        {
            var extra = (available - max.Sum()) / max.Length;
            widths = max.Select(w => w + extra).ToArray();
        }
        else if (min.Sum() < available)
        {
            var share = (available - min.Sum()) / (max.Sum() - min.Sum());
            widths = min.Select((w, i) => w + (max[i] - w) * share).ToArray();
        }
        else
        {
            widths = min.Select(w => w * available / min.Sum()).ToArray();
        }

        var size = Size * scale;
        var leading = Leading * scale;
        TableRowElement? header = null;
        var first = true;
        foreach (var row in table.AllRows)
        {
            var isHeader = ReferenceEquals(row, table.Header);
            if (isHeader && row.Cells.Count == 0)
            {
                continue;
            }

            var cells = new List<TableCellLines>();
            var rowNode = NewNode(table.Id, "TR", frame.TopLevel);
            var x = frame.Left;
            for (var k = 0; k < columns.Count; k++)
            {
                var c = columns[k];
                var measure = Math.Max(size, widths[k] - 2 * measured.Padding);
                var alignment = c < table.Columns.Count ? table.Columns[c] : ColumnAlignment.Default;
                var align = alignment switch
                {
                    ColumnAlignment.Right => TextAlign.Right,
                    ColumnAlignment.Center => TextAlign.Center,
                    ColumnAlignment.Left => TextAlign.Left,
                    _ => measured.Numeric[c] && !isHeader ? TextAlign.Right : TextAlign.Left,
                };
                var content = c < row.Cells.Count ? row.Cells[c].Content : ValueList<Inline>.Empty;
                var cellFrame = frame with { Left = 0, Right = geometry.TextWidth - measure };
                var lines = SetRaggedAt(content, CellStyle(size, isHeader), leading, align, cellFrame, counter);
                cells.Add(new TableCellLines(x + measured.Padding, lines) { Header = isHeader });
                x += widths[k];
            }

            var height = cells.Max(cell => cell.Lines.Sum(line => line.Height)) + leading * 0.4;
            var element = new TableRowElement(height, cells, frame.Left, widths.Sum())
            {
                RuleAbove = first,
                RuleBelow = isHeader || ReferenceEquals(row, table.Rows.LastOrDefault()),
                RepeatHeader = isHeader ? null : header,
                KeepWithNext = isHeader,
                Structure = [rowNode],
            };
            if (isHeader)
            {
                header = element;
            }

            into.Add(element);
            first = false;
        }

        AddSpace(into, frame, Leading / 2);
    }

    /// <summary>A number as tables hold them: digits with spaces, separators, signs and a unit sign.</summary>
    [GeneratedRegex(@"^[+\-−–]?[\d\s\u00A0\u202F.,]+%?$")]
    private static partial Regex NumberPattern();
}
