using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Typeset.Model;

namespace Typeset.Publishing.Epub;

/// <summary>What the book holds that its accessibility metadata must say: images, how many have a text alternative, a page list.</summary>
internal sealed record AccessibilityFacts(int Images, int DescribedImages, bool PageList, bool Footnotes);

/// <summary>META-INF/container.xml and the package document (metadata, manifest, spine). Everything derives from the input: no clock, no random ids.</summary>
internal sealed class PackageWriter(BookMeta meta, ChapterPlan chapters, ImagePlan images, EpubImage? cover, IReadOnlyList<EpubFont> fonts, AccessibilityFacts accessibility)
{
    /// <summary>The conformance claim of EPUB Accessibility 1.1: structure, navigation, text alternatives, language, page list.</summary>
    public const string ConformsTo = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA";

    public const string PackagePath = "OEBPS/content.opf";
    private const string OpfNamespace = "http://www.idpf.org/2007/opf";
    private const string DcNamespace = "http://purl.org/dc/elements/1.1/";

    public string Identifier { get; } = IdentifierOf(meta);

    public static void WriteContainer(Stream output)
    {
        using var writer = XmlWriter.Create(output, XmlText.IndentedWriterSettings);
        writer.WriteStartDocument();
        writer.WriteStartElement("container", "urn:oasis:names:tc:opendocument:xmlns:container");
        writer.WriteAttributeString("version", "1.0");
        writer.WriteStartElement("rootfiles");
        writer.WriteStartElement("rootfile");
        writer.WriteAttributeString("full-path", PackagePath);
        writer.WriteAttributeString("media-type", "application/oebps-package+xml");
        writer.WriteEndDocument();
    }

    public void WritePackage(Stream output)
    {
        using var writer = XmlWriter.Create(output, XmlText.IndentedWriterSettings);
        writer.WriteStartDocument();
        writer.WriteStartElement("package", OpfNamespace);
        writer.WriteAttributeString("version", "3.0");
        writer.WriteAttributeString("unique-identifier", "book-id");
        writer.WriteAttributeString("xml", "lang", null, meta.Language);
        WriteMetadata(writer);
        WriteManifest(writer);

        writer.WriteStartElement("spine");
        writer.WriteAttributeString("toc", "ncx");
        if (cover is not null)
        {
            writer.WriteStartElement("itemref");
            writer.WriteAttributeString("idref", CoverPlan.PageManifestId);
            writer.WriteEndElement();
        }

        foreach (var chapter in chapters.Chapters)
        {
            writer.WriteStartElement("itemref");
            writer.WriteAttributeString("idref", ManifestId(chapter));
            writer.WriteEndElement();
        }

        writer.WriteEndDocument();
    }

