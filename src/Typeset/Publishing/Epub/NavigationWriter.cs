using System.Xml;

namespace Typeset.Publishing.Epub;

/// <summary>A page-break marker in a content file: the print page <see cref="Number"/> starts at element <see cref="Id"/>.</summary>
internal sealed record PageBreakTarget(int Number, string FileName, string Id)
{
    public string Label => Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The EPUB 3 navigation document (toc and landmarks) and the EPUB 2 NCX for older readers, both from the heading tree.
/// A book without headings gets one entry for its first file: both formats require a non-empty list.
/// </summary>
internal sealed class NavigationWriter(ChapterPlan chapters, string language, string bookTitle, string identifier, bool hasCover,
    IReadOnlyList<PageBreakTarget>? pageBreaks = null)
{
    public const string NavFileName = "nav.xhtml";
    public const string NcxFileName = "toc.ncx";
    private const string TextFolder = "text/";
    private const string TocTitle = "Содержание";
    private const string NcxNamespace = "http://www.daisy.org/z3986/2005/ncx/";

    private IReadOnlyList<NavEntry> Entries => chapters.Navigation.Count > 0
        ? chapters.Navigation
        : [new NavEntry(string.Empty, bookTitle, chapters.Chapters[0].FileName, [])];

    public void WriteNav(Stream output)
    {
        using var writer = XmlWriter.Create(output, XmlText.IndentedWriterSettings);
        XhtmlDocument.WriteStart(writer, language, TocTitle, "styles/book.css");
        writer.WriteStartElement("nav");
        writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, "toc");
        writer.WriteAttributeString("role", "doc-toc");
        writer.WriteAttributeString("id", "toc");
        writer.WriteAttributeString("aria-label", TocTitle);
        writer.WriteElementString("h1", TocTitle);
        WriteNavList(writer, Entries);
        writer.WriteFullEndElement();

        writer.WriteStartElement("nav");
        writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, "landmarks");
        writer.WriteAttributeString("id", "landmarks");
        writer.WriteAttributeString("aria-label", "Ориентиры");
        writer.WriteAttributeString("hidden", "hidden");
        writer.WriteElementString("h2", "Ориентиры");
        writer.WriteStartElement("ol");
        if (hasCover)
        {
            WriteLandmark(writer, "cover", TextFolder + CoverPlan.PageFileName, "Обложка");
        }

        var body = chapters.Chapters.FirstOrDefault(chapter => chapter.StartsWithSplitHeading) ?? chapters.Chapters[0];
        WriteLandmark(writer, "bodymatter", TextFolder + body.FileName, "Начало");
        writer.WriteFullEndElement();
        writer.WriteFullEndElement();
        if (pageBreaks is { Count: > 0 })
        {
            // The print edition's page numbers, each pointing at its page-break marker in the text.
            writer.WriteStartElement("nav");
            writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, "page-list");
            writer.WriteAttributeString("role", "doc-pagelist");
            writer.WriteAttributeString("id", "page-list");
            writer.WriteAttributeString("aria-label", "Страницы печатного издания");
            writer.WriteAttributeString("hidden", "hidden");
            writer.WriteStartElement("ol");
            foreach (var page in pageBreaks)
            {
                writer.WriteStartElement("li");
                writer.WriteStartElement("a");
                writer.WriteAttributeString("href", $"{TextFolder}{page.FileName}#{page.Id}");
                writer.WriteString(page.Label);
                writer.WriteFullEndElement();
                writer.WriteFullEndElement();
            }

            writer.WriteFullEndElement();
            writer.WriteFullEndElement();
        }

        XhtmlDocument.WriteEnd(writer);
    }

    public void WriteNcx(Stream output)
    {
        using var writer = XmlWriter.Create(output, XmlText.IndentedWriterSettings);
        writer.WriteStartDocument();
        writer.WriteStartElement("ncx", NcxNamespace);
        writer.WriteAttributeString("version", "2005-1");
        writer.WriteAttributeString("xml", "lang", null, language);
        writer.WriteStartElement("head");
        WriteNcxMeta(writer, "dtb:uid", identifier);
        WriteNcxMeta(writer, "dtb:depth", Depth(Entries).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The page list is in the EPUB 3 navigation document only: EPUB 2 readers get the contents.
        WriteNcxMeta(writer, "dtb:totalPageCount", "0");
        WriteNcxMeta(writer, "dtb:maxPageNumber", "0");
        writer.WriteEndElement();
        writer.WriteStartElement("docTitle");
        writer.WriteElementString("text", bookTitle);
        writer.WriteEndElement();
        writer.WriteStartElement("navMap");
        var playOrder = 0;
        WriteNavPoints(writer, Entries, ref playOrder);
        writer.WriteEndElement();

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteNavList(XmlWriter writer, IReadOnlyList<NavEntry> entries)
    {
        writer.WriteStartElement("ol");
        foreach (var entry in entries)
        {
            writer.WriteStartElement("li");
            writer.WriteStartElement("a");
            writer.WriteAttributeString("href", Href(entry));
            writer.WriteString(entry.Label);
            writer.WriteFullEndElement();
            if (entry.Children.Count > 0)
            {
                WriteNavList(writer, entry.Children);
            }

            writer.WriteFullEndElement();
        }

        writer.WriteFullEndElement();
    }

    private static void WriteLandmark(XmlWriter writer, string type, string href, string label)
    {
        writer.WriteStartElement("li");
        writer.WriteStartElement("a");
        writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, type);
        writer.WriteAttributeString("href", href);
        writer.WriteString(label);
        writer.WriteFullEndElement();
        writer.WriteFullEndElement();
    }

    private static void WriteNavPoints(XmlWriter writer, IReadOnlyList<NavEntry> entries, ref int playOrder)
    {
        foreach (var entry in entries)
        {
            playOrder++;
            writer.WriteStartElement("navPoint");
            writer.WriteAttributeString("id", $"nav-{playOrder}");
            writer.WriteAttributeString("playOrder", playOrder.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteStartElement("navLabel");
            writer.WriteElementString("text", entry.Label);
            writer.WriteEndElement();
            writer.WriteStartElement("content");
            writer.WriteAttributeString("src", Href(entry));
            writer.WriteEndElement();
            WriteNavPoints(writer, entry.Children, ref playOrder);
            writer.WriteEndElement();
        }
    }

    private static void WriteNcxMeta(XmlWriter writer, string name, string content)
    {
        writer.WriteStartElement("meta");
        writer.WriteAttributeString("name", name);
        writer.WriteAttributeString("content", content);
        writer.WriteEndElement();
    }

    private static string Href(NavEntry entry) => entry.Id.Length > 0 ? $"{TextFolder}{entry.FileName}#{entry.Id}" : TextFolder + entry.FileName;

    private static int Depth(IReadOnlyList<NavEntry> entries) => entries.Count == 0 ? 0 : 1 + entries.Max(entry => Depth(entry.Children));
}
