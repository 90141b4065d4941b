using SkiaSharp;
using Typeset.Edits;
using Typeset.Interop.Tesseract;
using Typeset.Model;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

/// <summary>
/// Tables from page geometry: rows of cells in column bands become a <see cref="Table"/>; prose, a printed contents and a
/// region whose cells are lost do not. The end-to-end tests draw ruled and unruled tables, read them with our OCR and
/// compare the cells.
/// </summary>
public sealed class TablesTests
{
    private const int LineHeight = 40;

    /// <summary>Words laid out from <paramref name="x"/> (12 px a letter, 12 px spaces), on a line at <paramref name="y"/>.</summary>
    private static List<RecognizedWord> Words(int x, int y, string text)
    {
        var words = new List<RecognizedWord>();
        foreach (var word in text.Split(' '))
        {
            words.Add(new RecognizedWord(word, 90, new Box(x, y + 8, word.Length * 12, 28), false, false, 0, null));
            x += word.Length * 12 + 12;
        }

        return words;
    }

    /// <summary>A line whose cells start at the given x positions.</summary>
    private static RecognizedLine Row(int y, params (int X, string Text)[] cells)
    {
        var words = cells.SelectMany(c => Words(c.X, y, c.Text)).ToList();
        return new RecognizedLine(new Box(words[0].Box.X, y, words[^1].Box.Right - words[0].Box.X, LineHeight), y + 32, false, words);
    }

    private static List<Block> Layout(params RecognizedLine[] lines)
    {
        var block = new RecognizedBlock(BlockKind.FlowingText, PageLayout.Union(lines.Select(l => l.Box)), lines);
        var page = PageLayout.Analyse([new OcrPage(1, "p.png", 0, 300, new RecognizedPage(2000, 3000, [block]), [])]);
        var footnotes = 0;
        return PageLayout.Blocks(page[0], _ => false, ref footnotes);
    }

    private static string[][] Cells(Table table) =>
        table.AllRows.Select(row => row.Cells.Select(cell => Inlines.PlainText(cell.Content)).ToArray()).ToArray();

    [Fact]
    public void Lines_of_cells_in_column_bands_become_a_table_with_a_header_and_numbers_aligned_right()
    {
        var blocks = Layout(
            Row(100, (100, "Город"), (700, "Жители,"), (1000, "Площадь")),
            Row(150, (100, "Вологда"), (736, "310"), (1024, "116")),
            Row(200, (100, "Великий Устюг"), (748, "30"), (1024, "127")),
            Row(250, (100, "Тотьма"), (748, "10"), (1036, "18")));

        var table = Assert.Single(blocks.OfType<Table>());
        Assert.Equal(
            [["Город", "Жители,", "Площадь"], ["Вологда", "310", "116"], ["Великий Устюг", "30", "127"], ["Тотьма", "10", "18"]],
            Cells(table));
        Assert.Equal([ColumnAlignment.Default, ColumnAlignment.Right, ColumnAlignment.Right], table.Columns);
        Assert.Empty(blocks.OfType<Paragraph>());
    }

    [Fact]
    public void An_empty_cell_keeps_its_column()
    {
        var blocks = Layout(
            Row(100, (100, "Год"), (500, "Рожь"), (800, "Овёс")),
            Row(150, (100, "1910"), (500, "12"), (800, "7")),
            Row(200, (100, "1911"), (800, "9")),
            Row(250, (100, "1912"), (500, "14"), (800, "8")));

        var table = Assert.Single(blocks.OfType<Table>());
        Assert.Equal(["1911", "", "9"], Cells(table)[2]);
    }