    private void WriteMetadata(XmlWriter writer)
    {
        writer.WriteStartElement("metadata");
        writer.WriteAttributeString("xmlns", "dc", null, DcNamespace);
        WriteDc(writer, "identifier", Identifier, "book-id");
        WriteDc(writer, "title", ChapterPlan.TitleOf(meta), "title");
        WriteRefinement(writer, "title", "title-type", "main");
        var subtitle = XmlText.CollapseWhitespace(meta.Subtitle ?? string.Empty);
        if (subtitle.Length > 0)
        {
            WriteDc(writer, "title", subtitle, "subtitle");
            WriteRefinement(writer, "subtitle", "title-type", "subtitle");
        }

        var author = XmlText.CollapseWhitespace(meta.Author ?? string.Empty);
        if (author.Length > 0)
        {
            WriteDc(writer, "creator", author, "creator");
            WriteRefinement(writer, "creator", "role", "aut", ("scheme", "marc:relators"));
        }

        var publisher = XmlText.CollapseWhitespace(meta.Publisher ?? string.Empty);
        if (publisher.Length > 0)
        {
            WriteDc(writer, "publisher", publisher);
        }

        var year = meta.Year is >= 1 and <= 9999 ? meta.Year.Value.ToString("D4", CultureInfo.InvariantCulture) : null;
        if (year is not null)
        {
            WriteDc(writer, "date", year);
        }

        WriteDc(writer, "language", meta.Language);
        writer.WriteStartElement("meta");
        writer.WriteAttributeString("property", "dcterms:modified");
        writer.WriteString($"{year ?? "2000"}-01-01T00:00:00Z");
        writer.WriteEndElement();
        WriteAccessibility(writer, year);
        if (cover is not null)
        {
            // EPUB 2 readers find the cover through this meta; EPUB 3 ones through the item's cover-image property.
            writer.WriteStartElement("meta");
            writer.WriteAttributeString("name", "cover");
            writer.WriteAttributeString("content", cover.ManifestId);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    /// <summary>
    /// EPUB Accessibility 1.1 discovery metadata (schema.org) derived from the book, the conformance claim, and with a page
    /// list the print edition its page numbers come from (dc:source).
    /// </summary>
    private void WriteAccessibility(XmlWriter writer, string? year)
    {
        void Meta(string property, string value)
        {
            writer.WriteStartElement("meta");
            writer.WriteAttributeString("property", property);
            writer.WriteString(value);
            writer.WriteEndElement();
        }

        var hasImages = accessibility.Images > 0;
        Meta("schema:accessMode", "textual");
        if (hasImages)
        {
            Meta("schema:accessMode", "visual");
        }

        // Text alone suffices when every image has a text alternative (its caption or the editor's alt text).
        if (!hasImages || accessibility.DescribedImages == accessibility.Images)
        {
            Meta("schema:accessModeSufficient", "textual");
        }

        if (hasImages)
        {
            Meta("schema:accessModeSufficient", "textual,visual");
        }

        var features = new List<string> { "structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability" };
        if (hasImages && accessibility.DescribedImages == accessibility.Images)
        {
            features.Add("alternativeText");
        }

        if (accessibility.PageList)
        {
            features.Add("printPageNumbers");
        }

        foreach (var feature in features)
        {
            Meta("schema:accessibilityFeature", feature);
        }

        Meta("schema:accessibilityHazard", "none");
        var summary = new StringBuilder("Текст с разметкой заголовков, оглавлением и навигацией по главам; порядок чтения совпадает с печатным изданием; размер и гарнитуру шрифта читатель может менять.");
        if (hasImages)
        {
            summary.Append(accessibility.DescribedImages == accessibility.Images
                ? " Иллюстрации снабжены подписями или текстовым описанием."
                : $" Из {accessibility.Images} иллюстраций {accessibility.Images - accessibility.DescribedImages} не имеют ни подписи, ни текстового описания.");
        }

        if (accessibility.PageList)
        {
            summary.Append(" Номера страниц печатного издания размечены и собраны в список страниц.");
        }

        if (accessibility.Footnotes)
        {
            summary.Append(" Сноски связаны с местом ссылки в обе стороны.");
        }

        Meta("schema:accessibilitySummary", summary.ToString());
        Meta("dcterms:conformsTo", ConformsTo);
        Meta("a11y:certifiedBy", "Typeset");
        if (accessibility.PageList)
        {
            // The print edition the page list follows: the one this project typesets.
            var isbn = new string((meta.Isbn ?? string.Empty).Where(c => char.IsAsciiDigit(c) || c is 'X' or 'x').ToArray());
            var edition = string.Join(", ", new[] { ChapterPlan.TitleOf(meta), XmlText.CollapseWhitespace(meta.Publisher ?? string.Empty), year }.Where(part => part is { Length: > 0 }));
            WriteDc(writer, "source", isbn.Length is 10 or 13 ? "urn:isbn:" + isbn.ToUpperInvariant() : edition, "print-source");
            WriteRefinement(writer, "print-source", "source-of", "pagination");
        }
    }

    private void WriteManifest(XmlWriter writer)
    {
        writer.WriteStartElement("manifest");
        WriteItem(writer, "nav", NavigationWriter.NavFileName, "application/xhtml+xml", "nav");
        WriteItem(writer, "ncx", NavigationWriter.NcxFileName, "application/x-dtbncx+xml");
        WriteItem(writer, "css", BookStylesheet.Href, "text/css");
        if (cover is not null)
        {
            WriteItem(writer, CoverPlan.PageManifestId, "text/" + CoverPlan.PageFileName, "application/xhtml+xml");
            WriteItem(writer, cover.ManifestId, "images/" + cover.FileName, cover.MediaType, "cover-image");
        }

        foreach (var chapter in chapters.Chapters)
        {
            WriteItem(writer, ManifestId(chapter), "text/" + chapter.FileName, "application/xhtml+xml");
        }

        foreach (var image in images.Images)
        {
            WriteItem(writer, image.ManifestId, "images/" + image.FileName, image.MediaType);
        }

        foreach (var font in fonts)
        {
            WriteItem(writer, font.ManifestId, "fonts/" + font.FileName, EmbeddedFonts.MediaType);
        }

        writer.WriteEndElement();
    }

    private static string ManifestId(EpubChapter chapter) => Path.GetFileNameWithoutExtension(chapter.FileName);

    private static void WriteDc(XmlWriter writer, string name, string value, string? id = null)
    {
        writer.WriteStartElement("dc", name, DcNamespace);
        if (id is not null)
        {
            writer.WriteAttributeString("id", id);
        }

        writer.WriteString(value);
        writer.WriteEndElement();
    }

    private static void WriteRefinement(XmlWriter writer, string id, string property, string value, (string Name, string Value)? extra = null)
    {
        writer.WriteStartElement("meta");
        writer.WriteAttributeString("refines", "#" + id);
        writer.WriteAttributeString("property", property);
        if (extra is { } attribute)
        {
            writer.WriteAttributeString(attribute.Name, attribute.Value);
        }

        writer.WriteString(value);
        writer.WriteEndElement();
    }

    private static void WriteItem(XmlWriter writer, string id, string href, string mediaType, string? properties = null)
    {
        writer.WriteStartElement("item");
        writer.WriteAttributeString("id", id);
        writer.WriteAttributeString("href", href);
        writer.WriteAttributeString("media-type", mediaType);
        if (properties is not null)
        {
            writer.WriteAttributeString("properties", properties);
        }

        writer.WriteEndElement();
    }

    /// <summary>urn:isbn from the ISBN's digits, else a name-based UUID (version 5 layout) of title and author, so rebuilds keep the id.</summary>
    private static string IdentifierOf(BookMeta meta)
    {
        var isbn = new string((meta.Isbn ?? string.Empty).Where(c => char.IsAsciiDigit(c) || c is 'X' or 'x').ToArray()).ToUpperInvariant();
        if (isbn.Length is 10 or 13)
        {
            return "urn:isbn:" + isbn;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{meta.Title}\n{meta.Author}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
