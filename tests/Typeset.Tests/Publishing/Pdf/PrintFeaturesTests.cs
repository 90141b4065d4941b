using System.Globalization;
using System.Text.RegularExpressions;
using SkiaSharp;
using Typeset.Configuration;
using Typeset.Model;
using Typeset.Publishing.Pdf;
using Typeset.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Tokens;

namespace Typeset.Tests.Publishing.Pdf;

/// <summary>The book-making parts of the PDF, checked in the written file: outline, contents, footnotes, running matter, print boxes, bad input.</summary>
public sealed partial class PrintFeaturesTests : IDisposable
{
    private const double PointsPerMm = 72 / 25.4;

    private const string Sentence =
        "Советские войска перешли границу и за несколько дней преодолели Большой Хинган, который японское командование считало непроходимым для танков, а затем вышли на Маньчжурскую равнину.";

    private readonly string directory = Directory.CreateTempSubdirectory("typeset-print-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Outline_has_one_entry_per_chapter_with_sections_nested_and_the_catalog_says_russian()
    {
        var (pdf, _) = Write(Book(chapters: 3), new TypesettingSettings());

        using var document = PdfDocument.Open(pdf);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var roots = bookmarks.Roots.Select(root => root.Title).ToList();
        Assert.Equal(["Содержание", "Глава 1. Наступление", "Глава 2. Наступление", "Глава 3. Наступление"], roots);
        Assert.All(bookmarks.Roots.Skip(1), chapter => Assert.Equal(["Раздел 1", "Раздел 2"], chapter.Children.Select(section => section.Title)));

        // Each chapter bookmark leads to the page that starts with the chapter's title.
        foreach (var chapter in bookmarks.Roots.Skip(1).Cast<DocumentBookmarkNode>())
        {
            Assert.StartsWith(chapter.Title, PageText(pdf, chapter.PageNumber).TrimStart(), StringComparison.Ordinal);
        }

        Assert.True(document.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("Lang"), out var lang));
        Assert.Equal("ru", ((IDataToken<string>)lang).Data);
        Assert.Contains("No syntax or stream encoding errors", ExternalTool.Run("qpdf", "--check", pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void Contents_page_numbers_are_the_pages_the_chapters_start_on_and_chapters_open_on_recto()
    {
        var (pdf, _) = Write(Book(chapters: 3), new TypesettingSettings());

        var contents = ExternalTool.Run("pdftotext", "-layout", "-enc", "UTF-8", "-f", "3", "-l", "3", pdf, "-");
        Assert.StartsWith("Содержание", contents.TrimStart(), StringComparison.Ordinal);
        foreach (Match entry in ContentsEntry().Matches(contents))
        {
            var page = int.Parse(entry.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.Equal(1, page % 2);
            Assert.StartsWith(entry.Groups[1].Value, PageText(pdf, page).TrimStart(), StringComparison.Ordinal);
        }

        Assert.Equal(3, ContentsEntry().Matches(contents).Count);

        // Every entry (3 chapters, 6 sections) links to its heading's page.
        using var document = PdfDocument.Open(pdf);
        var links = document.GetPage(3).GetAnnotations().Where(a => a.Type == UglyToad.PdfPig.Annotations.AnnotationType.Link).ToList();
        Assert.Equal(9, links.Count);
        Assert.All(links, link => Assert.True(link.AnnotationDictionary.ContainsKey(NameToken.Dest)));
    }

    [Fact]
    public void A_footnote_is_printed_at_the_foot_of_the_page_that_references_it()
    {
        var (pdf, result) = Write(Book(chapters: 2), new TypesettingSettings());

        // Every reference is labelled "1" (as OCR numbers notes per page); each takes the next definition after it.
        var notesSeen = new List<int>();
        for (var page = 1; page <= result.PageCount; page++)
        {
            var text = PageText(pdf, page);
            var references = Regex.Matches(text, "Хинган1").Count;
            var notes = Regex.Matches(text, @"Примечание (\d+)\.").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(references, notes.Count);
            if (references > 0)
            {
                Assert.True(text.IndexOf("Примечание", StringComparison.Ordinal) > text.IndexOf("Хинган1", StringComparison.Ordinal), $"the note is above its reference on page {page}");
            }

            notesSeen.AddRange(notes);
        }

        Assert.Equal([1, 2, 3, 4], notesSeen);
    }

    [Fact]
    public void Front_matter_after_the_contents_is_headed_by_the_book_title_not_by_the_contents()
    {
        var blocks = Book(chapters: 1).Blocks.ToList();
        blocks.InsertRange(0, Enumerable.Range(0, 40).Select(i => new Paragraph($"front{i}", Inlines(new Text(Sentence)))));
        var (pdf, _) = Write(new Book(new BookMeta("Разгром Японии"), blocks.ToValueList()), new TypesettingSettings());

        // Title page, blank, contents on 3, blank verso, front matter from page 5: its recto heads show the book's title.
        Assert.StartsWith("Содержание", PageText(pdf, 3).TrimStart(), StringComparison.Ordinal);
        Assert.StartsWith("Разгром Японии", PageText(pdf, 7).TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("Содержание", PageText(pdf, 7), StringComparison.Ordinal);
    }

    [Fact]
    public void Running_heads_name_the_book_on_verso_and_the_chapter_on_recto_but_not_on_chapter_openers()
    {
        var (pdf, result) = Write(Book(chapters: 2), new TypesettingSettings());

        var opener = PageText(pdf, 5);
        Assert.StartsWith("Глава 1. Наступление", opener.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\n6\s*$", opener);
        Assert.StartsWith("Разгром Японии", PageText(pdf, 6).TrimStart(), StringComparison.Ordinal);
        Assert.StartsWith("Глава 1. Наступление", PageText(pdf, 7).TrimStart(), StringComparison.Ordinal);
        Assert.True(result.PageCount >= 7);
    }

    [Fact]
    public void Bleed_and_crop_marks_grow_the_page_and_mark_trim_and_bleed_boxes()
    {
        var settings = new TypesettingSettings { BleedMm = 3, CropMarks = true };
        var (pdf, _) = Write(Book(chapters: 1), settings);

        var info = ExternalTool.Run("pdfinfo", "-box", "-f", "1", "-l", "1", pdf);
        var offset = (3 + 5) * PointsPerMm;
        var trim = Box(info, "TrimBox");
        Assert.Equal(offset, trim[0], 0.01);
        Assert.Equal(settings.PageWidthMm * PointsPerMm, trim[2] - trim[0], 0.01);
        Assert.Equal(settings.PageHeightMm * PointsPerMm, trim[3] - trim[1], 0.01);
        var bleed = Box(info, "BleedBox");
        Assert.Equal((settings.PageWidthMm + 6) * PointsPerMm, bleed[2] - bleed[0], 0.01);
        var media = Box(info, "MediaBox");
        Assert.Equal((settings.PageWidthMm + 16) * PointsPerMm, media[2] - media[0], 0.01);
    }

    [Fact]
    public void Bad_input_gives_warnings_naming_the_blocks_and_keeps_every_glyph_inside_the_text_block()
    {
        WritePng(Path.Combine(directory, "huge.png"), 600, 4000);
        File.WriteAllText(Path.Combine(directory, "broken.png"), "not an image");
        var url = "https://example.org/" + string.Concat(Enumerable.Repeat("very-long-path-segment/", 8)) + "index.html";
        var longHeading = string.Join(' ', Enumerable.Repeat("Очень длинный заголовок раздела", 65));
        List<Block> blocks =
        [
            new Heading("b0", 1, Inlines(new Text("Глава пустая"))),
            new Heading("b1", 1, Inlines(new Text("Глава с трудностями"))),
            new Paragraph("b2", Inlines(new Text($"Ссылка {url} стоит посреди текста. {Sentence}"))),
            new Figure("b3", "missing.png", Inlines(new Text("Рис. 1. Снимок утерян"))),
            new Figure("b4", "broken.png", Inlines(new Text("Рис. 2. Файл повреждён"))),
            new Figure("b5", "huge.png", Inlines(new Text("Рис. 3. Снимок выше страницы"))),
            new Figure("b6", "", Inlines(new Text("Рис. 4. Подпись без снимка"))),
            new Heading("b7", 2, Inlines(new Text(longHeading))),
            new Paragraph("b8", Inlines(new Text(string.Join(' ', Enumerable.Repeat(Sentence, 12))))),
        ];
        var settings = new TypesettingSettings();
        var (pdf, result) = Write(new Book(new BookMeta("Разгром Японии"), blocks.ToValueList()), settings);

        Assert.Contains(result.Warnings, w => w.ToString().StartsWith("block b3:", StringComparison.Ordinal) && w.ToString().Contains("missing.png", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.ToString().StartsWith("block b4:", StringComparison.Ordinal) && w.ToString().Contains("cannot be decoded", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.ToString().StartsWith("block b6:", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.ToString().StartsWith("block b7:", StringComparison.Ordinal) && w.ToString().Contains("heading", StringComparison.Ordinal));
        Assert.Equal(0, result.Statistics.OverfullLines);

        var geometry = PageGeometry.From(settings);
        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            var left = geometry.TextLeft(page.Number);
            foreach (var letter in page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)))
            {
                Assert.InRange(letter.BoundingBox.Left, left - 0.5, left + geometry.TextWidth + 0.5);
                Assert.InRange(letter.BoundingBox.Right, left - 0.5, left + geometry.TextWidth + 0.5);
                Assert.InRange(letter.BoundingBox.Bottom, 0, geometry.Height);
            }

            foreach (var image in page.GetImages())
            {
                Assert.InRange(image.BoundingBox.Bottom, geometry.Bottom - 0.5, geometry.Height - geometry.Top + 0.5);
                Assert.InRange(image.BoundingBox.Top, geometry.Bottom - 0.5, geometry.Height - geometry.Top + 0.5);
            }
        }

        var text = ExternalTool.Run("pdftotext", "-enc", "UTF-8", pdf, "-");
        Assert.Contains("Рис. 4. Подпись без снимка", text, StringComparison.Ordinal);
        Assert.Contains("Глава пустая", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Drawn_in_parts_at_once_the_book_is_the_same_document()
    {
        // The same opaque picture in the first and the last chapter (so in two parts), and one with transparency.
        WritePng(Path.Combine(directory, "grey.png"), 600, 400);
        using (var clear = new SKBitmap(new SKImageInfo(300, 200, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
        {
            clear.Erase(new SKColor(200, 30, 30, 120));
            File.WriteAllBytes(Path.Combine(directory, "clear.png"), clear.Encode(SKEncodedImageFormat.Png, 100).ToArray());
        }

        var blocks = Book(chapters: 4).Blocks.ToList();
        blocks.Insert(3, new Figure("f1", "grey.png", Inlines(new Text("Рис. 1"))));
        blocks.Insert(5, new Figure("f2", "clear.png", Inlines(new Text("Рис. 2"))));
        blocks.Add(new Figure("f3", "grey.png", Inlines(new Text("Рис. 3"))));
        blocks.Add(new Figure("f4", "clear.png", Inlines(new Text("Рис. 4"))));
        var book = new Book(new BookMeta("Разгром Японии"), blocks.ToValueList());
        var settings = new TypesettingSettings { BleedMm = 3, CropMarks = true, MinImageDpi = 0 };
        var (whole, _) = Write(book, settings, parts: 1, name: "whole.pdf");
        var (joined, _) = Write(book, settings, parts: 3, name: "joined.pdf");

        Assert.Contains("No syntax or stream encoding errors", ExternalTool.Run("qpdf", "--check", joined), StringComparison.Ordinal);
        Assert.Equal(ExternalTool.Run("pdftotext", "-enc", "UTF-8", whole, "-"), ExternalTool.Run("pdftotext", "-enc", "UTF-8", joined, "-"));
        string Boxes(string pdf) => string.Join('\n', ExternalTool.Run("pdfinfo", "-box", "-f", "1", "-l", "99", pdf).Split('\n').Where(line => !line.StartsWith("File size", StringComparison.Ordinal) && !line.Contains("Date:", StringComparison.Ordinal)));
        Assert.Equal(Boxes(whole), Boxes(joined));

        // Each part embeds the same font files, and both pictures are drawn in two parts: the joined file keeps one copy.
        Assert.InRange(new FileInfo(joined).Length, 0, new FileInfo(whole).Length * 1.05);
        static int ImageObjects(string pdf) => ExternalTool.Run("pdfimages", "-list", pdf).Split('\n').Skip(2)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(columns => columns.Length > 11)
            .Select(columns => columns[10]).Distinct().Count();
        Assert.Equal(2, ImageObjects(whole)); // each picture once, however often drawn (a soft mask is listed with its picture)
        Assert.Equal(ImageObjects(whole), ImageObjects(joined));

        // Every named destination (headings, contents) leads to the same page, and so do the bookmarks and contents links.
        var destinations = ExternalTool.Run("pdfinfo", "-dests", joined);
        Assert.Equal(ExternalTool.Run("pdfinfo", "-dests", whole), destinations);
        Assert.True(destinations.Split('\n').Count(line => line.Contains("\"h", StringComparison.Ordinal)) == 12, destinations);
        using var first = PdfDocument.Open(whole);
        using var second = PdfDocument.Open(joined);
        Assert.True(first.TryGetBookmarks(out var wholeMarks));
        Assert.True(second.TryGetBookmarks(out var joinedMarks));
        Assert.Equal(
            wholeMarks.GetNodes().OfType<DocumentBookmarkNode>().Select(node => (node.Title, node.PageNumber)),
            joinedMarks.GetNodes().OfType<DocumentBookmarkNode>().Select(node => (node.Title, node.PageNumber)));
        Assert.Equal(
            first.GetPage(3).GetAnnotations().Select(a => a.AnnotationDictionary.Data[NameToken.Dest.Data].ToString()),
            second.GetPage(3).GetAnnotations().Select(a => a.AnnotationDictionary.Data[NameToken.Dest.Data].ToString()));
        Assert.All(ExternalTool.Run("pdffonts", joined).Split('\n').Skip(2).Where(line => line.Length > 0), line => Assert.Contains(" yes ", line, StringComparison.Ordinal));
    }

    private (string Path, PdfWriteResult Result) Write(Book book, TypesettingSettings settings, int? parts = null, string name = "book.pdf")
    {
        var path = Path.Combine(directory, name);
        using (var output = File.Create(path))
        {
            return (path, PdfBookWriter.Write(book, settings, directory, output, parts));
        }
    }

    /// <summary>Chapters of two sections; the first paragraph of each section references a footnote defined after it.</summary>
    private static Book Book(int chapters)
    {
        var blocks = new List<Block>();
        var note = 0;
        for (var chapter = 1; chapter <= chapters; chapter++)
        {
            blocks.Add(new Heading($"c{chapter}", 1, Inlines(new Text($"Глава {chapter}. Наступление"))));
            for (var section = 1; section <= 2; section++)
            {
                note++;
                blocks.Add(new Heading($"c{chapter}s{section}", 2, Inlines(new Text($"Раздел {section}"))));
                blocks.Add(new Paragraph($"c{chapter}s{section}p0", Inlines(new Text("Войска преодолели Большой Хинган"), new FootnoteReference("1"), new Text(" за несколько дней. " + Sentence))));
                blocks.Add(Footnote.OfText($"c{chapter}s{section}n", "1", Inlines(new Text($"Примечание {note}. Хребет высотой до 2000\u00A0м."))));
                for (var p = 1; p <= 8; p++)
                {
                    blocks.Add(new Paragraph($"c{chapter}s{section}p{p}", Inlines(new Text(string.Join(' ', Enumerable.Repeat(Sentence, 3))))));
                }
            }
        }

        return new Book(new BookMeta("Разгром Японии", Author: "Максим Коломиец"), blocks.ToValueList());
    }

    private static string PageText(string pdf, int page) =>
        ExternalTool.Run("pdftotext", "-enc", "UTF-8", "-f", page.ToString(CultureInfo.InvariantCulture), "-l", page.ToString(CultureInfo.InvariantCulture), pdf, "-");

    private static double[] Box(string info, string name) =>
        Regex.Match(info, name + @":\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)").Groups.Values.Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray();

    private static ValueList<Inline> Inlines(params Inline[] inlines) => ValueList<Inline>.Of(inlines);

    private static void WritePng(string path, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.LightGray);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    [GeneratedRegex(@"(Глава \d+\. Наступление)\s+(\d+)")]
    private static partial Regex ContentsEntry();
}