    [Fact]
    public void Prose_stays_paragraphs()
    {
        var blocks = Layout(
            Row(100, (100, "Река начинается в озере и течёт на север")),
            Row(150, (100, "к Белому морю, принимая по пути десятки притоков")),
            Row(200, (100, "и разливаясь весной на несколько километров.")));

        Assert.Empty(blocks.OfType<Table>());
        Assert.Contains("Белому морю", string.Concat(blocks.OfType<Paragraph>().Select(p => Inlines.PlainText(p.Content))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_printed_contents_without_leaders_is_left_for_the_front_matter_stage()
    {
        var blocks = Layout(
            Row(100, (100, "Предисловие"), (1200, "5")),
            Row(150, (100, "Вода и камень"), (1200, "9")),
            Row(200, (100, "Ветряки"), (1188, "24")),
            Row(250, (100, "Жернова"), (1188, "31")));

        Assert.Empty(blocks.OfType<Table>());
    }

    [Fact]
    public void Prose_before_and_after_a_table_in_one_block_stays_prose()
    {
        var blocks = Layout(
            Row(100, (100, "Урожай по годам был таков:")),
            Row(150, (100, "Год"), (500, "Рожь"), (800, "Овёс")),
            Row(200, (100, "1910"), (500, "12"), (800, "7")),
            Row(250, (100, "1911"), (500, "10"), (800, "9")),
            Row(330, (100, "После этого урожаи пошли на спад.")));

        Assert.Equal(["Paragraph", "Table", "Paragraph"], blocks.Skip(1).Select(b => b.GetType().Name));
        Assert.Equal(3, Cells(blocks.OfType<Table>().Single()).Length);
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void A_side_by_side_form_layout_of_two_text_columns_is_no_table()
    {
        var blocks = Layout(
            Row(100, (100, "Продавец"), (1000, "Покупатель")),
            Row(150, (100, "Деньги получил, машину передал."), (1000, "Деньги передал, машину получил.")),
            Row(200, (100, "(подпись и ФИО)"), (1000, "(подпись и ФИО)")),
            Row(250, (100, "Тел."), (1000, "Тел.")));

        Assert.Empty(blocks.OfType<Table>());
        Assert.Contains("Деньги передал", string.Concat(blocks.OfType<Paragraph>().Select(p => Inlines.PlainText(p.Content))), StringComparison.Ordinal);
    }

    [Fact]
    public void Form_fields_with_blanks_are_no_table()
    {
        var blocks = Layout(
            Row(100, (100, "Фамилия ____"), (700, "Имя ____"), (1100, "Отчество ____")),
            Row(150, (100, "Дата рождения ____"), (700, "Место ____"), (1100, "Гражданство ____")),
            Row(200, (100, "Паспорт серии ____"), (700, "№ ____"), (1100, "выдан ____")));

        Assert.Empty(blocks.OfType<Table>());
    }

    [Fact]
    public void Prose_read_across_two_columns_is_no_table()
    {
        var blocks = Layout(
            Row(100, (100, "the loss of sheep from the herd already"), (900, "they said"), (1300, "and")),
            Row(150, (100, "would be effective in reducing the"), (900, "cost"), (1300, "of")),
            Row(200, (100, "would lessen the interval between the"), (900, "two"), (1300, "on")),
            Row(250, (100, "was fed at the same time as the other"), (900, "ones"), (1300, "so")));

        Assert.Empty(blocks.OfType<Table>());
    }

    [Fact]
    public void A_cell_wrapped_onto_a_second_line_joins_its_row()
    {
        var blocks = Layout(
            Row(100, (100, "Город"), (700, "Жители,"), (1000, "Площадь")),
            Row(150, (700, "тыс."), (1000, "кв. км")),
            Row(200, (100, "Вологда"), (736, "310"), (1024, "116")),
            Row(250, (100, "Великий Устюг с"), (748, "30"), (1024, "127")),
            Row(300, (100, "пригородами")),
            Row(350, (100, "Тотьма"), (748, "10"), (1036, "18")));

        var cells = Cells(Assert.Single(blocks.OfType<Table>())).Select(row => row.Select(Flat).ToArray()).ToArray();
        Assert.Equal(
            [["Город", "Жители, тыс.", "Площадь кв. км"], ["Вологда", "310", "116"], ["Великий Устюг с пригородами", "30", "127"], ["Тотьма", "10", "18"]],
            cells);
    }

    [Fact]
    public void A_first_row_of_numbers_where_the_body_has_numbers_is_no_header()
    {
        var blocks = Layout(
            Row(100, (100, "1"), (736, "310"), (1024, "116")),
            Row(150, (100, "2"), (748, "30"), (1024, "127")),
            Row(200, (100, "3"), (748, "10"), (1036, "18")));

        var table = Assert.Single(blocks.OfType<Table>());
        Assert.Empty(table.Header.Cells);
        Assert.Equal(3, table.Rows.Count);
    }

    [Fact]
    public void A_first_row_of_years_over_columns_of_numbers_is_a_header()
    {
        var blocks = Layout(
            Row(100, (100, "Губерния"), (736, "1900"), (1024, "1910")),
            Row(150, (100, "Вологодская"), (748, "312"), (1036, "405")),
            Row(200, (100, "Олонецкая"), (748, "154"), (1036, "198")));

        var table = Assert.Single(blocks.OfType<Table>());
        Assert.Equal(["Губерния", "1900", "1910"], table.Header.Cells.Select(c => Inlines.PlainText(c.Content)));
    }

    [Fact]
    public void The_numbered_line_and_title_above_a_table_become_its_caption()
    {
        var blocks = Layout(
            Row(100, (100, "Урожай на севере губернии был скромным.")),
            Row(150, (100, "Таблица 3")),
            Row(200, (100, "Урожай по годам")),
            Row(250, (100, "Год"), (500, "Рожь"), (800, "Овёс")),
            Row(300, (100, "1910"), (500, "12"), (800, "7")),
            Row(350, (100, "1911"), (500, "10"), (800, "9")));

        var table = Assert.Single(blocks.OfType<Table>());
        Assert.Equal("Таблица 3 Урожай по годам", Flat(Inlines.PlainText(table.Caption)));
        var prose = string.Concat(blocks.OfType<Paragraph>().Select(p => Inlines.PlainText(p.Content)));
        Assert.Contains("скромным", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("Таблица", prose, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_of_many_cells_that_fit_no_common_columns_keep_their_lines_with_a_warning()
    {
        // Two grids interleaved (tables side by side whose rows do not line up): the cells' bands chain into one.
        var rows = Enumerable.Range(0, 6).Select(r =>
        {
            var shift = r % 2 == 0 ? 100 : 300;
            return Row(100 + r * 50, [.. Enumerable.Range(0, 4).Select(c => (shift + c * 400, "Кварта Ведро Штоф"))]);
        }).ToArray();
        var block = new RecognizedBlock(BlockKind.Table, PageLayout.Union(rows.Select(l => l.Box)), rows);
        var page = PageLayout.Analyse([new OcrPage(1, "p.png", 0, 300, new RecognizedPage(2000, 3000, [block]), [])]);
        var footnotes = 0;
        var warnings = new List<string>();

        var blocks = PageLayout.Blocks(page[0], _ => false, ref footnotes, warnings.Add);

        // No row runs into the next and no text goes into a picture: each stays a line of its own, reported for review.
        Assert.Empty(blocks.OfType<Figure>());
        Assert.Empty(blocks.OfType<Table>());
        Assert.Contains("could not be recovered", Assert.Single(warnings), StringComparison.Ordinal);
        var kept = Assert.Single(blocks.OfType<Paragraph>());
        Assert.Equal(5, kept.Content.Count(i => i is LineBreak { Hard: true }));
    }

    /// <summary>A table drawn as a printer sets it (PT Serif, 300 dpi), ruled as a grid or not at all, with prose above it.</summary>
    private static byte[] DrawTable(string[][] rows, bool ruled)
    {
        const float size = 42;
        int[] columnX = [150, 900, 1350, 1800];
        const int top = 420;
        const int rowHeight = 90;
        using var bitmap = new SKBitmap(2300, 1700, SKColorType.Gray8, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFile("/usr/share/fonts/truetype/paratype/PTF55F.ttf") ?? SKTypeface.Default;
        using var font = new SKFont(typeface, size);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var rule = new SKPaint { Color = SKColors.Black, StrokeWidth = 4, Style = SKPaintStyle.Stroke };
        canvas.DrawText("Вывоз леса из губерний Севера, по данным земских отчётов,", 150, 200, SKTextAlign.Left, font, ink);
        canvas.DrawText("показан в таблице ниже; цифры даны в тысячах кубических саженей.", 150, 270, SKTextAlign.Left, font, ink);
        for (var r = 0; r < rows.Length; r++)
        {
            var baseline = top + r * rowHeight + 60;
            for (var c = 0; c < rows[r].Length; c++)
            {
                var numeric = c > 0;
                var x = numeric ? columnX[c + 1] - 60 : columnX[c] + 20;
                canvas.DrawText(rows[r][c], x, baseline, numeric ? SKTextAlign.Right : SKTextAlign.Left, font, ink);
            }
        }

        if (ruled)
        {
            var bottom = top + rows.Length * rowHeight;
            for (var r = 0; r <= rows.Length; r++)
            {
                canvas.DrawLine(columnX[0], top + r * rowHeight, columnX[^1], top + r * rowHeight, rule);
            }

            foreach (var x in columnX)
            {
                canvas.DrawLine(x, top, x, bottom, rule);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static readonly string[][] Timber =
    [
        ["Губерния", "1900", "1910"],
        ["Вологодская", "312", "405"],
        ["Архангельская", "287", "356"],
        ["Олонецкая", "154", "198"],
        ["Пермская", "96", "121"],
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_drawn_table_read_by_our_OCR_comes_out_as_a_table(bool ruled)
    {
        using var scratch = new ScratchFolder();
        var scans = scratch.File("scans");
        Directory.CreateDirectory(scans);
        File.WriteAllBytes(Path.Combine(scans, "p1.png"), DrawTable(Timber, ruled));

        var outcome = OcrBook.Recognize([scans], new OcrSettings(), new OcrFolders(scratch.File("out"), scratch.File("out/images"), scratch.File("out/work")),
            BookMeta.Untitled, NoDecisions.Instance);

        var table = Assert.Single(outcome.Book.Blocks.OfType<Table>());
        var cells = Cells(table);
        Assert.Equal(Timber.Length, cells.Length);
        Assert.All(cells, row => Assert.Equal(3, row.Length));
        // Every cell in its place; OCR may misread a letter, so cells are compared with one error allowed.
        var wrong = Timber.SelectMany((row, r) => row.Select((text, c) => (text, read: cells[r][c].Trim('|', ' ', '[', ']'))))
            .Where(p => PageLayout.Levenshtein(p.text, p.read) > 1).ToList();
        Assert.True(wrong.Count == 0, "cells read wrong: " + string.Join("; ", wrong.Select(w => $"{w.text} → {w.read}")));
        // The prose above the table stays a paragraph.
        Assert.Contains(outcome.Book.Blocks.OfType<Paragraph>(), p => Inlines.PlainText(p.Content).Contains("Вывоз леса", StringComparison.Ordinal));
    }
}
