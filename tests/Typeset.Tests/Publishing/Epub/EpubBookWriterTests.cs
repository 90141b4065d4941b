using System.IO.Compression;
using System.Xml.Linq;
using Typeset.Model;
using Typeset.Publishing.Epub;

namespace Typeset.Tests.Publishing.Epub;

/// <summary>Writes the two test books once (epubcheck takes seconds a run) and checks them from several sides.</summary>
public sealed class EpubFixture : IDisposable
{
    public EpubFixture()
    {
        ResourceDirectory = EpubTestBooks.CreateResourceDirectory();
        Russian = WrittenEpub.Write(EpubTestBooks.Russian(), new EpubSettings(), ResourceDirectory);
        EdgeCases = WrittenEpub.Write(EpubTestBooks.EdgeCases(), new EpubSettings(SplitLevel: 2), ResourceDirectory);
    }

    public string ResourceDirectory { get; }

    public WrittenEpub Russian { get; }

    public WrittenEpub EdgeCases { get; }

    public void Dispose() => Directory.Delete(ResourceDirectory, recursive: true);
}

public sealed record WrittenEpub(Book Book, EpubSettings Settings, byte[] Bytes, EpubWriteResult Result, EpubcheckReport Check)
{
    public static WrittenEpub Write(Book book, EpubSettings settings, string resourceDirectory)
    {
        using var output = new MemoryStream();
        var result = EpubBookWriter.Write(book, settings, resourceDirectory, output);
        var path = Path.Combine(resourceDirectory, $"{book.Meta.Title}.epub");
        File.WriteAllBytes(path, output.ToArray());
        return new WrittenEpub(book, settings, output.ToArray(), result, Epubcheck.Run(path));
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

    public static TheoryData<string> Books => ["Russian", "EdgeCases"];

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

        Assert.Equal(epub.Result.ChapterCount + 1, xhtml.Count);
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
        Assert.Equal(["front.xhtml", "chapter-001.xhtml", "chapter-002.xhtml"], SpineFiles(fixture.Russian));
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
        Assert.Contains(fixture.Russian.Result.Warnings, warning => warning.Contains("[^9]", StringComparison.Ordinal));
    }

    [Fact]
    public void Figures_CopyTheImage_KeepCaptionsOfMissingAndCaptionOnlyFigures()
    {
        Assert.DoesNotContain(fixture.Russian.Result.Warnings, warning => warning.Contains(EpubTestBooks.PngPath, StringComparison.Ordinal));
        var figures = fixture.Russian.Entry("OEBPS/text/chapter-001.xhtml").Descendants(Xhtml + "figure").ToList();

        Assert.Equal(4, figures.Count);
        Assert.Equal("../images/image-001.png", (string?)figures[0].Element(Xhtml + "img")?.Attribute("src"));
        Assert.Equal("Танки на марше (АА)", figures[0].Element(Xhtml + "figcaption")!.Value);
        Assert.Null(figures[1].Element(Xhtml + "img"));
        Assert.Equal("Подпись без снимка (ЯМ)", figures[1].Element(Xhtml + "figcaption")!.Value);
        Assert.Null(figures[2].Element(Xhtml + "img"));
        Assert.Equal("Снимок потерян", figures[2].Element(Xhtml + "figcaption")!.Value);
        Assert.Equal("../images/image-002.png", (string?)figures[3].Element(Xhtml + "img")?.Attribute("src")); // WebP re-encoded
        Assert.Contains(fixture.Russian.Result.Warnings, warning => warning.Contains(EpubTestBooks.MissingPath, StringComparison.Ordinal));
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

        Assert.Equal(name == "Russian" ? 2 : 0, images.Count);
        Assert.All(images, image => Assert.Equal("image/png", manifest[image.FullName]));
        Assert.All(manifest.Keys, href => Assert.NotNull(archive.GetEntry(href)));
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

    private WrittenEpub Book(string name) => name == "Russian" ? fixture.Russian : fixture.EdgeCases;

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
