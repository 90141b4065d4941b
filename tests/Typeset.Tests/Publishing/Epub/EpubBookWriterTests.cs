using System.IO.Compression;
using System.Xml.Linq;
using SkiaSharp;
using Typeset.Configuration;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;
using Typeset.Publishing.Epub;
using Typeset.Tests.Support;

namespace Typeset.Tests.Publishing.Epub;

/// <summary>
/// Writes the test books once and checks them from several sides. epubcheck takes seconds a run, so the three runs go in
/// parallel, and the real sample carries every option (given cover, embedded fonts, soft hyphens) in one book.
/// </summary>
public sealed class EpubFixture : IDisposable
{
    public EpubFixture()
    {
        ResourceDirectory = EpubTestBooks.CreateResourceDirectory();
        Russian = WrittenEpub.Write(EpubTestBooks.Russian(), new EpubSettings(), ResourceDirectory);
        EdgeCases = WrittenEpub.Write(EpubTestBooks.EdgeCases(), new EpubSettings(SplitLevel: 2), ResourceDirectory);
        var config = PipelineConfigLoader.Load(TestPaths.RepositoryConfig, StageCatalog.OptionShapes);
        var sample = MarkdownReader.Read(File.ReadAllText(TestPaths.SampleMarkdown), config.Book);
        SampleWithOptions = WrittenEpub.Write(
            sample,
            new EpubSettings(EmbedFonts: true, CoverPath: Path.Combine(ResourceDirectory, EpubTestBooks.LargeCoverPath), SoftHyphens: true),
            ResourceDirectory);
    }

    public string ResourceDirectory { get; }

    public WrittenEpub Russian { get; }

    public WrittenEpub EdgeCases { get; }

    public WrittenEpub SampleWithOptions { get; }

    public void Dispose() => Directory.Delete(ResourceDirectory, recursive: true);
}

public sealed record WrittenEpub(Book Book, EpubSettings Settings, byte[] Bytes, EpubWriteResult Result, Task<EpubcheckReport> Checking)
{
    public EpubcheckReport Check => Checking.GetAwaiter().GetResult();

    public static WrittenEpub Write(Book book, EpubSettings settings, string resourceDirectory)
    {
        using var output = new MemoryStream();
        var result = EpubBookWriter.Write(book, settings, resourceDirectory, output);
        var path = Path.Combine(resourceDirectory, $"{book.Meta.Title}-{settings.GetHashCode():x8}.epub");
        File.WriteAllBytes(path, output.ToArray());
        return new WrittenEpub(book, settings, output.ToArray(), result, Task.Run(() => Epubcheck.Run(path)));
    }

    public ZipArchive Open() => new(new MemoryStream(Bytes), ZipArchiveMode.Read);

    public XDocument Entry(string name)
    {
        using var archive = Open();
        using var stream = archive.GetEntry(name)?.Open() ?? throw new InvalidOperationException($"no entry {name}");
        return XDocument.Load(stream);
    }
}

