using Typeset.Configuration;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;
using Typeset.Publishing;
using Typeset.Publishing.Epub;
using Typeset.Publishing.Pdf;
using Typeset.Tests.Support;

namespace Typeset.Tests.Publishing;

/// <summary>
/// Input real books and careless editors produce: nothing crashes, no text is lost, and each repair is a warning that
/// names the block (or, for what the parser refuses, a message naming the file).
/// </summary>
public sealed class BadBookInputTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private (string Text, PdfWriteResult Result) Pdf(Book book, string? folder = null)
    {
        var path = scratch.File($"book-{Guid.NewGuid():N}.pdf");
        PdfWriteResult result;
        using (var stream = File.Create(path))
        {
            result = PdfBookWriter.Write(book, new TypesettingSettings { TitlePage = false, Toc = false }, folder ?? scratch.Path, stream);
        }

        return (ExternalTool.Run("pdftotext", "-enc", "UTF-8", path, "-"), result);
    }

    [Fact]
    public void Markdown_nested_two_thousand_deep_stops_with_the_files_name()
    {
        var file = scratch.File("deep.md");
        File.WriteAllText(file, "# Глубина\n\n" + string.Concat(Enumerable.Repeat("> ", 2000)) + "Текст на дне.\n");

        var error = Assert.Throws<ProcessingException>(() => BookSource.Read([file], new BookMeta("К")));
        Assert.StartsWith(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Containers_nested_past_the_limit_are_flattened_with_their_text_kept()
    {
        var markdown = string.Concat(Enumerable.Range(0, 80).Select(i => new string('>', i + 1) + " уровень" + i + "\n" + new string('>', i + 1) + "\n"));
        var warnings = new List<BookWarning>();

        var book = MarkdownReader.Read(markdown, new BookMeta("К"), warnings);

        Assert.Contains(warnings, w => w.Kind == WarningKind.Nesting);
        var text = string.Join(" ", BookWalk.TextParts(book).Select(p => Inlines.PlainText(p.Content)));
        Assert.All(Enumerable.Range(0, 80), i => Assert.Contains("уровень" + i, text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_nested_fifty_deep_keeps_every_item_and_stops_indenting_with_a_warning()
    {
        var markdown = "# Список\n\n" + string.Concat(Enumerable.Range(0, 50).Select(i => new string(' ', 2 * i) + "- пункт" + i + "\n"));
        var book = MarkdownReader.Read(markdown, new BookMeta("К"));

        var (text, result) = Pdf(book);

        Assert.Contains(result.Warnings, w => w.Kind == WarningKind.List);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Contains("пункт" + i, text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_table_too_wide_for_the_page_is_split_with_every_cell_kept()
    {
        var columns = Enumerable.Range(0, 24).ToList();
        var markdown = "| " + string.Join(" | ", columns.Select(c => "заголовок" + c)) + " |\n|" + string.Concat(columns.Select(_ => "---|")) +
                       "\n| " + string.Join(" | ", columns.Select(c => "ячейка" + c)) + " |\n";
        var book = MarkdownReader.Read(markdown, new BookMeta("К"));

        var (text, result) = Pdf(book);

        Assert.Contains(result.Warnings, w => w.Kind == WarningKind.Table && w.Message.Contains("split", StringComparison.Ordinal));
        Assert.All(columns, c => Assert.Contains("ячейка" + c, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Ragged_rows_are_padded_and_warned_about_and_a_note_in_a_cell_reaches_the_page_foot()
    {
        var markdown = "| А | Б | В |\n|---|---|---|\n| 1 | 2 |\n| 3 | 4 | 5 | лишнее |\n| сноска[^1] | x | y |\n\n[^1]: Текст сноски из ячейки.\n";
        var warnings = new List<BookWarning>();
        var book = MarkdownReader.Read(markdown, new BookMeta("К"), warnings);

        var (text, result) = Pdf(book);

        Assert.Equal(2, warnings.Count(w => w.Kind == WarningKind.Table));
        Assert.Contains("лишнее", text, StringComparison.Ordinal);
        Assert.Contains("Текст сноски из ячейки.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Warnings, w => w.Kind == WarningKind.Footnote);
    }

    [Fact]
    public void An_empty_list_item_keeps_its_number()
    {
        var book = MarkdownReader.Read("1. первый\n2.\n3. третий\n", new BookMeta("К"));

        var (text, _) = Pdf(book);

        Assert.Matches(@"1\.\s+первый\s+2\.\s+3\.\s+третий", text);
    }

    [Fact]
    public void A_reference_without_a_definition_and_a_label_defined_twice_are_warned_about()
    {
        var warnings = new List<BookWarning>();
        var book = MarkdownReader.Read("Текст[^a] и ещё[^2].\n\n[^2]: Первая.\n\n[^2]: Вторая с тем же номером.\n", new BookMeta("К"), warnings);

        var (text, result) = Pdf(book);

        Assert.Contains(warnings, w => w.Kind == WarningKind.Footnote && w.Message.Contains("defined twice", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Kind == WarningKind.Footnote && w.Message.Contains("[^a]", StringComparison.Ordinal));
        Assert.Contains("Вторая с тем же номером.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_outside_the_project_and_urls_are_refused_unless_a_folder_is_named()
    {
        var outside = Directory.CreateTempSubdirectory("typeset-outside-").FullName;
        try
        {
            var image = Path.Combine(outside, "photo.png");
            File.WriteAllBytes(image, File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(TestPaths.EveryKindBook)!, "images", "karavai.png")));
            var book = MarkdownReader.Read($"![Снаружи]({image})\n\n![Сеть](https://example.org/x.png)\n\n![Вверх](../../../../etc/hostname)\n", new BookMeta("К"));

            var refused = new ResourceFolders(scratch.Path, []);
            Assert.Null(refused.Resolve(image));
            Assert.Null(refused.Resolve("https://example.org/x.png"));
            Assert.Null(refused.Resolve("../../../../etc/hostname"));
            Assert.Equal(image, new ResourceFolders(scratch.Path, [outside]).Resolve(image));

            var (_, result) = Pdf(book);
            Assert.Equal(3, result.Warnings.Count(w => w.Kind == WarningKind.Figure && (w.Message.Contains("refused", StringComparison.Ordinal) || w.Message.Contains("never fetches", StringComparison.Ordinal))));

            using var epub = File.Create(scratch.File("book.epub"));
            var epubResult = EpubBookWriter.Write(book, new EpubSettings(), new ResourceFolders(scratch.Path, [outside]), epub);
            Assert.Single(epubResult.Warnings, w => w.Message.Contains("never fetches", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void A_link_inside_the_project_pointing_outside_is_refused()
    {
        var link = scratch.File("passwd.png");
        File.CreateSymbolicLink(link, "/etc/passwd");

        Assert.Null(new ResourceFolders(scratch.Path, []).Resolve("passwd.png"));
    }
}
