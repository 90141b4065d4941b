using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Typeset.Configuration;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Publishing.Epub;
using Typeset.Publishing.Pdf;
using Typeset.Tests.Publishing.Epub;
using Typeset.Tests.Support;
using UglyToad.PdfPig;

namespace Typeset.Tests.Publishing;

/// <summary>
/// The held-out chapter (written for the tests, every kind of block in it) set as a PDF and an EPUB: every word of it
/// is in both, and every structure shows — list numbers and nesting, table rows and header cells, links, notes holding
/// lists and quotations, the epigraph, the verse, the book's own title page and imprint.
/// </summary>
public sealed partial class EveryKindBookTests : IClassFixture<EveryKindBookTests.Written>
{
    private readonly Written written;

    public EveryKindBookTests(Written written) => this.written = written;

    public sealed class Written : IDisposable
    {
        public Written()
        {
            Book = MarkdownReader.Read(File.ReadAllText(TestPaths.EveryKindBook), new BookMeta("Хлеб насущный", Author: "И. П. Савельев"));
            var folder = Path.GetDirectoryName(TestPaths.EveryKindBook)!;
            using (var pdf = File.Create(PdfPath))
            {
                PdfResult = PdfBookWriter.Write(Book, new TypesettingSettings(), folder, pdf);
            }

            using (var epub = File.Create(EpubPath))
            {
                EpubResult = EpubBookWriter.Write(Book, new EpubSettings(), folder, epub);
            }
        }

        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("typeset-every-kind-").FullName;

        public Book Book { get; }

        public string PdfPath => Path.Combine(Directory, "book.pdf");

        public string EpubPath => Path.Combine(Directory, "book.epub");

        public PdfWriteResult PdfResult { get; }

        public EpubWriteResult EpubResult { get; }

        public string Xhtml
        {
            get
            {
                using var archive = ZipFile.OpenRead(EpubPath);
                return string.Concat(archive.Entries.Where(e => e.FullName.StartsWith("OEBPS/text/", StringComparison.Ordinal))
                    .OrderBy(e => e.FullName, StringComparer.Ordinal)
                    .Select(e => new StreamReader(e.Open(), Encoding.UTF8).ReadToEnd()));
            }
        }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Every word of every text part, as many times as the book has it.</summary>
    private Dictionary<string, int> BookWords() => Count(BookWalk.TextParts(written.Book).SelectMany(part => Words(Inlines.PlainText(part.Content))));

    [Fact]
    public void The_pdf_keeps_every_word()
    {
        var text = ExternalTool.Run("pdftotext", "-enc", "UTF-8", written.PdfPath, "-");
        AssertKeepsEveryWord(BookWords(), Count(Words(JoinHyphenatedLines(text))), "PDF");
    }

    [Fact]
    public void The_epub_keeps_every_word()
    {
        var text = WebUtility(TagPattern().Replace(written.Xhtml, " "));
        AssertKeepsEveryWord(BookWords(), Count(Words(text)), "EPUB");
    }

    [Fact]
    public void The_epub_passes_epubcheck()
    {
        var report = Epubcheck.Run(written.EpubPath);
        Assert.True(report.Fatals + report.Errors + report.Warnings == 0 && report.ExitCode == 0, report.Messages);
    }

    [Fact]
    public void The_epub_markup_shows_every_structure()
    {
        var xhtml = written.Xhtml;
        Assert.Matches(@"<ol>\s*<li>\s*<p>Мука цельнозерновая", xhtml);
        Assert.Matches(@"<li>\s*<p>Вода комнатной температуры:</p>\s*<ul>\s*<li>\s*<p>фильтрованная;</p>", xhtml);
        Assert.Matches(@"<li>\s*</li>", xhtml);
        Assert.Matches(@"<table>\s*<caption>Таблица 1. Кормление закваски по дням</caption>", xhtml);
        Assert.Contains("<th scope=\"col\" class=\"left\">День</th>", xhtml, StringComparison.Ordinal);
        Assert.Matches(@"<td class=""right"">50</td>", xhtml);
        Assert.Matches(@"<td class=""left"">1</td>\s*<td class=""right"">50</td>\s*<td class=""right"">50</td>\s*<td class=""center"">ничего</td>", xhtml);
        Assert.Contains("<a href=\"https://example.org/zakvaska\">https://example.org/zakvaska</a>", xhtml, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/spravochnik\">справочнике пекаря</a>", xhtml, StringComparison.Ordinal);
        Assert.Contains("<code>мука:вода = 1:1</code>", xhtml, StringComparison.Ordinal);
        Assert.Matches(@"<blockquote>\s*<p>Старые пекари говорили так:</p>\s*<ul>", xhtml);
        Assert.Matches(@"<blockquote class=""epigraph"" epub:type=""epigraph"" role=""doc-epigraph"">\s*<div class=""verse"">\s*<div class=""stanza"">\s*<p class=""line"">Мука да вода", xhtml);
        Assert.Contains("<p class=\"attribution\">Из тетради деревенского пекаря</p>", xhtml, StringComparison.Ordinal);
        Assert.Matches(@"<section class=""imprint"" epub:type=""imprint"">\s*<p>УДК 641.55<br />", xhtml);
        // Notes holding a second paragraph, a list, a quotation.
        Assert.Matches(@"<aside epub:type=""footnote""[^>]*>\s*<p><a[^>]*>1</a> Кислый вкус[^<]*</p>\s*<p>Их соотношение", xhtml);
        Assert.Matches(@"<aside epub:type=""footnote""[^>]*>\s*<p><a[^>]*>2</a> Пузырьки[^<]*</p>\s*<ol>\s*<li>\s*<p>мелкие пузырьки", xhtml);
        Assert.Matches(@"<aside epub:type=""footnote""[^>]*>\s*<p><a[^>]*>3</a> Как писал один мастер:</p>\s*<blockquote>", xhtml);
        // The reference in a table cell links to its note.
        Assert.Matches(@"<td class=""center"">пузырьки<sup><a epub:type=""noteref"" role=""doc-noteref"" href=""[^""]+#fn-2""", xhtml);
    }

