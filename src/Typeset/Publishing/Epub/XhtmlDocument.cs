using System.Xml;

namespace Typeset.Publishing.Epub;

/// <summary>The frame every XHTML file of the book shares: doctype, language, title, stylesheet.</summary>
internal static class XhtmlDocument
{
    public static void WriteStart(XmlWriter writer, string language, string title, string stylesheetHref)
    {
        writer.WriteStartDocument();
        writer.WriteWhitespace("\n");
        writer.WriteDocType("html", null, null, null);
        writer.WriteWhitespace("\n");
        writer.WriteStartElement("html", XmlText.XhtmlNamespace);
        writer.WriteAttributeString("xmlns", "epub", null, XmlText.OpsNamespace);
        writer.WriteAttributeString("xml", "lang", null, language);
        writer.WriteAttributeString("lang", language);
        writer.WriteWhitespace("\n");
        writer.WriteStartElement("head");
        writer.WriteElementString("title", title);
        writer.WriteStartElement("link");
        writer.WriteAttributeString("rel", "stylesheet");
        writer.WriteAttributeString("type", "text/css");
        writer.WriteAttributeString("href", stylesheetHref);
        writer.WriteEndElement();
        writer.WriteFullEndElement();
        writer.WriteWhitespace("\n");
        writer.WriteStartElement("body");
        writer.WriteWhitespace("\n");
    }

    public static void WriteEnd(XmlWriter writer)
    {
        writer.WriteFullEndElement();
        writer.WriteWhitespace("\n");
        writer.WriteFullEndElement();
        writer.WriteEndDocument();
    }
}
