using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Typeset.Cleanup.BookParts;
using Typeset.Cleanup.Typography;
using Typeset.Configuration;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;
using Typeset.Publishing.Epub;
using Typeset.Publishing.Pdf;
using Typeset.Tests.Support;

namespace Typeset.Tests.Publishing;

/// <summary>
/// The imprint set as a title verso line by line (ГОСТ Р 7.0.4-2020): OCR leaves its lines as the scan's soft line ends
/// inside paragraphs; typography must not join УДК, ББК, the author mark, ISBN and the © lines, and the PDF composer must
/// set each on its own line, while the record and the annotation still flow.
/// </summary>
public sealed class ImprintVersoTests
{
    /// <summary>A verso as Tesseract leaves it (words of a book made up for this test): soft line ends everywhere, a
    /// stray dash before the second ©.</summary>
    private const string OcrVerso = """
        <!-- page 1 -->

        ОЛЬГА СМИРНОВА

        ## РЕКИ СЕВЕРА

        ПУТЕВЫЕ ЗАМЕТКИ

        АРХАНГЕЛЬСК
        2021

        <!-- page 2 -->

        УДК 910.4(470.11)
        ББК 26.89
        С50

        Смирнова, Ольга Андреевна.

        С50 Реки Севера : путевые заметки / Ольга Смирнова. — Архангельск :
        Поморье, 2021. — 208 с.

        ISBN 978-5-0000-1111-2

        Автор прошла на лодке по Онеге, Мезени и Печоре и рассказывает
        о сёлах, людях и промыслах, которые встретила на берегах этих рек.

        © Смирнова О. А., 2021
        -© Издательство «Поморье», оформление, 2021

        <!-- page 3 -->

        # ОНЕГА

        Река начинается в озере Лача и течёт на север к Белому морю.
        """;

    private static Book Clean(string markdown)
    {
        var book = MarkdownReader.Read(markdown, new BookMeta("Реки Севера", Author: "Ольга Смирнова"));
        foreach (var stage in new CleanupStage[] { new FrontMatterStage(), new TypographyStage() })
        {
            using var context = TestContexts.ForStage(stage.Name);
            book = EditApplier.Apply(book, stage.Propose(book, context), 0.9, NoDecisions.Instance).Book;
        }

        return book;
    }

    private static string ImprintSource(Book book) =>
        MarkdownWriter.WriteBlock(book.Blocks.OfType<FrontMatter>().Single(f => f.Kind == FrontMatterKind.Imprint));

    [Fact]
    public void Typography_keeps_the_verso_lines_and_joins_the_wrapped_record_and_annotation()
    {
        var source = ImprintSource(Clean(OcrVerso));

        Assert.Contains("УДК 910.4(470.11)\nББК 26.89\nС50", source, StringComparison.Ordinal);
        Assert.Matches(@"2021\n-?©", source);
        // The record and the annotation were wrapped by the scan: their line ends are spaces now.
        Assert.Matches(@"Архангельск :? Поморье", source);
        Assert.Matches(@"рассказывает о\u00A0сёлах", source);
    }

    [Fact]
    public void Typography_still_joins_the_scan_lines_of_a_paragraph_outside_the_imprint()
    {
        var book = Clean(OcrVerso.Replace("течёт на север", "течёт\nна север", StringComparison.Ordinal));

        var chapter = MarkdownWriter.Write(book);
        Assert.Contains("течёт на\u00A0север", chapter, StringComparison.Ordinal);
    }

    [Fact]
    public void The_epub_keeps_the_verso_lines_apart()
    {
        var book = Clean(OcrVerso);
        var path = Path.Combine(Directory.CreateTempSubdirectory("typeset-verso-").FullName, "book.epub");
        using (var epub = File.Create(path))
        {
            EpubBookWriter.Write(book, new EpubSettings(), Path.GetTempPath(), epub);
        }

        using var archive = ZipFile.OpenRead(path);
        var xhtml = string.Concat(archive.Entries.Where(e => e.FullName.StartsWith("OEBPS/text/", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open(), Encoding.UTF8).ReadToEnd()));
        Assert.Matches(@"<p>УДК 910\.4\(470\.11\)<br />\s*ББК 26\.89<br />\s*С50</p>", xhtml);
        Assert.Matches(@"2021<br />\s*-?© Издательство", xhtml);
    }

    [Fact]
    public void OCR_noise_the_verso_form_explains_is_repaired_and_named_in_the_edit()
    {
        var noisy = OcrVerso
            .Replace("2021\n\n<!-- page 2", "2021’\n\n<!-- page 2", StringComparison.Ordinal)
            .Replace("ББК 26.89\nС50", "ББК 26.89\nCб0", StringComparison.Ordinal)
            .Replace("С50 Реки Севера", "C50 Реки Севера", StringComparison.Ordinal)
            .Replace("© Смирнова О. А., 2021", "© Смирнова O. A., 2021", StringComparison.Ordinal)
            .Replace("-© Издательство «Поморье»", "-© OOO «Поморье»", StringComparison.Ordinal);
        var raw = MarkdownReader.Read(noisy, new BookMeta("Реки Севера"));
        using var context = TestContexts.ForStage(FrontMatterStage.StageName);
        var edits = new FrontMatterStage().Propose(raw, context);
        var book = EditApplier.Apply(raw, edits, 0.9, NoDecisions.Instance).Book;

        var source = ImprintSource(book);
        Assert.Contains("ББК 26.89\nС50\n", source, StringComparison.Ordinal);
        Assert.Contains("С50 Реки Севера", source, StringComparison.Ordinal);
        Assert.Contains("© Смирнова О. А., 2021\n© ООО «Поморье»", source, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]", source.Replace("ISBN", string.Empty, StringComparison.Ordinal).Replace("imprint", string.Empty, StringComparison.Ordinal));
        var imprintEdit = Assert.Single(edits, e => e.Rule == FrontMatterStage.RuleImprint);
        Assert.Contains("«Cб0» → С50", imprintEdit.Reason, StringComparison.Ordinal);
        var title = MarkdownWriter.WriteBlock(book.Blocks.OfType<FrontMatter>().Single(f => f.Kind == FrontMatterKind.TitlePage));
        Assert.Contains("\n2021\n", title, StringComparison.Ordinal);
        Assert.DoesNotContain("2021’", title, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pdf_sets_each_verso_element_on_its_own_line()
    {
        var book = Clean(OcrVerso);
        var path = Path.Combine(Directory.CreateTempSubdirectory("typeset-verso-").FullName, "book.pdf");
        using (var pdf = File.Create(path))
        {
            PdfBookWriter.Write(book, new TypesettingSettings(), Path.GetTempPath(), pdf);
        }

        var pages = ExternalTool.Run("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Split('\f');
        var verso = pages.Single(page => page.Contains("УДК", StringComparison.Ordinal));
        var lines = verso.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();

        Assert.Equal("УДК 910.4(470.11)", lines[0]);
        Assert.Equal("ББК 26.89", lines[1]);
        Assert.Equal("С50", lines[2]);
        // ISBN at the foot on the left, the © lines at the right, each on its own line.
        Assert.Matches(@"^ISBN 978-5-0000-1111-2\s{2,}© Смирнова О\.\s?А\., 2021$", lines[^2]);
        Assert.Matches(@"^-?© Издательство «Поморье», оформление, 2021$", lines[^1]);
        Assert.DoesNotContain(lines, line => Regex.IsMatch(line, @"ББК.*С50|26\.89\s+С50|2021\s+-?© Изд"));
    }
}