    [Fact]
    public void The_pdf_shows_every_structure()
    {
        var layout = ExternalTool.Run("pdftotext", "-layout", "-enc", "UTF-8", written.PdfPath, "-");
        // The caption above the table; table rows on one line, numbers and cells in order; the extra cell of the ragged row kept.
        Assert.Matches(@"Таблица 1. Кормление закваски по дням\s*\n\s*День", layout);
        Assert.Matches(@"День\s+Мука, г\s+Вода, г\s+Что видно", layout);
        Assert.Matches(@"\n\s*2\s+50\s+50\s+пузырьки2?\s*\n", layout);
        Assert.Matches(@"5\s+100\s+100\s+удвоение\s+лишняя ячейка", layout);
        // Item numbers, the empty item's number too, and bullets of the nested list.
        foreach (var number in new[] { "1.", "2.", "3.", "4.", "5." })
        {
            Assert.Matches(@"\n\s*" + Regex.Escape(number) + @"(\s|$)", layout);
        }

        Assert.Matches(@"•\s+фильтрованная;", layout);
        Assert.Matches(@"—\s+не спеши с мукой;", layout);

        // The book's own title page stands for the drawn one (the title is set once), the imprint is its verso.
        var pages = ExternalTool.Run("pdftotext", "-enc", "UTF-8", written.PdfPath, "-").Split('\f');
        Assert.Contains("ХЛЕБ НАСУЩНЫЙ", pages[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Хлеб насущный", pages[0], StringComparison.Ordinal);
        Assert.StartsWith("УДК 641.55", pages[1].TrimStart(), StringComparison.Ordinal);
        Assert.EndsWith("© Савельев И. П., 2024", pages[1].TrimEnd(), StringComparison.Ordinal);
        Assert.Single(pages, page => page.Contains("УДК", StringComparison.Ordinal));

        using var document = PdfDocument.Open(written.PdfPath);
        var uris = document.GetPages().SelectMany(page => page.GetAnnotations())
            .Select(annotation => annotation.Action as UglyToad.PdfPig.Actions.UriAction).OfType<UglyToad.PdfPig.Actions.UriAction>()
            .Select(action => action.Uri).ToList();
        Assert.Contains("https://example.org/zakvaska", uris);
        Assert.Contains("https://example.org/spravochnik", uris);

        // Headings to level 4 in the bookmarks and the contents.
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var titles = bookmarks.GetNodes().Select(node => node.Title).ToList();
        Assert.Contains("Температура", titles);
        Assert.Contains("Кормление по дням", titles);
        Assert.Matches(@"Температура\s+\d+", pages.First(page => page.Contains("Содержание", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(TypesettingSettings.ContentsFront)]
    [InlineData(TypesettingSettings.ContentsBack)]
    public void The_contents_goes_where_the_settings_say_when_the_book_does_not_place_it(string position)
    {
        var book = written.Book.WithBlocks(written.Book.Blocks.Where(b => b is not FrontMatter { Kind: FrontMatterKind.Contents }));
        var path = Path.Combine(written.Directory, $"contents-{position}.pdf");
        using (var pdf = File.Create(path))
        {
            PdfBookWriter.Write(book, new TypesettingSettings { Contents = position }, Path.GetDirectoryName(TestPaths.EveryKindBook)!, pdf);
        }

        var pages = ExternalTool.Run("pdftotext", "-enc", "UTF-8", path, "-").Split('\f').Where(p => p.Trim().Length > 0).ToList();
        var contents = pages.FindIndex(page => page.TrimStart().StartsWith("Содержание", StringComparison.Ordinal));
        var lastChapter = pages.FindLastIndex(page => page.Contains("Глава вторая. Замес", StringComparison.Ordinal) && !page.Contains("Содержание", StringComparison.Ordinal));
        if (position == TypesettingSettings.ContentsBack)
        {
            Assert.True(contents > lastChapter, $"contents on page {contents + 1}, the last chapter on {lastChapter + 1}");
        }
        else
        {
            // After the title leaves (title page, imprint), before the first chapter.
            Assert.Equal(2, contents);
        }
    }

    private static void AssertKeepsEveryWord(Dictionary<string, int> expected, Dictionary<string, int> actual, string what)
    {
        var missing = expected.Where(pair => actual.GetValueOrDefault(pair.Key) < pair.Value)
            .Select(pair => $"{pair.Key} ×{pair.Value - actual.GetValueOrDefault(pair.Key)}").ToList();
        Assert.True(missing.Count == 0, $"{what} lost {missing.Count} word(s) of {expected.Values.Sum()}: {string.Join(", ", missing)}");
    }

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant());

    private static Dictionary<string, int> Count(IEnumerable<string> words) =>
        words.GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>A word the PDF hyphenated at a line end is one word again (the hyphen is the typesetter's, not the author's).</summary>
    private static string JoinHyphenatedLines(string text) => HyphenatedLineEnd().Replace(text, "$1$2");

    private static string WebUtility(string text) => System.Net.WebUtility.HtmlDecode(text).Replace('\u00AD'.ToString(), string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"\p{L}+|\p{N}+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(\p{L})-\n(\p{Ll})")]
    private static partial Regex HyphenatedLineEnd();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex TagPattern();
}
