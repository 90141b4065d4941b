using System.Xml;
using Typeset.Model;

namespace Typeset.Publishing.Epub;

/// <summary>
/// Writes one content file: its blocks, then the footnotes whose first reference it holds.
/// With a <see cref="SoftHyphenator"/>, text outside headings gets soft hyphens; attributes (ids, alt, href) never do.
/// </summary>
internal sealed class XhtmlChapterWriter(Book book, ChapterPlan chapters, FootnotePlan footnotes, ImagePlan images, SoftHyphenator? softHyphens)
{
    public const string StylesheetHref = "../styles/book.css";

    /// <summary>The cover page: just the image, which the stylesheet fits to the screen.</summary>
    public void WriteCoverPage(EpubImage cover, Stream output)
    {
        using var writer = XmlWriter.Create(output, XmlText.WriterSettings);
        XhtmlDocument.WriteStart(writer, book.Meta.Language, "Обложка", StylesheetHref);
        writer.WriteStartElement("section");
        writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, "cover");
        writer.WriteAttributeString("class", "cover");
        writer.WriteStartElement("img");
        writer.WriteAttributeString("src", $"../images/{cover.FileName}");
        writer.WriteAttributeString("alt", ChapterPlan.TitleOf(book.Meta));
        writer.WriteEndElement();
        writer.WriteFullEndElement();
        writer.WriteWhitespace("\n");
        XhtmlDocument.WriteEnd(writer);
    }

    public void Write(EpubChapter chapter, Stream output)
    {
        using var writer = XmlWriter.Create(output, XmlText.WriterSettings);
        XhtmlDocument.WriteStart(writer, book.Meta.Language, chapter.Title, StylesheetHref);
        for (var i = chapter.FirstBlock; i < chapter.EndBlock; i++)
        {
            if (book.Blocks[i] is Footnote && footnotes.IsMoved(i))
            {
                continue;
            }

            WriteBlock(writer, i);
        }

        foreach (var note in footnotes.NotesAtEndOf(chapter.FileName))
        {
            WriteBlock(writer, note);
        }

        XhtmlDocument.WriteEnd(writer);
    }

    private void WriteBlock(XmlWriter writer, int index)
    {
        var references = new ReferenceCounter(index);
        switch (book.Blocks[index])
        {
            case Heading heading:
                writer.WriteStartElement($"h{Math.Clamp(heading.Level, 1, 6)}");
                writer.WriteAttributeString("id", chapters.HeadingId(index));
                WriteInlines(writer, heading.Content, references, hyphenate: false);
                writer.WriteFullEndElement();
                break;
            case Paragraph paragraph:
                WriteParagraph(writer, paragraph, references);
                break;
            case Figure figure:
                WriteFigure(writer, figure, images.ImageOf(index), references);
                break;
            case Footnote footnote:
                WriteFootnote(writer, footnote, footnotes.Anchor(index), references);
                break;
            case Quote quote:
                writer.WriteStartElement("blockquote");
                foreach (var paragraph in quote.Paragraphs)
                {
                    WriteParagraph(writer, paragraph, references);
                }

                writer.WriteFullEndElement();
                break;
            case ThematicBreak:
                writer.WriteStartElement("hr");
                writer.WriteEndElement();
                break;
            case PageMarker:
                return;
            default:
                throw new InvalidOperationException($"Unknown block {book.Blocks[index].GetType().Name}");
        }

        writer.WriteWhitespace("\n");
    }

    private void WriteParagraph(XmlWriter writer, Paragraph paragraph, ReferenceCounter references)
    {
        writer.WriteStartElement("p");
        WriteInlines(writer, paragraph.Content, references);
        writer.WriteFullEndElement();
    }

    private void WriteFigure(XmlWriter writer, Figure figure, EpubImage? image, ReferenceCounter references)
    {
        var caption = XmlText.CollapseWhitespace(Inlines.PlainText(figure.Caption));
        if (image is null && caption.Length == 0)
        {
            return;
        }

        writer.WriteStartElement("figure");
        if (image is not null)
        {
            writer.WriteStartElement("img");
            writer.WriteAttributeString("src", $"../images/{image.FileName}");
            writer.WriteAttributeString("alt", XmlText.CollapseWhitespace(Inlines.PlainText(WithoutNoteReferences(figure.Caption))));
            writer.WriteEndElement();
        }

        if (caption.Length > 0)
        {
            writer.WriteStartElement("figcaption");
            WriteInlines(writer, figure.Caption, references);
            writer.WriteFullEndElement();
        }

        writer.WriteFullEndElement();
    }

    /// <summary>The inlines without footnote references at any depth: alt text must not read "Танки на марше1".</summary>
    private static IEnumerable<Inline> WithoutNoteReferences(IEnumerable<Inline> inlines) =>
        inlines.Where(inline => inline is not FootnoteReference).Select(inline => inline switch
        {
            Emphasis emphasis => new Emphasis(WithoutNoteReferences(emphasis.Content).ToValueList()),
            Strong strong => new Strong(WithoutNoteReferences(strong.Content).ToValueList()),
            _ => inline,
        });

    private void WriteFootnote(XmlWriter writer, Footnote footnote, NoteAnchor anchor, ReferenceCounter references)
    {
        writer.WriteStartElement("aside");
        writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, "footnote");
        writer.WriteAttributeString("id", anchor.NoteId);
        writer.WriteAttributeString("class", "footnote");
        writer.WriteStartElement("p");
        if (anchor.BacklinkHref is null)
        {
            writer.WriteString(XmlText.Clean(footnote.Label));
        }
        else
        {
            writer.WriteStartElement("a");
            writer.WriteAttributeString("href", anchor.BacklinkHref);
            writer.WriteAttributeString("class", "backlink");
            writer.WriteString(XmlText.Clean(footnote.Label));
            writer.WriteFullEndElement();
        }

        writer.WriteString(" ");
        WriteInlines(writer, footnote.Content, references);
        writer.WriteFullEndElement();
        writer.WriteFullEndElement();
    }

    private void WriteInlines(XmlWriter writer, IEnumerable<Inline> inlines, ReferenceCounter references, bool hyphenate = true)
    {
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case Text text:
                    var clean = XmlText.Clean(text.Value);
                    writer.WriteString(hyphenate && softHyphens is not null ? softHyphens.Insert(clean) : clean);
                    break;
                case Emphasis emphasis:
                    writer.WriteStartElement("em");
                    WriteInlines(writer, emphasis.Content, references, hyphenate);
                    writer.WriteFullEndElement();
                    break;
                case Strong strong:
                    writer.WriteStartElement("strong");
                    WriteInlines(writer, strong.Content, references, hyphenate);
                    writer.WriteFullEndElement();
                    break;
                case Superscript superscript:
                    writer.WriteStartElement("sup");
                    writer.WriteString(XmlText.Clean(superscript.Value));
                    writer.WriteFullEndElement();
                    break;
                case FootnoteReference reference:
                    WriteReference(writer, reference, footnotes.Link(references.Block, references.Next()));
                    break;
                case LineBreak { Hard: true }:
                    writer.WriteStartElement("br");
                    writer.WriteEndElement();
                    break;
                case LineBreak:
                    writer.WriteString(" ");
                    break;
                case RawInline:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown inline {inline.GetType().Name}");
            }
        }
    }

    private static void WriteReference(XmlWriter writer, FootnoteReference reference, NoteLink? link)
    {
        writer.WriteStartElement("sup");
        if (link is null)
        {
            writer.WriteString(XmlText.Clean(reference.Label));
        }
        else
        {
            writer.WriteStartElement("a");
            writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, "noteref");
            writer.WriteAttributeString("href", $"{link.NoteFile}#{link.NoteId}");
            writer.WriteAttributeString("id", link.ReferenceId);
            writer.WriteString(XmlText.Clean(reference.Label));
            writer.WriteFullEndElement();
        }

        writer.WriteFullEndElement();
    }

    /// <summary>Numbers a block's footnote references in the order <see cref="FootnoteMatching.References"/> walks them.</summary>
    private sealed class ReferenceCounter(int block)
    {
        private int next;

        public int Block => block;

        public int Next() => next++;
    }
}
