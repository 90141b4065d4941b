using SkiaSharp;
using Typeset.Model;

namespace Typeset.Tests.Publishing.Epub;

/// <summary>Books built in code for the EPUB tests, and the resource folder holding their images.</summary>
internal static class EpubTestBooks
{
    public const string PngPath = "img/фото 1.png";
    public const string WebpPath = "img/карта.webp";
    public const string MissingPath = "img/нет-такого.jpg";
    public const string LargePhotoPath = "img/photo-2400x1800.png";
    public const string LargeSchemePath = "img/scheme-3200x1000.png";
    public const string SmallJpegPath = "img/снимок \"№1\" & <малый>.jpg";
    public const string BrokenPath = "img/broken.png";
    public const string LargeCoverPath = "cover-2000x3000.jpg";

    /// <summary>Writes the images the figures point at into a fresh temporary folder and returns that folder.</summary>
    public static string CreateResourceDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("typeset-epub-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "img"));
        using var bitmap = new SKBitmap(40, 30);
        bitmap.Erase(SKColors.SteelBlue);
        Save(directory, PngPath, bitmap, SKEncodedImageFormat.Png, 100);
        Save(directory, WebpPath, bitmap, SKEncodedImageFormat.Webp, 80);
        using var photo = Photo(2400, 1800);
        Save(directory, LargePhotoPath, photo, SKEncodedImageFormat.Png, 100);
        using var scheme = Scheme(3200, 1000);
        Save(directory, LargeSchemePath, scheme, SKEncodedImageFormat.Png, 100);
        using var small = Photo(400, 300);
        Save(directory, SmallJpegPath, small, SKEncodedImageFormat.Jpeg, 80);
        using var cover = Photo(2000, 3000);
        Save(directory, LargeCoverPath, cover, SKEncodedImageFormat.Jpeg, 90);

        // A PNG signature followed by garbage: looks like an image until it is decoded.
        File.WriteAllBytes(Path.Combine(directory, BrokenPath), [0x89, (byte)'P', (byte)'N', (byte)'G', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n', 1, 2, 3, 4, 5]);
        return directory;
    }

    /// <summary>Smooth gradients with seeded noise: tens of thousands of colours, as in a scanned photograph.</summary>
    private static SKBitmap Photo(int width, int height)
    {
        var random = new Random(7);
        var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)random.Next(256)));
            }
        }

        return bitmap;
    }

    /// <summary>Black lines on white: a map or a diagram, which must stay PNG.</summary>
    private static SKBitmap Scheme(int width, int height)
    {
        var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = 6, IsAntialias = false };
        for (var x = 0; x < width; x += 100)
        {
            canvas.DrawLine(x, 0, width - x, height, pen);
        }

        return bitmap;
    }

    private static void Save(string directory, string path, SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var data = bitmap.Encode(format, quality);
        File.WriteAllBytes(Path.Combine(directory, path), data.ToArray());
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
            Footnote.OfText("f1", "1", List(Text("Первая сноска на странице 5."))),
            new PageMarker("pm3", 3),
            new Heading("h2", 2, List(Text("Немного из "), new Emphasis(List(Text("истории"))), Text(" Китая"))),
            new Paragraph("p3", List(Text("Вторая страница, сноска снова номер один"), new FootnoteReference("1"), Text(", и потерянная"), new FootnoteReference("9"), Text("."))),
            new Figure("fig1", PngPath, List(new Emphasis(List(Text("Танки на марше (АА)"))))),
            new Figure("fig2", "", List(new Strong(List(Text("Подпись без снимка (ЯМ)"))))),
            new Figure("fig3", MissingPath, List(Text("Снимок потерян"))),
            new Figure("fig4", WebpPath, List(Text("Карта-схема"))),
            Footnote.OfText("f2", "1", List(Text("Вторая сноска, тоже «1»."))),
            new Heading("h3", 3, List(Text("Маньчжурия"), new Superscript("*"))),
            new Quote("q1", Blocks(new Paragraph("q1p1", List(Text("Мы крепко, на замок запираем наши границы."))))),
            new ThematicBreak("tb1"),
            Footnote.OfText("f3", "*", List(Text("Сноска без ссылки стоит на месте."))),
            new Heading("h4", 1, List(Text("СОВЕТСКО-ЯПОНСКИЕ ОТНОШЕНИЯ"))),
            new Paragraph("p4", List(Text("Во второй главе нумерация опять с единицы"), new FootnoteReference("1"), Text("."))),
            Footnote.OfText("f4", "1", List(Text("Сноска второй главы."))),
            new Heading("h5", 2, List(Text("Пакт о нейтралитете"))),
            new Paragraph("p5", List(Text("Последний абзац.")))));

    /// <summary>
    /// An empty chapter, a heading that is only "…", an empty heading, 120 headings in all on three levels; a figure
    /// without caption whose file name has quotes, an ampersand and angle brackets; a footnote referenced from a caption;
    /// a broken image; a large photo and a large line drawing to be scaled down; two blocks sharing one id.
    /// </summary>
    public static Book EdgeCases()
    {
        var blocks = new List<Block>
        {
            new Heading("e1", 1, List(Text("Пустая глава"))),
            new Heading("e2", 1, List(Text("…"))),
            new Paragraph("e3", List(Text("Текст под заголовком из многоточия."))),
            new Figure("e3", SmallJpegPath, List(Array.Empty<Inline>())),
            new Figure("fig-note", LargePhotoPath, List(new Emphasis(List(Text("Снимок со сноской"), new FootnoteReference("1"))), Text(" (АА)"))),
            new Figure("fig-broken", BrokenPath, List(Text("Битый файл"))),
            new Figure("fig-scheme", LargeSchemePath, List(Text("Схема"))),
            Footnote.OfText("fn-caption", "1", List(Text("Сноска к подписи."))),
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
