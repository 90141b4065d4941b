using Typeset.Cleanup.BookParts;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Tests.Support;

namespace Typeset.Tests.Cleanup;

/// <summary>
/// Front and back matter found by content and position: the sample's OCR'd front matter, and books written here with
/// other words, contents at the back, and prose that only looks like a contents.
/// </summary>
public class FrontMatterStageTests
{
    private static (Book Book, IReadOnlyList<Edit> Edits) Run(string markdown)
    {
        using var context = TestContexts.ForStage(FrontMatterStage.StageName);
        var book = MarkdownReader.Read(markdown, new BookMeta("Тестовая книга"));
        var edits = new FrontMatterStage().Propose(book, context);
        return (EditApplier.Apply(book, edits, 0.9, NoDecisions.Instance).Book, edits);
    }

    [Fact]
    public void The_sample_keeps_one_imprint_its_title_page_and_no_printed_contents()
    {
        var (book, edits) = Run(File.ReadAllText(TestPaths.SampleMarkdown));

        Assert.Equal([FrontMatterStage.RuleContents, FrontMatterStage.RuleImprint, FrontMatterStage.RuleTitlePage, FrontMatterStage.RuleEpigraph], edits.Select(e => e.Rule));
        var kinds = book.Blocks.OfType<FrontMatter>().Select(f => f.Kind).ToList();
        Assert.Equal([FrontMatterKind.TitlePage, FrontMatterKind.Imprint, FrontMatterKind.Contents], kinds);

        var text = MarkdownWriter.Write(book);
        Assert.DoesNotContain("СОДЕРЖАНИЕ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".....", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "УДК"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "ISBN"));
        // Nothing else of the imprint is lost: the annotation and both copyright lines are in it.
        var imprint = book.Blocks.OfType<FrontMatter>().Single(f => f.Kind == FrontMatterKind.Imprint);
        var imprintText = string.Concat(BookWalk.TextOf(imprint).Select(p => Inlines.PlainText(p.Content)));
        Assert.Contains("Издание иллюстрировано", imprintText, StringComparison.Ordinal);
        Assert.Contains("© ООО «Яуза-пресс», 2025", imprintText, StringComparison.Ordinal);
        Assert.Contains("ВВЕДЕНИЕ", book.Blocks.OfType<Heading>().Select(h => Inlines.PlainText(h.Content)));
    }

    /// <summary>Front matter as Tesseract leaves it, in other words than the sample's: the title levelled as a heading,
    /// a stray mark after the year, the author mark misread, a stray dash before ©, leaders read as letters, entries run
    /// together, one page number misread.</summary>
    private const string OcrFront = """
        <!-- page 1 -->

        ИВАН ПЕТРОВ

        ## СТАРЫЕ МЕЛЬНИЦЫ

        ОЧЕРКИ РЕМЕСЛА .

        КАЗАНЬ

        2019’

        <!-- page 2 -->

        УДК 621.3
        ББК 30.1
        Пé1

        Петров, Иван Сергеевич.

        П31 Старые мельницы : очерки ремесла / Иван Петров. — Казань, 2019. — 96 с.

        ISBN 978-5-0000-0000-1

        Книга рассказывает о водяных и ветряных мельницах, о жерновах и плотинах, о мельниках и их ремесле.

        УДК 621.3
        ББК 30.1

        ISBN 978-5-0000-0000-1

        -© Петров И. С., 2019

        <!-- page 3 -->

        # ОГЛАВЛЕНИЕ

        ПРЕДИСЛОВИЕ 2.0.0.2... аа ааа... 5
        ВОДА И КАМЕНЬ ..................... 0... 9
        ВЕТРЯКИ ........ аа... ан. 54 ЖЕРНОВА «20... e occ cc ccc ccecce. 31 ПЛОТИНЫ ...... 2... eee eee. 40

        <!-- page 4 -->

        # ПРЕДИСЛОВИЕ

        Эта книга о том, как устроены старые мельницы и почему их колёса вращаются так долго.

        # ВОДА И КАМЕНЬ

        Жернова делали из твёрдого песчаника, который привозили издалека.
        """;

    [Fact]
    public void Front_matter_as_OCR_reads_it_is_recognised()
    {
        var (book, edits) = Run(OcrFront);

        Assert.Equal([FrontMatterStage.RuleContents, FrontMatterStage.RuleImprint, FrontMatterStage.RuleTitlePage], edits.Select(e => e.Rule));
        Assert.Equal([FrontMatterKind.TitlePage, FrontMatterKind.Imprint, FrontMatterKind.Contents], book.Blocks.OfType<FrontMatter>().Select(f => f.Kind));
        var text = MarkdownWriter.Write(book);
        Assert.DoesNotContain("ОГЛАВЛЕНИЕ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ccecce", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "УДК"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "ISBN"));
        Assert.Contains("Петров И. С., 2019", text, StringComparison.Ordinal);
        Assert.Equal(["ПРЕДИСЛОВИЕ", "ВОДА И КАМЕНЬ"], book.Blocks.OfType<Heading>().Select(h => Inlines.PlainText(h.Content)));
        // The page markers between the parts stay.
        Assert.Equal(4, book.Blocks.OfType<PageMarker>().Count());
    }

