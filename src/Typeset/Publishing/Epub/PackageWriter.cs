using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Typeset.Model;

namespace Typeset.Publishing.Epub;

/// <summary>META-INF/container.xml and the package document (metadata, manifest, spine). Everything derives from the input: no clock, no random ids.</summary>
internal sealed class PackageWriter(BookMeta meta, ChapterPlan chapters, ImagePlan images, EpubImage? cover, IReadOnlyList<EpubFont> fonts)
{
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
