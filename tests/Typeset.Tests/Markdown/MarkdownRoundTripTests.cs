using Typeset.Markdown;
using Typeset.Model;
using Typeset.Tests.Support;

namespace Typeset.Tests.Markdown;

public class MarkdownRoundTripTests
{
    private static readonly BookMeta Meta = new("Книга");

    [Fact]
    public void The_sample_book_reads_writes_and_reads_back_to_an_equal_model()
    {
        var first = MarkdownReader.Read(File.ReadAllText(TestPaths.SampleMarkdown), Meta);
        var written = MarkdownWriter.Write(first);
        var second = MarkdownReader.Read(written, Meta);

        Assert.Equal(first.Blocks.Count, second.Blocks.Count);
        for (var i = 0; i < first.Blocks.Count; i++)
        {
            Assert.Equal(first.Blocks[i], second.Blocks[i]);
        }

        Assert.Equal(written, MarkdownWriter.Write(second));
    }

    [Fact]
    public void The_sample_book_keeps_its_structure()
    {
        var book = MarkdownReader.Read(File.ReadAllText(TestPaths.SampleMarkdown), Meta);

        var headings = book.Blocks.OfType<Heading>().Select(h => Inlines.PlainText(h.Content)).ToList();
        Assert.Equal(["СОДЕРЖАНИЕ", "ВВЕДЕНИЕ", "НЕМНОГО ИЗ ИСТОРИИ КИТАЯ"], headings);
        Assert.Equal(2, book.Blocks.OfType<Heading>().Count(h => h.Level == 1));

        var superscripts = book.Blocks.OfType<Paragraph>().SelectMany(p => p.Content).OfType<Superscript>().ToList();
        Assert.True(superscripts.Count >= 6, $"expected the OCR's <sup> footnote markers, found {superscripts.Count}");
        Assert.All(superscripts, s => Assert.Equal("1", s.Value));

        var text = string.Join("\n", book.Blocks.OfType<Paragraph>().Select(p => Inlines.PlainText(p.Content)));
        Assert.Contains("Маньчжоу-го", text);
        Assert.Contains("отка-", text);
    }

    [Theory]
    [InlineData("Текст с <sup>1</sup> сноской.")]
    [InlineData("Ссылка на сноску[^2] в тексте.\n\n[^2]: Текст сноски с *курсивом*.")]
    [InlineData("![Подпись к *фото* (АА)](images/p001.png)")]
    [InlineData("![Подпись без изображения]()")]
    [InlineData("<!-- page 12 -->\n\nТекст страницы.\n\n<!-- page 13 -->\n\nСледующая.")]
    [InlineData("**РАЗГРОМ\\\nЯПОНИИ**")]
    [InlineData("Первая строка\nвторая строка")]
    [InlineData("# Заголовок\n\n## Раздел\n\n---\n\n> Цитата\n>\n> вторая")]
    [InlineData("Звёздочка \\* и подчёркивание \\_ и \\[скобки\\] и \\<тег")]
    [InlineData("| Год | Рожь |\n|---|---:|\n| 1910 | 12 |\n\n: Таблица 2. Урожай *ржи*[^1]\n\n[^1]: В пудах.")]
    [InlineData("|  |  |\n|---|---|\n| без | шапки |")]
    public void Markdown_constructs_survive_a_round_trip(string markdown)
    {
        var first = MarkdownReader.Read(markdown, Meta);
        var second = MarkdownReader.Read(MarkdownWriter.Write(first), Meta);

        Assert.Equal(first.Blocks, second.Blocks);
        Assert.NotEmpty(first.Blocks);
    }

    [Theory]
    [InlineData("1. не список")]
    [InlineData("- не список")]
    [InlineData("# не заголовок")]
    [InlineData("> не цитата")]
    [InlineData("2) тоже не список")]
    public void Text_that_looks_like_markup_at_a_line_start_stays_text(string text)
    {
        var book = new Book(Meta, ValueList<Block>.Of(new Paragraph("b0001", ValueList<Inline>.Of(new Text("Начало"), new LineBreak(false), new Text(text)))));

        var reread = MarkdownReader.Read(MarkdownWriter.Write(book), Meta);

        var paragraph = Assert.IsType<Paragraph>(Assert.Single(reread.Blocks));
        Assert.Equal("Начало " + text, Inlines.PlainText(paragraph.Content));
    }