    private const string BackContents = """
        # Предисловие

        Эта книга о том, как устроены старые мельницы и почему их колёса вращаются так долго.

        # Вода и камень

        Жернова делали из твёрдого песчаника, который привозили издалека.

        # Ветряки

        На равнинах вместо воды работал ветер, и мельницы ставили на холмах.

        ## Оглавление

        Предисловие . . . . . . . . 3
        Вода и камень . . . . . . . 9
        Ветряки . . . . . . . . . . 41
        """;

    [Fact]
    public void A_contents_printed_at_the_end_is_found_after_the_chapters_it_lists()
    {
        var (book, edits) = Run(BackContents);

        var edit = Assert.Single(edits);
        Assert.Equal(FrontMatterStage.RuleContents, edit.Rule);
        Assert.True(edit.Confidence >= 0.9);
        Assert.IsType<FrontMatter>(book.Blocks[^1]);
        Assert.DoesNotContain("Оглавление", MarkdownWriter.Write(book), StringComparison.Ordinal);
    }

    [Fact]
    public void The_editor_can_reject_the_replacement_and_keep_the_printed_contents()
    {
        var book = MarkdownReader.Read(BackContents, new BookMeta("Тестовая книга"));
        using var context = TestContexts.ForStage(FrontMatterStage.StageName);
        var edits = new FrontMatterStage().Propose(book, context);

        var (kept, records) = EditApplier.Apply(book, edits, 0.9, new RejectRule(FrontMatterStage.RuleContents));

        Assert.Equal(EditStatus.Rejected, Assert.Single(records).Status);
        Assert.Equal(book, kept);
    }

    [Theory]
    [InlineData("# Хроника\n\nГоды правления:\nИван III\t1462\nВасилий III\t1505\nИван IV\t1533\n\nИ так далее.")]
    [InlineData("# Цены\n\nХлеб . . . 12\nМолоко . . . 5\nСоль . . . 3\n\nДальше текст главы.")]
    [InlineData("Обычный абзац прозы, в котором нет ни оглавления, ни выходных данных, ни титула.\n\nЕщё один абзац, уже подлиннее, с точкой в конце.")]
    public void Prose_lists_and_tables_of_numbers_are_not_a_contents(string markdown)
    {
        var (_, edits) = Run(markdown);
        Assert.DoesNotContain(edits, edit => edit.Rule == FrontMatterStage.RuleContents);
    }

    [Fact]
    public void An_imprint_needs_two_kinds_of_its_lines()
    {
        var (_, edits) = Run("Посвящается моей матери.\n\n© Все права защищены\n\n# Глава\n\nТекст.");
        Assert.DoesNotContain(edits, edit => edit.Rule == FrontMatterStage.RuleImprint);
    }

    [Fact]
    public void The_samples_quotation_before_its_first_chapter_is_an_epigraph_and_the_photo_caption_is_not()
    {
        var (book, _) = Run(File.ReadAllText(TestPaths.SampleMarkdown));

        var epigraph = Assert.Single(book.Blocks.OfType<Epigraph>());
        Assert.StartsWith("«Два очага мирового фашизма", Inlines.PlainText(((Paragraph)epigraph.Body[0]).Content), StringComparison.Ordinal);
        Assert.StartsWith("Из обращения Верховного Главнокомандующего", Inlines.PlainText(epigraph.Attribution), StringComparison.Ordinal);
        Assert.DoesNotContain("(АА)", string.Concat(BookWalk.TextOf(epigraph).Select(p => Inlines.PlainText(p.Content))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# Глава\n\n*«Терпение и труд всё перетрут».*\n\n*Пословица*\n\nТекст главы начинается здесь.", true)]
    [InlineData("*«Кто рано встаёт, тому Бог подаёт».*\n\n*Народная мудрость*\n\n## Утро", true)]
    [InlineData("# Глава\n\nТекст.\n\n*«Цитата в середине главы».*\n\n*Источник*\n\nЕщё текст.", false)]
    [InlineData("# Глава\n\n*Просто курсивный абзац без кавычек.*\n\n*И ещё один.*\n\nТекст.", false)]
    public void An_epigraph_is_an_italic_quotation_and_its_source_at_a_chapter_heading(string markdown, bool expected)
    {
        var (book, _) = Run(markdown);
        Assert.Equal(expected, book.Blocks.OfType<Epigraph>().Any());
    }

    private sealed class RejectRule(string rule) : IEditDecisions
    {
        public bool? Decide(Edit edit) => edit.Rule == rule ? false : null;
    }
}
