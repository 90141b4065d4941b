using Typeset.Interop.Tesseract;
using Typeset.Ocr;

namespace Typeset.Tests.Ocr;

/// <summary>Lists, numbered clauses and blanks of forms, recognised from the geometry Tesseract reports.</summary>
public class ListsAndBlanksTests
{
    private const int LineHeight = 40;

    /// <summary>A line of words laid out from <paramref name="x"/> (each word 12 px a letter, spaces of 12 px), baseline at y + 32.</summary>
    private static RecognizedLine Line(int x, int y, params string[] words)
    {
        var placed = new List<RecognizedWord>();
        foreach (var word in words)
        {
            placed.Add(new RecognizedWord(word, 90, new Box(x, y + 8, word.Length * 12, 28), false, false, 0, null));
            x += word.Length * 12 + 12;
        }

        return new RecognizedLine(new Box(placed[0].Box.X, y, placed[^1].Box.Right - placed[0].Box.X, LineHeight), y + 32, false, placed);
    }

    /// <summary>A bullet as Tesseract reports one: a small square mark read as <paramref name="glyph"/>, a tab away from its text.</summary>
    private static RecognizedLine BulletLine(int y, string glyph, params string[] words)
    {
        var text = Line(160, y, words);
        var bullet = new RecognizedWord(glyph, 60, new Box(100, y + 17, 15, 15), false, false, 0, null);
        return text with { Box = text.Box with { X = 100, Width = text.Box.Right - 100 }, Words = [bullet, .. text.Words] };
    }

    private static List<PageLayout.TextUnit> Units(params RecognizedLine[] lines)
    {
        var block = new RecognizedBlock(BlockKind.FlowingText, PageLayout.Union(lines.Select(l => l.Box)), lines);
        var page = new OcrPage(1, "p.png", 0, 300, new RecognizedPage(2000, 3000, [block]), []);
        return PageLayout.Paragraphs(new LaidBlock(block, lines), new PageAnalysis(page));
    }

    [Theory]
    [InlineData("e")]
    [InlineData("»")]
    [InlineData("©")]
    [InlineData("•")]
    public void A_small_mark_set_apart_from_its_text_is_a_bullet_whatever_Tesseract_read(string glyph)
    {
        var marker = ListMarkers.Of(BulletLine(100, glyph, "Обеспечить", "доступ"), LineHeight);

        Assert.Equal(ListMarkerKind.Bullet, marker?.Kind);
        Assert.Equal(ListMarkers.BulletText, marker!.Text);
    }

    [Fact]
    public void A_speck_before_a_line_is_no_bullet()
    {
        var text = Line(160, 100, "огромное", "влияние", "на");
        var speck = new RecognizedWord("‚", 30, new Box(100, 129, 3, 3), false, false, 0, null);

        Assert.Null(ListMarkers.Of(text with { Words = [speck, .. text.Words] }, LineHeight));
    }

    [Fact]
    public void Numbered_clauses_and_bullets_on_a_scanned_page_become_list_blocks_with_their_numbers()
    {
        using var scratch = new Typeset.Tests.Support.ScratchFolder();
        var scans = scratch.File("scans");
        Directory.CreateDirectory(scans);
        string[] lines =
        [
            "Стороны договорились о следующем, и это подтверждают:",
            "1. Арендатор вносит плату ежемесячно;",
            "2. Арендодатель передаёт помещение;",
            "3. Договор вступает в силу.",
            "Кроме того, арендатор обязуется:",
            "•    содержать помещение в порядке;",
            "•    не сдавать его в субаренду.",
        ];
        File.WriteAllBytes(Path.Combine(scans, "p1.png"), Typeset.Tests.Support.SyntheticScan.Png(lines, width: 1800, height: 1400));

        var outcome = OcrBook.Recognize([scans], new OcrSettings(), new OcrFolders(scratch.File("out"), scratch.File("out/images"), scratch.File("out/work")),
            Typeset.Model.BookMeta.Untitled, Typeset.Edits.NoDecisions.Instance);

        var lists = outcome.Book.Blocks.OfType<Typeset.Model.ListBlock>().ToList();
        Assert.Equal(2, lists.Count);
        Assert.Equal(Typeset.Model.ListKind.Ordered, lists[0].Kind);
        Assert.Equal(1, lists[0].Start);
        Assert.Equal(3, lists[0].Items.Count);
        Assert.StartsWith("Арендатор вносит", ItemText(lists[0].Items[0]));
        Assert.Equal(Typeset.Model.ListKind.Bullet, lists[1].Kind);
        Assert.Equal(["содержать помещение в порядке;", "не сдавать его в субаренду."], lists[1].Items.Select(ItemText));
        Assert.Equal(2, outcome.Book.Blocks.OfType<Typeset.Model.Paragraph>().Count());

        static string ItemText(Typeset.Model.ListItem item) =>
            Typeset.Model.Inlines.PlainText(Assert.IsType<Typeset.Model.Paragraph>(Assert.Single(item.Body)).Content);
    }

