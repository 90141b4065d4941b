using SkiaSharp;
using Typeset.Model;

namespace Typeset.Tests.Publishing.Epub;

/// <summary>Books built in code for the EPUB tests, and the resource folder holding their images.</summary>
internal static class EpubTestBooks
{
    public const string PngPath = "img/фото 1.png";
    public const string WebpPath = "img/карта.webp";
    public const string MissingPath = "img/нет-такого.jpg";

    /// <summary>Writes a real PNG and WebP (what the figures point at) into a fresh temporary folder and returns that folder.</summary>
    public static string CreateResourceDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("typeset-epub-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "img"));
        using var bitmap = new SKBitmap(40, 30);
        bitmap.Erase(SKColors.SteelBlue);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(Path.Combine(directory, PngPath), png.ToArray());
        using var webp = bitmap.Encode(SKEncodedImageFormat.Webp, 80);
        File.WriteAllBytes(Path.Combine(directory, WebpPath), webp.ToArray());
        return directory;
    }

    /// <summary>
    /// Two chapters with level-2 and level-3 headings, emphasis, footnotes whose label "1" repeats (as OCR restarts numbering
    /// per page), a PNG and a WebP image, a caption-only figure, a missing image, a reference without definition, and dirty text.
    /// </summary>
    public static Book Russian() => new(
        new BookMeta("Разгром Японии", "Последняя битва Второй мировой", "Максим Коломиец", "Яуза-пресс", "Москва", 2025, "978-5-9955-1261-5"),
        Blocks(
            new Paragraph("p1", List(Text("МАКСИМ КОЛОМИЕЦ"), new LineBreak(true), new Strong(List(Text("РАЗГРОМ ЯПОНИИ")))), new SourceRef(1)),
            new PageMarker("pm2", 2),
            new Heading("h1", 1, List(Text("ВВЕДЕНИЕ"))),
            new Paragraph("p2", List(
                Text("2 сентября 1945 года закончилась "),
                new Emphasis(List(Text("Вторая мировая"))),
                Text(" — самая "),
                new Strong(List(Text("кровопролитная"))),
                Text(" война"),
                new FootnoteReference("1"),
                Text(".\u0001 Примечание <b>не</b> & разметка"),
                new RawInline("<span>raw</span>"),
                new LineBreak(false),
                Text("продолжение строки."))),
            new Footnote("f1", "1", List(Text("Первая сноска на странице 5."))),
            new PageMarker("pm3", 3),
            new Heading("h2", 2, List(Text("Немного из "), new Emphasis(List(Text("истории"))), Text(" Китая"))),
            new Paragraph("p3", List(Text("Вторая страница, сноска снова номер один"), new FootnoteReference("1"), Text(", и потерянная"), new FootnoteReference("9"), Text("."))),
            new Figure("fig1", PngPath, List(new Emphasis(List(Text("Танки на марше (АА)"))))),
            new Figure("fig2", "", List(new Strong(List(Text("Подпись без снимка (ЯМ)"))))),
            new Figure("fig3", MissingPath, List(Text("Снимок потерян"))),
            new Figure("fig4", WebpPath, List(Text("Карта-схема"))),
            new Footnote("f2", "1", List(Text("Вторая сноска, тоже «1»."))),
            new Heading("h3", 3, List(Text("Маньчжурия"), new Superscript("*"))),
            new Quote("q1", List(new Paragraph("q1p1", List(Text("Мы крепко, на замок запираем наши границы."))))),
            new ThematicBreak("tb1"),
            new Footnote("f3", "*", List(Text("Сноска без ссылки стоит на месте."))),
            new Heading("h4", 1, List(Text("СОВЕТСКО-ЯПОНСКИЕ ОТНОШЕНИЯ"))),
            new Paragraph("p4", List(Text("Во второй главе нумерация опять с единицы"), new FootnoteReference("1"), Text("."))),
            new Footnote("f4", "1", List(Text("Сноска второй главы."))),
            new Heading("h5", 2, List(Text("Пакт о нейтралитете"))),
            new Paragraph("p5", List(Text("Последний абзац.")))));

    /// <summary>An empty chapter, a heading that is only "…", an empty heading, and 120 headings in all.</summary>
    public static Book EdgeCases()
    {
        var blocks = new List<Block>
        {
            new Heading("e1", 1, List(Text("Пустая глава"))),
            new Heading("e2", 1, List(Text("…"))),
            new Paragraph("e3", List(Text("Текст под заголовком из многоточия."))),
            new Heading("e4", 2, List(Text("  "))),
        };
        for (var i = blocks.Count(block => block is Heading) + 1; i <= 120; i++)
        {
            var level = i % 3 + 1;
            blocks.Add(new Heading($"h{i}", level, List(Text($"Заголовок {i} уровня {level}"))));
            blocks.Add(new Paragraph($"p{i}", List(Text($"Абзац {i}."))));
        }

        return new Book(new BookMeta("Крайние случаи", Language: "ru"), blocks.ToValueList());
    }

    private static Text Text(string value) => new(value);

    private static ValueList<Inline> List(params Inline[] inlines) => ValueList<Inline>.Of(inlines);

    private static ValueList<Paragraph> List(params Paragraph[] paragraphs) => ValueList<Paragraph>.Of(paragraphs);

    private static ValueList<Block> Blocks(params Block[] blocks) => ValueList<Block>.Of(blocks);
}
