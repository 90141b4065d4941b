using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SkiaSharp;
using Typeset.Configuration;
using Typeset.Model;
using Typeset.Publishing.Pdf;

using Typeset.Tests.Support;

namespace Typeset.Tests.Publishing.Pdf;

public sealed partial class PdfBookWriterTests : IDisposable
{
    private const string LongWord = "Дальневосточновоенноморскаяпереправочнаяэкспедиционнаяоперация";

    private static readonly string[] Sentences =
    [
        "Советский Союз всего за две недели сокрушил Квантунскую армию, главное и наиболее боеспособное соединение японских вооружённых сил.",
        "Маньчжурская стратегическая наступательная операция является одной из самых успешных операций в истории военных конфликтов.",
        "Разгром миллионной ударной группировки принудил Японию к безоговорочной капитуляции, поставив точку во Второй мировой войне.",
        "Автор подробно описывает ход операции от стратегических планов командования до прорыва укреплённых районов и продвижения в глубь Маньчжурии.",
    ];

    private readonly string directory = Directory.CreateTempSubdirectory("typeset-pdf-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Page_size_is_exactly_the_trim_size_on_every_page()
    {
        var settings = new TypesettingSettings();
        var (pdf, result) = Write(SampleBook(chapters: 2), settings);

        var info = Run("pdfinfo", "-f", "1", "-l", result.PageCount.ToString(CultureInfo.InvariantCulture), pdf);
        var sizes = PageSizeLine().Matches(info).Select(match => (Parse(match.Groups[1].Value), Parse(match.Groups[2].Value))).ToList();

        Assert.Equal(result.PageCount, sizes.Count);
        Assert.All(sizes, size =>
        {
            Assert.Equal(settings.PageWidthMm / 25.4 * 72, size.Item1, 0.01);
            Assert.Equal(settings.PageHeightMm / 25.4 * 72, size.Item2, 0.01);
        });
    }

    [Fact]
    public void Page_size_follows_other_settings()
    {
        var settings = new TypesettingSettings { PageWidthMm = 148, PageHeightMm = 210 };
        var (pdf, _) = Write(SampleBook(chapters: 1), settings);

        var match = PageSizeLine().Match(Run("pdfinfo", "-f", "1", "-l", "1", pdf));

        Assert.Equal(419.53, Parse(match.Groups[1].Value), 0.01);
        Assert.Equal(595.28, Parse(match.Groups[2].Value), 0.01);
    }

    [Fact]
    public void All_fonts_are_embedded()
    {
        var (pdf, _) = Write(SampleBook(chapters: 1), new TypesettingSettings());

        var lines = Run("pdffonts", pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var embColumn = lines[0].IndexOf(" emb ", StringComparison.Ordinal) + 1;
        var fonts = lines.Skip(2).ToList();

        Assert.Contains(fonts, font => font.Contains("PTSerif-Regular", StringComparison.Ordinal));
        Assert.Contains(fonts, font => font.Contains("PTSerif-Italic", StringComparison.Ordinal));
        Assert.Contains(fonts, font => font.Contains("PTSerif-Bold", StringComparison.Ordinal));
        Assert.Contains(fonts, font => font.Contains("PTSans-Bold", StringComparison.Ordinal));
        Assert.All(fonts, font => Assert.Equal("yes", font.Substring(embColumn, 3)));
    }

    [Fact]
    public void Extracted_text_has_every_paragraph_word_for_word_in_order()
    {
        var book = SampleBook(chapters: 2);
        var (pdf, result) = Write(book, PlainText);

        var extracted = BodyWords(Run("pdftotext", "-enc", "UTF-8", pdf, "-"));

        Assert.True(result.PageCount > 1);
        var position = 0;
        foreach (var block in book.Blocks)
        {
            var text = block switch
            {
                Paragraph paragraph => Typeset.Model.Inlines.PlainText(paragraph.Content),
                Heading heading => Typeset.Model.Inlines.PlainText(heading.Content),
                _ => null,
            };
            if (text is null || text.Contains(LongWord, StringComparison.Ordinal))
            {
                continue;
            }

            var found = IndexOf(extracted, Words(text), position);
            Assert.True(found >= 0, $"words of «{text}» not found in order after word {position}: «{string.Join(' ', extracted.Skip(position).Take(150))}»");
            position = found + 1;
        }

        // The overlong word is cut across lines but all its letters come out in order.
        Assert.Contains(LongWord, string.Concat(extracted), StringComparison.Ordinal);
    }

    [Fact]
    public void Ligatures_accents_and_shared_glyphs_extract_as_typed()
    {
        // Runs the font's character map cannot give back go into the PDF with their text; plain runs go in as glyphs alone.
        const string Typed = "Офицер сказал: office, flow, 5\u00A0µm, за\u0301мок.";
        var book = new Book(new BookMeta("Проба"), ValueList<Block>.Of(new Paragraph("p1", Inlines(new Text(Typed)))));
        var (pdf, _) = Write(book, PlainText);

        var text = Run("pdftotext", "-enc", "UTF-8", pdf, "-").Normalize(System.Text.NormalizationForm.FormC);

        Assert.Contains(Typed.Replace('\u00A0', ' ').Normalize(System.Text.NormalizationForm.FormC), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Figure_images_are_drawn_and_missing_images_give_a_warning()
    {
        var (pdf, result) = Write(SampleBook(chapters: 1), new TypesettingSettings());

        var images = Run("pdfimages", "-list", pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.Single(images);
        Assert.Contains(" 640 ", images[0], StringComparison.Ordinal);

        // Each warning names the block: missing, broken, no image at all, and too few pixels for print.
        Assert.Equal(4, result.Warnings.Count);
        Assert.Contains(result.Warnings, warning => warning.ToString().Contains("missing.png", StringComparison.Ordinal) && warning.ToString().StartsWith("block b", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, warning => warning.ToString().Contains("broken.png", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, warning => warning.ToString().Contains("caption without an image", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, warning => warning.ToString().Contains("tanks.png", StringComparison.Ordinal) && warning.ToString().Contains("dpi", StringComparison.Ordinal));

        var text = Run("pdftotext", "-enc", "UTF-8", pdf, "-");
        Assert.Contains("Рис. 1. Танки Т-34", text, StringComparison.Ordinal);
        Assert.Contains("Рис. 2. Подпись без снимка", text, StringComparison.Ordinal);
        Assert.Contains("Рис. 3. Снимок утерян", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_and_folios_are_written()
    {
        var (pdf, result) = Write(SampleBook(chapters: 2), new TypesettingSettings());

        var info = Run("pdfinfo", pdf);
        Assert.Matches(@"Title:\s+Разгром Японии", info);
        Assert.Matches(@"Author:\s+Максим Коломиец", info);
        Assert.Matches(@"Creator:\s+Typeset", info);

        var lastPage = result.PageCount.ToString(CultureInfo.InvariantCulture);
        var lastPageText = Run("pdftotext", "-enc", "UTF-8", "-f", lastPage, "-l", lastPage, pdf, "-");
        Assert.Equal(lastPage, lastPageText.Split(['\n', '\f'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]);
    }

    [Fact]
    public void Level_one_headings_start_a_new_page()
    {
        var (pdf, _) = Write(SampleBook(chapters: 3), PlainText with { ChapterOnRecto = true });

        var pages = Run("pdftotext", "-enc", "UTF-8", pdf, "-").Split('\f');
        var chapterPages = pages.Select((text, index) => (text, index)).Where(page => page.text.Contains("Глава", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, chapterPages.Count);
        Assert.All(chapterPages, page => Assert.StartsWith("Глава", page.text.TrimStart(), StringComparison.Ordinal));
        Assert.All(chapterPages.Skip(1), page => Assert.Equal(0, page.index % 2));
    }

    [Fact]
    public void A_book_of_about_150_pages_is_written()
    {
        var book = SampleBook(chapters: 20);

        var (_, result) = Write(book, new TypesettingSettings());

        // Its speed is measured by bench/pdf, not asserted here.
        Assert.InRange(result.PageCount, 100, 400);
    }

    [Fact]
    public void A_missing_font_family_fails_naming_it()
    {
        var settings = new TypesettingSettings { BodyFont = "Missing Serif" };

        var error = Assert.ThrowsAny<Exception>(() => PdfBookWriter.Write(SampleBook(chapters: 1), settings, directory, new MemoryStream()));

        Assert.Contains("'Missing Serif'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Only the text of the book: no title page, contents or running heads to skip when reading it back.</summary>
    private static TypesettingSettings PlainText => new() { TitlePage = false, Toc = false, RunningHeads = false, ChapterOnRecto = false };

    private (string Path, PdfWriteResult Result) Write(Book book, TypesettingSettings settings)
    {
        var path = Path.Combine(directory, "book.pdf");
        using var output = File.Create(path);
        var result = PdfBookWriter.Write(book, settings, directory, output);
        return (path, result);
    }

    private Book SampleBook(int chapters)
    {
        WritePng(Path.Combine(directory, "images", "tanks.png"), 640, 400);
        File.WriteAllText(Path.Combine(directory, "images", "broken.png"), "not a png");

        var blocks = new List<Block>();
        var id = 0;
        string Id() => $"b{id++}";

        for (var chapter = 1; chapter <= chapters; chapter++)
        {
            blocks.Add(new PageMarker(Id(), chapter));
            blocks.Add(new Heading(Id(), 1, Inlines(new Text($"Глава {chapter}. Разгром Квантунской армии и конец Второй мировой войны"))));
            blocks.Add(new ThematicBreak(Id()));
            for (var section = 1; section <= 3; section++)
            {
                blocks.Add(new Heading(Id(), 2, Inlines(new Text($"Раздел {chapter}.{section}. Подготовка к наступлению"))));
                blocks.Add(new Paragraph(Id(), Inlines(
                    new Text("Войска "),
                    new Emphasis(Inlines(new Text("Забайкальского фронта"))),
                    new Text(" перешли границу 9\u00A0августа 1945\u00A0г., а "),
                    new Strong(Inlines(new Text("танковая армия"))),
                    new Text(" преодолела Большой Хинган"),
                    new FootnoteReference("1"),
                    new Text(" за несколько дней."))));
                for (var i = 0; i < 6; i++)
                {
                    // A unique first word keeps the in-order check from matching a repeated paragraph elsewhere.
                    var text = $"Абзац {id}. " + string.Join(' ', Sentences.Skip(i % Sentences.Length).Concat(Sentences.Take(i % Sentences.Length)));
                    blocks.Add(new Paragraph(Id(), Inlines(new Text(text), new LineBreak(Hard: false), new Text("Конец абзаца."))));
                }

                blocks.Add(Footnote.OfText(Id(), "1", Inlines(new Text("Хребет высотой до 2000\u00A0м, который японское командование считало непроходимым для танков."))));
                blocks.Add(new Quote(Id(), ValueList<Block>.Of(new Paragraph(Id(), Inlines(new Text("Приказ: перейти границу и разгромить противника в кратчайший срок."))))));
            }
        }

        blocks.Insert(8, new Paragraph(Id(), Inlines(new Text($"Перед длинным словом {LongWord} и после него."))));
        blocks.Insert(9, new Figure(Id(), "images/tanks.png", Inlines(new Text("Рис. 1. Танки Т-34 на марше в Маньчжурии"))));
        blocks.Insert(10, new Figure(Id(), "", Inlines(new Text("Рис. 2. Подпись без снимка"))));
        blocks.Insert(11, new Figure(Id(), "images/missing.png", Inlines(new Text("Рис. 3. Снимок утерян"))));
        blocks.Insert(12, new Figure(Id(), "images/broken.png", Inlines(new Text("Рис. 4. Файл повреждён"))));
        return new Book(new BookMeta("Разгром Японии", Author: "Максим Коломиец"), blocks.ToValueList());
    }

    private static ValueList<Inline> Inlines(params Inline[] inlines) => ValueList<Inline>.Of(inlines);

    private static void WritePng(string path, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.LightGray);
            using var paint = new SKPaint { Color = SKColors.DarkSlateGray };
            canvas.DrawCircle(width / 2f, height / 2f, height / 3f, paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static string Run(string tool, params string[] arguments) => ExternalTool.Run(tool, arguments);

    /// <summary>
    /// Words of all pages with each page's folio (its last line, on pages that are no chapter opener) and footnotes
    /// (the lines after the body, which start with their number) removed, and line-end hyphens of split words rejoined.
    /// </summary>
    private static string[] BodyWords(string text) =>
        DehyphenateLines(text.Split('\f').SelectMany((page, index) =>
        {
            var lines = page.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (lines.Count > 0 && lines[^1] == (index + 1).ToString(CultureInfo.InvariantCulture))
            {
                lines.RemoveAt(lines.Count - 1);
            }

            var note = lines.FindIndex(line => line.Contains("Хребет высотой", StringComparison.Ordinal));
            return note >= 0 ? lines.Take(note > 0 && lines[note - 1] == "1" ? note - 1 : note) : lines;
        }).ToList()).SelectMany(Words).ToArray();

    private static List<string> DehyphenateLines(List<string> lines)
    {
        var joined = new List<string>();
        foreach (var line in lines)
        {
            if (joined.Count > 0 && joined[^1].Length > 1 && joined[^1][^1] == '-' && char.IsLetter(joined[^1][^2]) && line.Length > 0 && char.IsLower(line[0]))
            {
                joined[^1] = joined[^1][..^1] + line;
            }
            else
            {
                joined.Add(line);
            }
        }

        return joined;
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static int IndexOf(string[] haystack, string[] needle, int from)
    {
        for (var i = from; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Page\s+\d*\s*size:\s+([\d.]+) x ([\d.]+) pts")]
    private static partial Regex PageSizeLine();
}