    [Fact]
    public void Numbers_out_of_order_stay_paragraphs_that_begin_with_the_number_as_printed()
    {
        RecognizedLine[] lines = [Line(100, 100, "5.", "Арендатор", "вносит", "плату;"), Line(100, 150, "4.", "Арендодатель", "передаёт", "помещение;"),
            Line(100, 200, "5.", "Договор", "вступает", "в", "силу.")];
        var block = new RecognizedBlock(BlockKind.FlowingText, PageLayout.Union(lines.Select(l => l.Box)), lines);
        var page = PageLayout.Analyse([new OcrPage(1, "p.png", 0, 300, new RecognizedPage(2000, 3000, [block]), [])]);
        var footnotes = 0;

        var blocks = PageLayout.Blocks(page[0], _ => false, ref footnotes);

        Assert.Empty(blocks.OfType<Typeset.Model.ListBlock>());
        Assert.Equal(["5. Арендатор", "4. Арендодатель", "5. Договор"],
            blocks.OfType<Typeset.Model.Paragraph>().Select(p => string.Join(' ', Typeset.Model.Inlines.PlainText(p.Content).Split(' ').Take(2))));
    }

    [Fact]
    public void A_one_letter_word_starting_a_line_is_no_bullet()
    {
        Assert.Null(ListMarkers.Of(Line(100, 100, "о", "чём", "говорил"), LineHeight));
        Assert.Null(ListMarkers.Of(Line(100, 100, "и", "документы", "на"), LineHeight));
        Assert.Null(ListMarkers.Of(Line(100, 100, "В", "1912", "г."), LineHeight));
    }

    [Theory]
    [InlineData("1.")]
    [InlineData("2)")]
    [InlineData("1.1.")]
    [InlineData("а)")]
    [InlineData("IV.")]
    public void Numbers_and_letters_with_a_dot_or_parenthesis_start_numbered_items(string number)
    {
        Assert.Equal(ListMarkerKind.Number, ListMarkers.Of(Line(100, 100, number, "Наймодатель", "предоставляет"), LineHeight)?.Kind);
    }

    [Fact]
    public void Bullet_items_keep_their_hanging_lines_and_end_at_a_line_further_left()
    {
        var units = Units(
            Line(40, 100, "2.1.", "НАЙМОДАТЕЛЬ", "ОБЯЗУЕТСЯ:"),
            BulletLine(150, "e", "Посещать", "помещение", "не", "более", "одного", "раза", "в", "месяц,", "с", "уведомлением"),
            Line(160, 200, "часа", "до", "посещения;"),
            BulletLine(250, "»", "Оградить", "Нанимателя", "от", "претензий", "третьих", "лиц,", "которые", "также"),
            Line(160, 300, "обладают", "правами."),
            Line(40, 350, "Наймодатель", "также", "подтверждает,", "что", "помещение", "не", "находится", "под", "арестом."));

        Assert.Equal([ListMarkerKind.Number, ListMarkerKind.Bullet, ListMarkerKind.Bullet, null], units.Select(u => u.Marker?.Kind));
        Assert.Equal([1, 2, 2, 1], units.Select(u => u.Lines.Count));
    }

    [Fact]
    public void Dash_items_make_a_list_but_dialogue_stays_prose()
    {
        var list = Units(Line(60, 100, "-", "набор", "летних", "шин;"), Line(60, 150, "-", "чехлы", "для", "сидений;"), Line(60, 200, "-", "коврик."));
        var dialogue = Units(Line(60, 100, "—", "Нет,", "—", "сказал", "он."), Line(60, 150, "—", "Почему?"));

        Assert.All(list, u => Assert.Equal(ListMarkerKind.Dash, u.Marker?.Kind));
        Assert.Equal(3, list.Count);
        Assert.All(dialogue, u => Assert.Null(u.Marker));
    }

    [Fact]
    public void A_rule_on_a_lines_baseline_with_no_word_over_it_is_a_blank_and_an_underline_is_not()
    {
        var line = Line(100, 100, "Г-н/-жа", ",", "далее", "именуемый");
        // Make room between "Г-н/-жа" and ",": the blank's rule lies there, on the baseline.
        var words = line.Words.Select((w, i) => i == 0 ? w : w with { Box = w.Box with { X = w.Box.X + 400 } }).ToList();
        line = line with { Words = words, Box = PageLayout.Union(words.Select(w => w.Box)) };
        var heading = Line(100, 300, "РАЗГРОМ", "ЯПОНИИ");
        Box Rule(int x, int y, int width) => new(x, y, width, 4);
        var page = new OcrPage(1, "p.png", 0, 300, new RecognizedPage(2000, 3000,
        [
            new RecognizedBlock(BlockKind.FlowingText, line.Box, [line]),
            new RecognizedBlock(BlockKind.HorizontalLine, Rule(200, 130, 380), []),
            new RecognizedBlock(BlockKind.FlowingText, heading.Box, [heading]),
            new RecognizedBlock(BlockKind.HorizontalLine, Rule(60, 334, 900), []),
        ]), []);

        var withBlanks = Blanks.Insert(page).Recognized.Blocks.Where(b => b.Lines.Count > 0).Select(b => PageLayout.LineText(b.Lines[0])).ToList();

        Assert.Equal(["Г-н/-жа ____ , далее именуемый", "РАЗГРОМ ЯПОНИИ"], withBlanks);
    }
}
