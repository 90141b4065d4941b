using System.Xml;
using Typeset.Model;

namespace Typeset.Publishing.Epub;

/// <summary>
/// Writes one content file: its blocks, then the footnotes whose first reference it holds.
/// With a <see cref="SoftHyphenator"/>, text outside headings gets soft hyphens; attributes (ids, alt, href) never do.
/// </summary>
internal sealed class XhtmlChapterWriter(Book book, ChapterPlan chapters, FootnotePlan footnotes, ImagePlan images, SoftHyphenator? softHyphens,
    IReadOnlyDictionary<string, string>? altText = null, PrintPageMap? printPages = null)
{
    private readonly ILookup<int, PrintPage> pagesByBlock = (printPages?.Pages ?? []).ToLookup(page => page.Block);

    // The page-break markers of the block being written, and how many of its characters have been written.
    private Queue<PrintPage> pendingPages = new();
    private int written;

    /// <summary>Every page-break marker the content files will hold, for the navigation's page list.</summary>
    public IReadOnlyList<PageBreakTarget> PageBreaks() => (printPages?.Pages ?? [])
        .Where(page => page.Block >= 0 && page.Block < book.Blocks.Count)
        .Select(page => new PageBreakTarget(page.Number, chapters.ChapterOf(page.Block).FileName, PageBreakId(page.Number)))
        .ToList();

    private static string PageBreakId(int number) => "page-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public const string StylesheetHref = "../styles/book.css";

    /// <summary>The cover page: just the image, which the stylesheet fits to the screen.</summary>
    public void WriteCoverPage(EpubImage cover, Stream output)
    {
        using var writer = XmlWriter.Create(output, XmlText.WriterSettings);
        XhtmlDocument.WriteStart(writer, book.Meta.Language, "Обложка", StylesheetHref);
        writer.WriteStartElement("section");
        writer.WriteAttributeString("class", "cover");
        writer.WriteStartElement("img");
        writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, "cover");
        writer.WriteAttributeString("role", "doc-cover");
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
        var block = book.Blocks[index];
        if (block is PageMarker or FrontMatter { Kind: FrontMatterKind.Contents })
        {
            // The navigation document is the EPUB's contents: a reader shows it in its own place.
            return;
        }

        pendingPages = new Queue<PrintPage>(pagesByBlock[index].OrderBy(page => page.Characters).ThenBy(page => page.Number));
        written = 0;
        WritePageBreaks(writer);
        WriteBlockContent(writer, block, index);

        // A page that begins past the text this block shows (it should not happen) is marked at its end.
        while (pendingPages.Count > 0)
        {
            WritePageBreak(writer, pendingPages.Dequeue());
        }
    }

    private void WriteBlockContent(XmlWriter writer, Block block, int index)
    {
        var references = new ReferenceCounter(index);
        if (block is Heading heading)
        {
            writer.WriteStartElement($"h{Math.Clamp(heading.Level, 1, 6)}");
            writer.WriteAttributeString("id", chapters.HeadingId(index));
            WriteInlines(writer, heading.Content, references, hyphenate: false);
            writer.WriteFullEndElement();
        }
        else if (block is Footnote footnote)
        {
            WriteFootnote(writer, footnote, footnotes.Anchor(index), references);
        }
        else
        {
            WriteNested(writer, block, references);
        }

        writer.WriteWhitespace("\n");
    }

    /// <summary>Any block inside another (and top-level blocks other than headings and notes), as semantic HTML.</summary>
    private void WriteNested(XmlWriter writer, Block block, ReferenceCounter references)
    {
        switch (block)
        {
            case Heading heading:
                // A heading inside a quotation or list: the same element, but not in the navigation.
                writer.WriteStartElement($"h{Math.Clamp(heading.Level, 1, 6)}");
                WriteInlines(writer, heading.Content, references, hyphenate: false);
                writer.WriteFullEndElement();
                break;
            case Paragraph paragraph:
                WriteParagraph(writer, paragraph, references);
                break;
            case Figure figure:
                WriteFigure(writer, figure, images.ImageOf(figure.Id), references);
                break;
            case Footnote footnote:
                // A definition nested in a container (the reader lifts them; an edit may not): its text is kept where it is.
                WriteStartElement(writer, "div", "footnote");
                WriteChildren(writer, footnote.Body, references);
                writer.WriteFullEndElement();
                break;
            case Quote quote:
                writer.WriteStartElement("blockquote");
                WriteChildren(writer, quote.Body, references);
                writer.WriteFullEndElement();
                break;
            case ListBlock list:
                writer.WriteStartElement(list.Kind == ListKind.Ordered ? "ol" : "ul");
                if (list.Kind == ListKind.Ordered && list.Start != 1)
                {
                    writer.WriteAttributeString("start", list.Start.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                foreach (var item in list.Items)
                {
                    writer.WriteStartElement("li");
                    WriteChildren(writer, item.Body, references);
                    writer.WriteFullEndElement();
                }

                writer.WriteFullEndElement();
                break;
            case Table table:
                WriteTable(writer, table, references);
                break;
            case Epigraph epigraph:
                WriteStartElement(writer, "blockquote", "epigraph");
                writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, "epigraph");
                writer.WriteAttributeString("role", "doc-epigraph");
                WriteChildren(writer, epigraph.Body, references);
                if (epigraph.Attribution.Count > 0)
                {
                    WriteStartElement(writer, "p", "attribution");
                    WriteInlines(writer, epigraph.Attribution, references, hyphenate: false);
                    writer.WriteFullEndElement();
                }

                writer.WriteFullEndElement();
                break;
            case Verse verse:
                WriteStartElement(writer, "div", "verse");
                foreach (var stanza in verse.Stanzas)
                {
                    WriteStanza(writer, stanza, references);
                }

                writer.WriteFullEndElement();
                break;
            case FrontMatter { Kind: FrontMatterKind.Contents }:
                break;
            case FrontMatter matter:
                var (type, cssClass) = matter.Kind == FrontMatterKind.TitlePage ? ("titlepage", "titlepage") : ("imprint", "imprint");
                WriteStartElement(writer, "section", cssClass);
                writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, type);
                // The verso's own line ends (УДК, ББК, the author mark, ISBN, each ©) stay line ends in the reader too.
                var matterBody = matter.Kind == FrontMatterKind.Imprint
                    ? matter.Body.Select(b => b is Paragraph paragraph ? paragraph with { Content = ImprintLines.WithLineEndsKept(paragraph.Content) } : b).ToValueList()
                    : matter.Body;
                WriteChildren(writer, matterBody, references);
                writer.WriteFullEndElement();
                break;
            case ThematicBreak:
                writer.WriteStartElement("hr");
                writer.WriteEndElement();
                break;
            case PageMarker:
                break;
            default:
                throw new InvalidOperationException($"Unknown block {block.GetType().Name}");
        }
    }

    private void WriteChildren(XmlWriter writer, IEnumerable<Block> blocks, ReferenceCounter references)
    {
        foreach (var child in blocks)
        {
            WriteNested(writer, child, references);
        }
    }

    private static void WriteStartElement(XmlWriter writer, string name, string cssClass)
    {
        writer.WriteStartElement(name);
        writer.WriteAttributeString("class", cssClass);
    }

    /// <summary>Each line its own block, so a line too long for the screen turns over with a hanging indent (see the stylesheet).</summary>
    private void WriteStanza(XmlWriter writer, Paragraph stanza, ReferenceCounter references)
    {
        WriteStartElement(writer, "div", "stanza");
        foreach (var line in VerseLines.Of(stanza.Content))
        {
            WriteStartElement(writer, "p", "line");
            WriteInlines(writer, line, references);
            writer.WriteFullEndElement();
        }

        writer.WriteFullEndElement();
    }

    /// <summary>
    /// A table as HTML: header cells with <c>scope="col"</c>, alignment as a class, and as many cells in every row as the
    /// widest row has (ragged rows are padded, never cut).
    /// </summary>
    private void WriteTable(XmlWriter writer, Table table, ReferenceCounter references)
    {
        var columns = table.ColumnCount;
        writer.WriteStartElement("table");
        if (table.Caption.Count > 0)
        {
            writer.WriteStartElement("caption");
            WriteInlines(writer, table.Caption, references);
            writer.WriteFullEndElement();
        }

        void Row(TableRow row, bool header)
        {
            writer.WriteStartElement("tr");
            for (var c = 0; c < columns; c++)
            {
                // A header cell with no text (a column only ragged rows reach) heads nothing: a data cell, so readers
                // announce no empty header (axe's empty-table-header).
                var heads = header && c < row.Cells.Count && !string.IsNullOrWhiteSpace(Inlines.PlainText(row.Cells[c].Content));
                writer.WriteStartElement(heads ? "th" : "td");
                if (heads)
                {
                    writer.WriteAttributeString("scope", "col");
                }

                var alignment = c < table.Columns.Count ? table.Columns[c] : ColumnAlignment.Default;
                if (alignment != ColumnAlignment.Default)
                {
                    writer.WriteAttributeString("class", alignment.ToString().ToLowerInvariant());
                }

                if (c < row.Cells.Count)
                {
                    WriteInlines(writer, row.Cells[c].Content, references, hyphenate: false);
                }

                writer.WriteFullEndElement();
            }

            writer.WriteFullEndElement();
        }

        if (table.Header.Cells.Count > 0)
        {
            writer.WriteStartElement("thead");
            Row(table.Header, header: true);
            writer.WriteFullEndElement();
        }

        writer.WriteStartElement("tbody");
        foreach (var row in table.Rows)
        {
            Row(row, header: false);
        }

        writer.WriteFullEndElement();
        writer.WriteFullEndElement();
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
            // Alt text is the editor's (pipeline.json); without it the alt is empty and the caption, read with the figure,
            // describes the image: repeating the caption as alt would have a screen reader say it twice.
            writer.WriteAttributeString("alt", AltTextOf(figure, XmlText.CollapseWhitespace(Inlines.PlainText(WithoutNoteReferences(figure.Caption)))) ?? string.Empty);
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

    /// <summary>The editor's alt text for the figure's image, unless it only repeats the caption; null when there is none.</summary>
    internal string? AltTextOf(Figure figure, string caption)
    {
        if (altText is null || !altText.TryGetValue(figure.ImagePath, out var text))
        {
            return null;
        }

        text = XmlText.CollapseWhitespace(XmlText.Clean(text));
        return text.Length == 0 || string.Equals(text, caption, StringComparison.OrdinalIgnoreCase) ? null : text;
    }

    /// <summary>The inlines without footnote references at any depth: alt text must not read "Танки на марше1".</summary>
    private static ValueList<Inline> WithoutNoteReferences(ValueList<Inline> inlines) =>
        BookWalk.MapInlines(inlines, inline => inline is FootnoteReference ? new Text(string.Empty) : inline);

    private void WriteFootnote(XmlWriter writer, Footnote footnote, NoteAnchor anchor, ReferenceCounter references)
    {
        writer.WriteStartElement("aside");
        writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, "footnote");
        writer.WriteAttributeString("role", "doc-footnote");
        writer.WriteAttributeString("id", anchor.NoteId);
        writer.WriteAttributeString("class", "footnote");
        var body = footnote.Body.ToList();
        // The label (a link back to the reference) opens the note's first paragraph, or stands alone before a list or quote.
        writer.WriteStartElement("p");
        if (anchor.BacklinkHref is null)
        {
            WriteCounted(writer, XmlText.Clean(footnote.Label));
        }
        else
        {
            writer.WriteStartElement("a");
            writer.WriteAttributeString("href", anchor.BacklinkHref);
            writer.WriteAttributeString("role", "doc-backlink");
            writer.WriteAttributeString("class", "backlink");
            WriteCounted(writer, XmlText.Clean(footnote.Label));
            writer.WriteFullEndElement();
        }

        if (body.Count > 0 && body[0] is Paragraph first)
        {
            writer.WriteString(" ");
            WriteInlines(writer, first.Content, references);
            body.RemoveAt(0);
        }

        writer.WriteFullEndElement();
        WriteChildren(writer, body, references);
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
                    WriteCounted(writer, hyphenate && softHyphens is not null ? softHyphens.Insert(clean) : clean);
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
                    WriteCounted(writer, XmlText.Clean(superscript.Value));
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
                case Link link when IsExternal(link.Target):
                    writer.WriteStartElement("a");
                    writer.WriteAttributeString("href", link.Target);
                    WriteInlines(writer, link.Content, references, hyphenate: false);
                    writer.WriteFullEndElement();
                    break;
                case Link link:
                    // A link inside the book by an anchor Markdown cannot name: its text is kept, the target is not a file here.
                    WriteInlines(writer, link.Content, references, hyphenate);
                    break;
                case Code code:
                    writer.WriteStartElement("code");
                    WriteCounted(writer, XmlText.Clean(code.Value));
                    writer.WriteFullEndElement();
                    break;
                default:
                    throw new InvalidOperationException($"Unknown inline {inline.GetType().Name}");
            }
        }
    }

    /// <summary>Targets a reading system can open: web and mail addresses (never fetched by us).</summary>
    internal static bool IsExternal(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" or "ftp";

    private void WriteReference(XmlWriter writer, FootnoteReference reference, NoteLink? link)
    {
        writer.WriteStartElement("sup");
        if (link is null)
        {
            WriteCounted(writer, XmlText.Clean(reference.Label));
        }
        else
        {
            writer.WriteStartElement("a");
            writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, "noteref");
            writer.WriteAttributeString("role", "doc-noteref");
            writer.WriteAttributeString("href", $"{link.NoteFile}#{link.NoteId}");
            writer.WriteAttributeString("id", link.ReferenceId);
            WriteCounted(writer, XmlText.Clean(reference.Label));
            writer.WriteFullEndElement();
        }

        writer.WriteFullEndElement();
    }

    /// <summary>Writes text, putting the page-break markers of the block where their pages begin (counted characters).</summary>
    private void WriteCounted(XmlWriter writer, string text)
    {
        if (pendingPages.Count == 0)
        {
            written += PrintPageMap.CountedCharacters(text);
            writer.WriteString(text);
            return;
        }

        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!PrintPageMap.IsCounted(text[i]))
            {
                continue;
            }

            if (pendingPages.Count > 0 && pendingPages.Peek().Characters <= written)
            {
                writer.WriteString(text[start..i]);
                start = i;
                WritePageBreaks(writer);
            }

            written++;
        }

        writer.WriteString(text[start..]);
    }

    /// <summary>The markers of pages that begin at the current count.</summary>
    private void WritePageBreaks(XmlWriter writer)
    {
        while (pendingPages.Count > 0 && pendingPages.Peek().Characters <= written)
        {
            WritePageBreak(writer, pendingPages.Dequeue());
        }
    }

    private static void WritePageBreak(XmlWriter writer, PrintPage page)
    {
        var label = page.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteStartElement("span");
        writer.WriteAttributeString("epub", "type", XmlText.OpsNamespace, "pagebreak");
        writer.WriteAttributeString("role", "doc-pagebreak");
        writer.WriteAttributeString("id", PageBreakId(page.Number));
        writer.WriteAttributeString("aria-label", label);
        writer.WriteAttributeString("title", label);
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