    [Fact]
    public void Footnote_definitions_stay_where_they_were_written()
    {
        var book = MarkdownReader.Read("Первый[^1] абзац.\n\n[^1]: Сноска.\n\nВторой абзац.", Meta);

        Assert.Collection(
            book.Blocks,
            b => Assert.Equal(ValueList<Inline>.Of(new Text("Первый"), new FootnoteReference("1"), new Text(" абзац.")), Assert.IsType<Paragraph>(b).Content),
            b => Assert.Equal("1", Assert.IsType<Footnote>(b).Label),
            b => Assert.IsType<Paragraph>(b));
    }

    [Fact]
    public void A_footnote_nobody_references_is_kept()
    {
        var book = MarkdownReader.Read("Абзац.\n\n[^7]: Сноска без ссылки.", Meta);

        Assert.Equal("7", Assert.IsType<Footnote>(book.Blocks[1]).Label);
        Assert.Equal(book.Blocks, MarkdownReader.Read(MarkdownWriter.Write(book), Meta).Blocks);
    }

    [Fact]
    public void Page_markers_give_blocks_page_ids_and_sources()
    {
        var book = MarkdownReader.Read("<!-- page 7 -->\n\nАбзац.\n\n*Подпись (АА)*", Meta);

        Assert.Equal(["p0007.b01", "p0007.b02", "p0007.b03"], book.Blocks.Select(b => b.Id));
        Assert.All(book.Blocks, b => Assert.Equal(7, b.Source?.Page));
        Assert.Equal(7, Assert.IsType<PageMarker>(book.Blocks[0]).Page);
    }

    [Fact]
    public void Source_text_of_a_block_parses_back_to_its_inlines()
    {
        var book = MarkdownReader.Read(File.ReadAllText(TestPaths.SampleMarkdown), Meta);

        foreach (var paragraph in book.Blocks.OfType<Paragraph>().Where(p => p.Content.All(i => i is not RawInline)))
        {
            Assert.Equal(paragraph.Content, MarkdownReader.ParseInlines(MarkdownWriter.SourceText(paragraph)));
        }
    }

    [Fact]
    public void Footnote_references_in_a_block_source_text_stay_references()
    {
        var inlines = MarkdownReader.ParseInlines("Текст[^3] и ещё[^a1].");

        Assert.Equal(ValueList<Inline>.Of(new Text("Текст"), new FootnoteReference("3"), new Text(" и ещё"), new FootnoteReference("a1"), new Text(".")), inlines);
    }

    [Fact]
    public void An_edit_that_would_create_block_structure_is_refused()
    {
        Assert.Null(MarkdownReader.ParseInlines("Абзац\n\nещё абзац"));
        Assert.Null(MarkdownReader.ParseInlines("# Заголовок"));
        Assert.NotNull(MarkdownReader.ParseInlines("Обычный *текст*"));
    }

    [Fact]
    public void A_table_caption_is_read_from_the_paragraph_after_the_table_as_pandoc_writes_it()
    {
        var book = MarkdownReader.Read("| Год | Рожь |\n|---|---:|\n| 1910 | 12 |\n\nTable: Урожай по годам\n\n: просто абзац", Meta);

        var table = Assert.Single(book.Blocks.OfType<Table>());
        Assert.Equal("Урожай по годам", Inlines.PlainText(table.Caption));
        Assert.Equal(": просто абзац", Inlines.PlainText(Assert.Single(book.Blocks.OfType<Paragraph>()).Content));
        Assert.Contains(BookWalk.TextParts(book), part => part.Id == BlockIds.TableCaption(table.Id) && part.Role == TextRole.TableCaption);
    }

    [Fact]
    public void A_table_without_a_header_is_written_with_an_empty_one_and_read_back_without()
    {
        var book = MarkdownReader.Read("|  |  |\n|---|---|\n| без | шапки |", Meta);

        var table = Assert.Single(book.Blocks.OfType<Table>());
        Assert.Empty(table.Header.Cells);
        Assert.Single(table.Rows);
    }
}