public sealed class EpubBookWriterTests(EpubFixture fixture) : IClassFixture<EpubFixture>
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Ops = "http://www.idpf.org/2007/ops";
    private static readonly XNamespace Opf = "http://www.idpf.org/2007/opf";

    public static TheoryData<string> Books => ["Russian", "EdgeCases", "Sample"];

    [Theory]
    [MemberData(nameof(Books))]
    public void Epubcheck_ReportsNoErrorsAndNoWarnings(string name)
    {
        var report = Book(name).Check;

        Assert.True(report.Fatals + report.Errors + report.Warnings == 0 && report.ExitCode == 0, report.Messages);
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void EveryXhtmlEntry_ParsesAndDeclaresRussian(string name)
    {
        var epub = Book(name);
        using var archive = epub.Open();
        var xhtml = archive.Entries.Where(entry => entry.FullName.EndsWith(".xhtml", StringComparison.Ordinal)).ToList();

        Assert.Equal(epub.Result.ChapterCount + 2, xhtml.Count); // + nav and cover
        foreach (var entry in xhtml)
        {
            using var stream = entry.Open();
            var html = XDocument.Load(stream).Root!;
            Assert.Equal("ru", (string?)html.Attribute(XNamespace.Xml + "lang"));
            Assert.Equal("ru", (string?)html.Attribute("lang"));
            Assert.False(string.IsNullOrWhiteSpace(html.Descendants(Xhtml + "title").Single().Value), entry.FullName);
        }
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Nav_ListsEveryHeadingInOrder(string name)
    {
        var epub = Book(name);
        var headings = epub.Book.Blocks.OfType<Heading>().Select(heading => Inlines.PlainText(heading.Content).Trim()).ToList();

        var links = TocLinks(epub);

        Assert.Equal(headings.Count, links.Count);
        for (var i = 0; i < headings.Count; i++)
        {
            Assert.Equal(headings[i].Length > 0 ? headings[i] : $"Глава {i + 1}", links[i].Value);
            Assert.EndsWith($"#h-{i + 1}", (string?)links[i].Attribute("href"));
        }
    }

    [Fact]
    public void Nav_NestsHeadingsByLevel()
    {
        var topLevel = fixture.Russian.Entry("OEBPS/nav.xhtml").Descendants(Xhtml + "nav").First().Element(Xhtml + "ol")!.Elements(Xhtml + "li").ToList();

        Assert.Equal(["ВВЕДЕНИЕ", "СОВЕТСКО-ЯПОНСКИЕ ОТНОШЕНИЯ"], topLevel.Select(li => li.Element(Xhtml + "a")!.Value));
        var section = topLevel[0].Element(Xhtml + "ol")!.Element(Xhtml + "li")!;
        Assert.Equal("Немного из истории Китая", section.Element(Xhtml + "a")!.Value);
        Assert.Equal("Маньчжурия*", section.Element(Xhtml + "ol")!.Element(Xhtml + "li")!.Element(Xhtml + "a")!.Value);
    }

    [Fact]
    public void Chapters_SplitBeforeEachSplitLevelHeading_WithFrontMatterApart()
    {
        Assert.Equal(3, fixture.Russian.Result.ChapterCount);
        Assert.Equal(["cover.xhtml", "front.xhtml", "chapter-001.xhtml", "chapter-002.xhtml"], SpineFiles(fixture.Russian));
        var edgeHeadings = fixture.EdgeCases.Book.Blocks.OfType<Heading>().Count(heading => heading.Level <= 2);
        Assert.Equal(edgeHeadings, fixture.EdgeCases.Result.ChapterCount);
        Assert.Equal(120, fixture.EdgeCases.Book.Blocks.OfType<Heading>().Count());
    }

    [Fact]
    public void RepeatedFootnoteLabels_EachReferenceLinksToTheNextDefinition()
    {
        var chapter = fixture.Russian.Entry("OEBPS/text/chapter-001.xhtml");
        var references = chapter.Descendants(Xhtml + "a").Where(a => (string?)a.Attribute(Ops + "type") == "noteref").ToList();
        var notes = chapter.Descendants(Xhtml + "aside").ToDictionary(aside => (string)aside.Attribute("id")!);

        Assert.Equal(["chapter-001.xhtml#fn-1", "chapter-001.xhtml#fn-1-2"], references.Select(a => (string?)a.Attribute("href")));
        Assert.Equal(["fnref-1", "fnref-1-2"], references.Select(a => (string?)a.Attribute("id")));
        Assert.Contains("Первая сноска", notes["fn-1"].Value);
        Assert.Contains("Вторая сноска", notes["fn-1-2"].Value);
        Assert.Equal("chapter-001.xhtml#fnref-1-2", (string?)notes["fn-1-2"].Descendants(Xhtml + "a").Single().Attribute("href"));
        Assert.Contains("Сноска без ссылки", notes["fn-u002a"].Value);

        // Referenced notes go to the end of the file, after the last text block; the unreferenced one stays where it stood.
        var body = chapter.Descendants(Xhtml + "body").Single().Elements().ToList();
        Assert.Equal(["fn-1", "fn-1-2"], body.TakeLast(2).Select(element => (string?)element.Attribute("id")));
        Assert.Equal("hr", body[body.FindIndex(element => (string?)element.Attribute("id") == "fn-u002a") - 1].Name.LocalName);

        var second = fixture.Russian.Entry("OEBPS/text/chapter-002.xhtml");
        Assert.Equal("chapter-002.xhtml#fn-1-3", (string?)second.Descendants(Xhtml + "a").First(a => (string?)a.Attribute(Ops + "type") == "noteref").Attribute("href"));
    }

    [Fact]
    public void ReferenceWithoutDefinition_IsPlainSuperscriptAndWarned()
    {
        var chapter = fixture.Russian.Entry("OEBPS/text/chapter-001.xhtml");

        Assert.Contains(chapter.Descendants(Xhtml + "sup"), sup => sup.Value == "9" && !sup.HasElements);
        Assert.Contains(fixture.Russian.Result.Warnings, warning => warning.ToString().Contains("[^9]", StringComparison.Ordinal));
    }

    [Fact]
    public void Figures_CopyTheImage_KeepCaptionsOfMissingAndCaptionOnlyFigures()
    {
        Assert.DoesNotContain(fixture.Russian.Result.Warnings, warning => warning.ToString().Contains(EpubTestBooks.PngPath, StringComparison.Ordinal));
        var figures = fixture.Russian.Entry("OEBPS/text/chapter-001.xhtml").Descendants(Xhtml + "figure").ToList();

        Assert.Equal(4, figures.Count);
        Assert.Equal("../images/image-001.png", (string?)figures[0].Element(Xhtml + "img")?.Attribute("src"));
        Assert.Equal("Танки на марше (АА)", figures[0].Element(Xhtml + "figcaption")!.Value);
        Assert.Null(figures[1].Element(Xhtml + "img"));
        Assert.Equal("Подпись без снимка (ЯМ)", figures[1].Element(Xhtml + "figcaption")!.Value);
        Assert.Null(figures[2].Element(Xhtml + "img"));
        Assert.Equal("Снимок потерян", figures[2].Element(Xhtml + "figcaption")!.Value);
        Assert.Equal("../images/image-002.png", (string?)figures[3].Element(Xhtml + "img")?.Attribute("src")); // WebP re-encoded
        Assert.Contains(fixture.Russian.Result.Warnings, warning => warning.ToString().Contains(EpubTestBooks.MissingPath, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void EveryImageInTheArchive_IsInTheManifestWithItsMediaType(string name)
    {
        var epub = Book(name);
        var manifest = epub.Entry("OEBPS/content.opf").Descendants(Opf + "item")
            .ToDictionary(item => "OEBPS/" + (string)item.Attribute("href")!, item => (string)item.Attribute("media-type")!);
        using var archive = epub.Open();
        var images = archive.Entries.Where(entry => entry.FullName.StartsWith("OEBPS/images/", StringComparison.Ordinal)).ToList();

        Assert.Equal(name switch { "Russian" => 3, "EdgeCases" => 4, _ => 1 }, images.Count); // figures and the cover
        foreach (var image in images)
        {
            using var stream = image.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(ImagePlan.MediaTypeOf(copy.ToArray(), image.FullName)?.MediaType, manifest[image.FullName]);
        }

        Assert.All(manifest.Keys, href => Assert.NotNull(archive.GetEntry(href)));
    }

    [Fact]
    public void Images_LargeOnesScaledTo1600_PhotosAsJpeg_LineArtAsPng_SmallOnesKeptByteForByte()
    {
        var images = Images(fixture.EdgeCases);

        Assert.Equal(File.ReadAllBytes(Path.Combine(fixture.ResourceDirectory, EpubTestBooks.SmallJpegPath)), images["image-001.jpg"]);
        AssertImage(images["image-002.jpg"], SKEncodedImageFormat.Jpeg, 1600, 1200);
        AssertImage(images["image-003.png"], SKEncodedImageFormat.Png, 1600, 500);
        Assert.Equal(["cover-image.jpg", "image-001.jpg", "image-002.jpg", "image-003.png"], images.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BrokenImage_IsWarnedAndLeftOut_CaptionKept()
    {
        var figure = fixture.EdgeCases.Entry("OEBPS/text/chapter-002.xhtml").Descendants(Xhtml + "figure")
            .Single(f => f.Element(Xhtml + "figcaption")?.Value == "Битый файл");

        Assert.Null(figure.Element(Xhtml + "img"));
        Assert.Contains(fixture.EdgeCases.Result.Warnings, warning => warning.ToString().Contains(EpubTestBooks.BrokenPath, StringComparison.Ordinal));
    }

    [Fact]
    public void FigureWithoutCaption_HasEmptyAlt_FootnoteInCaption_LinksBothWays()
    {
        var chapter = fixture.EdgeCases.Entry("OEBPS/text/chapter-002.xhtml");
        var figures = chapter.Descendants(Xhtml + "figure").ToList();

        Assert.Equal("", (string?)figures[0].Element(Xhtml + "img")!.Attribute("alt"));
        Assert.Null(figures[0].Element(Xhtml + "figcaption"));
        var captioned = figures[1];
        // The caption describes the image: an alt repeating it would be read twice (alt text comes from pipeline.json).
        Assert.Equal("", (string?)captioned.Element(Xhtml + "img")!.Attribute("alt"));
        Assert.Equal("Снимок со сноской1 (АА)", captioned.Element(Xhtml + "figcaption")!.Value);
        var noteref = captioned.Element(Xhtml + "figcaption")!.Descendants(Xhtml + "a").Single();
        Assert.Equal("noteref", (string?)noteref.Attribute(Ops + "type"));
        Assert.Equal("chapter-002.xhtml#fn-1", (string?)noteref.Attribute("href"));
        var note = chapter.Descendants(Xhtml + "aside").Single(aside => (string?)aside.Attribute("id") == "fn-1");
        Assert.Equal("footnote", (string?)note.Attribute(Ops + "type"));
        Assert.Equal("chapter-002.xhtml#" + (string?)noteref.Attribute("id"), (string?)note.Descendants(Xhtml + "a").Single().Attribute("href"));
    }

    [Fact]
    public void Cover_DrawnFromMetadata_IsFirstInSpine_WithLandmarkAndEpub2Meta()
    {
        var package = fixture.Russian.Entry("OEBPS/content.opf");
        var item = package.Descendants(Opf + "item").Single(i => (string?)i.Attribute("properties") == "cover-image");
        Assert.Equal("images/cover-image.jpg", (string?)item.Attribute("href"));
        Assert.Equal("cover-image", (string?)package.Descendants(Opf + "meta").Single(m => (string?)m.Attribute("name") == "cover").Attribute("content"));
        Assert.Equal("cover.xhtml", SpineFiles(fixture.Russian)[0]);
        var landmarks = fixture.Russian.Entry("OEBPS/nav.xhtml").Descendants(Xhtml + "nav").Single(nav => (string?)nav.Attribute(Ops + "type") == "landmarks");
        Assert.Equal("text/cover.xhtml", (string?)landmarks.Descendants(Xhtml + "a").First(a => (string?)a.Attribute(Ops + "type") == "cover").Attribute("href"));
        var page = fixture.Russian.Entry("OEBPS/text/cover.xhtml");
        Assert.Equal("../images/cover-image.jpg", (string?)page.Descendants(Xhtml + "img").Single().Attribute("src"));

        using var cover = SKBitmap.Decode(Images(fixture.Russian)["cover-image.jpg"]);
        Assert.Equal((1600, 2400), (cover.Width, cover.Height));
        var paper = cover.GetPixel(60, 60);
        Assert.True(paper.Red > 220 && paper.Green > 220, $"paper is {paper}");
        Assert.True(DarkPixels(cover, new SKRectI(260, 700, 1340, 1500)) > 5000, "no title drawn in the middle of the cover");
    }

    [Fact]
    public void GivenCover_IsScaledTo1600_AndKeptAsJpeg()
    {
        AssertImage(Images(fixture.SampleWithOptions)["cover-image.jpg"], SKEncodedImageFormat.Jpeg, 1067, 1600);
    }

    [Fact]
    public void EmbeddedFonts_AreManifestedAsFontTtf_AndDeclaredInTheStylesheet()
    {
        var epub = fixture.SampleWithOptions;
        var fonts = epub.Entry("OEBPS/content.opf").Descendants(Opf + "item").Where(i => ((string)i.Attribute("href")!).StartsWith("fonts/", StringComparison.Ordinal)).ToList();
        using var archive = epub.Open();
        using var reader = new StreamReader(archive.GetEntry("OEBPS/styles/book.css")!.Open());
        var css = reader.ReadToEnd();

        Assert.Equal(4, fonts.Count);
        Assert.All(fonts, font => Assert.Equal("font/ttf", (string?)font.Attribute("media-type")));
        Assert.All(fonts, font => Assert.Contains($"url(\"../{(string)font.Attribute("href")!}\")", css, StringComparison.Ordinal));
        Assert.Contains("font-family: \"PT Serif\", serif;", css, StringComparison.Ordinal);
        Assert.DoesNotContain(epub.Result.Warnings, warning => warning.ToString().Contains("font", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(fixture.Russian.Entry("OEBPS/content.opf").Descendants(Opf + "item"), i => ((string)i.Attribute("href")!).StartsWith("fonts/", StringComparison.Ordinal));
    }

    [Fact]
    public void SoftHyphens_OnlyInBodyText_NeverInHeadingsNavTitlesOrAttributes()
    {
        var epub = fixture.SampleWithOptions;
        using var archive = epub.Open();
        var documents = archive.Entries.Where(entry => entry.FullName.EndsWith(".xhtml", StringComparison.Ordinal) || entry.FullName.EndsWith(".ncx", StringComparison.Ordinal))
            .Select(entry => epub.Entry(entry.FullName)).ToList();
        var elements = documents.SelectMany(document => document.Descendants()).ToList();

        Assert.Contains(elements.Where(e => e.Name == Xhtml + "p"), p => p.Value.Contains(SoftHyphenator.SoftHyphen));
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes()), attribute => attribute.Value.Contains(SoftHyphenator.SoftHyphen));
        var headingsAndLabels = elements.Where(e => e.Name.LocalName is "h1" or "h2" or "h3" or "title" or "text" || (e.Name == Xhtml + "a" && e.Ancestors(Xhtml + "nav").Any()));
        Assert.DoesNotContain(headingsAndLabels, e => e.Value.Contains(SoftHyphenator.SoftHyphen));
        Assert.DoesNotContain(Entries(fixture.Russian).SelectMany(document => document.Descendants(Xhtml + "p")), p => p.Value.Contains(SoftHyphenator.SoftHyphen));
    }

    [Fact]
    public void Text_IsEscapedAndCleaned_RawHtmlDropped()
    {
        var paragraph = fixture.Russian.Entry("OEBPS/text/chapter-001.xhtml").Descendants(Xhtml + "p").First();

        Assert.Contains(". Примечание <b>не</b> & разметка продолжение строки.", paragraph.Value);
        Assert.DoesNotContain("raw", paragraph.Value);
        Assert.DoesNotContain('\u0001', paragraph.Value);
        Assert.Single(paragraph.Elements(Xhtml + "em"));
        Assert.Single(paragraph.Elements(Xhtml + "strong"));
    }

    [Fact]
    public void Metadata_ComesFromBookMeta()
    {
        var metadata = fixture.Russian.Entry("OEBPS/content.opf").Descendants(Opf + "metadata").Single();
        XNamespace dc = "http://purl.org/dc/elements/1.1/";

        Assert.Equal("urn:isbn:9785995512615", metadata.Element(dc + "identifier")!.Value);
        Assert.Equal("Максим Коломиец", metadata.Element(dc + "creator")!.Value);
        Assert.Equal("2025", metadata.Element(dc + "date")!.Value);
        Assert.Equal("2025-01-01T00:00:00Z", metadata.Elements(Opf + "meta").Single(meta => (string?)meta.Attribute("property") == "dcterms:modified").Value);
        var edgeIdentifier = fixture.EdgeCases.Entry("OEBPS/content.opf").Descendants(dc + "identifier").Single().Value;
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", edgeIdentifier);
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void WritingTwice_GivesIdenticalBytes(string name)
    {
        var epub = Book(name);
        using var again = new MemoryStream();

        EpubBookWriter.Write(epub.Book, epub.Settings, fixture.ResourceDirectory, again);

        Assert.Equal(epub.Bytes, again.ToArray());
    }

    [Fact]
    public void Mimetype_IsTheFirstEntry_StoredWithoutExtraField()
    {
        var bytes = fixture.Russian.Bytes;

        Assert.Equal("PK\u0003\u0004"u8.ToArray(), bytes[..4]);
        Assert.Equal(0, BitConverter.ToUInt16(bytes, 8)); // compression method: stored
        Assert.Equal(8, BitConverter.ToUInt16(bytes, 26)); // name length
        Assert.Equal(0, BitConverter.ToUInt16(bytes, 28)); // extra field length
        Assert.Equal("mimetypeapplication/epub+zip"u8.ToArray(), bytes[30..58]);
    }

    private WrittenEpub Book(string name) => name switch
    {
        "Russian" => fixture.Russian,
        "EdgeCases" => fixture.EdgeCases,
        _ => fixture.SampleWithOptions,
    };

    private static Dictionary<string, byte[]> Images(WrittenEpub epub)
    {
        using var archive = epub.Open();
        return archive.Entries.Where(entry => entry.FullName.StartsWith("OEBPS/images/", StringComparison.Ordinal)).ToDictionary(
            entry => entry.Name,
            entry =>
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            });
    }

    private static List<XDocument> Entries(WrittenEpub epub)
    {
        using var archive = epub.Open();
        return archive.Entries.Where(entry => entry.FullName.EndsWith(".xhtml", StringComparison.Ordinal)).Select(entry => epub.Entry(entry.FullName)).ToList();
    }

    private static void AssertImage(byte[] content, SKEncodedImageFormat format, int width, int height)
    {
        using var codec = SKCodec.Create(new MemoryStream(content));
        Assert.Equal(format, codec.EncodedFormat);
        Assert.Equal((width, height), (codec.Info.Width, codec.Info.Height));
    }

    private static int DarkPixels(SKBitmap bitmap, SKRectI area) => BitmapInk.Count(bitmap, area, darkerThan: 300);

    private static List<XElement> TocLinks(WrittenEpub epub) =>
        epub.Entry("OEBPS/nav.xhtml").Descendants(Xhtml + "nav").Single(nav => (string?)nav.Attribute(Ops + "type") == "toc")
            .Descendants(Xhtml + "a").ToList();

    private static List<string> SpineFiles(WrittenEpub epub)
    {
        var package = epub.Entry("OEBPS/content.opf");
        var hrefs = package.Descendants(Opf + "item").ToDictionary(item => (string)item.Attribute("id")!, item => (string)item.Attribute("href")!);
        return package.Descendants(Opf + "itemref").Select(itemref => Path.GetFileName(hrefs[(string)itemref.Attribute("idref")!])).ToList();
    }
}
