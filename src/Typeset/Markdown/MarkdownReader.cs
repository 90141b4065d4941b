using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Footnotes;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Typeset.Model;
using Block = Typeset.Model.Block;
using Inline = Typeset.Model.Inline;
using MdFootnote = Markdig.Extensions.Footnotes.Footnote;
using ModelFootnote = Typeset.Model.Footnote;

namespace Typeset.Markdown;

/// <summary>
/// Reads Markdown (CommonMark + footnotes) into the document model. Block ids are derived from position
/// (page and index when page markers are present), so the same text always gets the same ids.
/// </summary>
public static partial class MarkdownReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseFootnotes().Build();

    public static Book Read(string markdown, BookMeta meta)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        var ids = new BlockIds();
        var blocks = new List<Block>();
        foreach (var source in FlattenInSourceOrder(document))
        {
            var block = ConvertBlock(source, ids);
            if (block is not null)
            {
                blocks.Add(block);
            }
        }

        return new Book(meta, blocks.ToValueList());
    }

    /// <summary>
    /// Parses the source text of one block (see <see cref="MarkdownWriter.SourceText"/>) back to inlines.
    /// Returns null when the text would no longer be a single paragraph (an edit must not create block structure).
    /// </summary>
    public static ValueList<Inline>? ParseInlines(string sourceText)
    {
        if (sourceText.Length == 0)
        {
            return ValueList<Inline>.Empty;
        }

        // Markdig reads [^n] as a footnote reference only when its definition is in the same document.
        var definitions = string.Concat(FootnoteReferencePattern().Matches(sourceText)
            .Select(m => m.Groups[1].Value).Distinct().Select(label => $"\n\n[^{label}]: -"));
        var document = Markdig.Markdown.Parse(sourceText + definitions, Pipeline);
        var blocks = document.Where(b => b is not (FootnoteGroup or LinkReferenceDefinitionGroup)).ToList();
        if (blocks.Count != 1 || blocks[0] is not ParagraphBlock paragraph)
        {
            return null;
        }

        return ConvertInlines(paragraph.Inline);
    }

    [GeneratedRegex(@"(?<!\\)\[\^([^\]\s]+)\]")]
    private static partial Regex FootnoteReferencePattern();

    /// <summary>Reads the Markdown of exactly one block, giving it <paramref name="id"/>; null when it is not one block.</summary>
    public static Block? ReadBlock(string markdown, string id, SourceRef? source)
    {
        var blocks = Read(markdown, BookMeta.Untitled).Blocks;
        return blocks.Count != 1 ? null : blocks[0] switch
        {
            Heading h => h with { Id = id, Source = source },
            Paragraph p => p with { Id = id, Source = source },
            Figure f => f with { Id = id, Source = source },
            ModelFootnote n => n with { Id = id, Source = source },
            ThematicBreak t => t with { Id = id, Source = source },
            PageMarker m => m with { Id = id, Source = source },
            Quote q => q with { Id = id, Source = source },
            var other => other,
        };
    }

    /// <summary>Markdig moves footnote definitions to a group at the end (or drops unreferenced ones); put them back where they were written.</summary>
    private static IEnumerable<Markdig.Syntax.Block> FlattenInSourceOrder(MarkdownDocument document)
    {
        var all = new List<Markdig.Syntax.Block>();
        foreach (var block in document)
        {
            if (block is FootnoteGroup group)
            {
                all.AddRange(group);
            }
            else if (block is LinkReferenceDefinitionGroup definitions)
            {
                // Markdig leaves a footnote nobody references out of the footnote group; it is still the author's text.
                all.AddRange(definitions.OfType<FootnoteLinkReferenceDefinition>().Select(d => d.Footnote).Where(f => f.Parent is null));
            }
            else
            {
                all.Add(block);
            }
        }

        return all.OrderBy(b => b.Line);
    }

    private static Block? ConvertBlock(Markdig.Syntax.Block source, BlockIds ids)
    {
        switch (source)
        {
            case HeadingBlock heading:
                return new Heading(ids.Next(), heading.Level, ConvertInlines(heading.Inline), ids.Source);
            case ParagraphBlock paragraph:
                var inlines = ConvertInlines(paragraph.Inline);
                if (AsFigure(paragraph.Inline) is { } figure)
                {
                    return new Figure(ids.Next(), figure.Path, figure.Caption, ids.Source);
                }

                return inlines.Count == 0 ? null : new Paragraph(ids.Next(), inlines, ids.Source);
            case MdFootnote footnote:
                var content = new List<Inline>();
                foreach (var child in footnote.OfType<ParagraphBlock>())
                {
                    if (content.Count > 0)
                    {
                        content.Add(new LineBreak(Hard: true));
                    }

                    content.AddRange(ConvertInlines(child.Inline));
                }

                return new ModelFootnote(ids.Next(), FootnoteLabel(footnote.Label), Normalize(content), ids.Source);
            case QuoteBlock quote:
                var id = ids.Next();
                var paragraphs = quote.Descendants<ParagraphBlock>()
                    .Select((p, i) => new Paragraph($"{id}.{i + 1}", ConvertInlines(p.Inline)))
                    .ToValueList();
                return new Quote(id, paragraphs, ids.Source);
            case ThematicBreakBlock:
                return new ThematicBreak(ids.Next(), ids.Source);
            case HtmlBlock html:
                var text = html.Lines.ToString();
                var page = PageMarkerPattern().Match(text);
                if (page.Success)
                {
                    var number = int.Parse(page.Groups[1].Value, CultureInfo.InvariantCulture);
                    ids.StartPage(number);
                    return new PageMarker(ids.Next(), number, ids.Source);
                }

                return new Paragraph(ids.Next(), ValueList<Inline>.Of(new RawInline(text.TrimEnd())), ids.Source);
            case ListBlock list:
                // Books rarely use lists and the model has none: keep every item's text as a paragraph with its marker.
                return ListAsParagraph(list, ids);
            case LeafBlock leaf when leaf is CodeBlock:
                var lines = leaf.Lines.ToString().Split('\n');
                var codeInlines = new List<Inline>();
                foreach (var line in lines)
                {
                    if (codeInlines.Count > 0)
                    {
                        codeInlines.Add(new LineBreak(Hard: true));
                    }

                    codeInlines.Add(new Text(line));
                }

                return new Paragraph(ids.Next(), Normalize(codeInlines), ids.Source);
            case LinkReferenceDefinitionGroup or BlankLineBlock:
                return null;
            case ContainerBlock container:
                var nested = container.Descendants<ParagraphBlock>().SelectMany(p => ConvertInlines(p.Inline)).ToList();
                return nested.Count == 0 ? null : new Paragraph(ids.Next(), Normalize(nested), ids.Source);
            default:
                return null;
        }
    }

    private static Paragraph ListAsParagraph(ListBlock list, BlockIds ids)
    {
        var content = new List<Inline>();
        var number = int.TryParse(list.OrderedStart, CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            if (content.Count > 0)
            {
                content.Add(new LineBreak(Hard: true));
            }

            content.Add(new Text(list.IsOrdered ? $"{number++}{list.OrderedDelimiter} " : "— "));
            content.AddRange(item.Descendants<ParagraphBlock>().SelectMany(p => ConvertInlines(p.Inline)));
        }

        return new Paragraph(ids.Next(), Normalize(content), ids.Source);
    }

    private static (string Path, ValueList<Inline> Caption)? AsFigure(ContainerInline? container)
    {
        if (container is null)
        {
            return null;
        }

        LinkInline? image = null;
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LinkInline { IsImage: true } link when image is null:
                    image = link;
                    break;
                case LiteralInline literal when literal.Content.IsEmptyOrWhitespace():
                    break;
                default:
                    return null;
            }
        }

        return image is null ? null : (image.Url ?? string.Empty, ConvertInlines(image));
    }

    private static ValueList<Inline> ConvertInlines(ContainerInline? container)
    {
        var result = new List<Inline>();
        if (container is not null)
        {
            AppendInlines(result, container);
        }

        return Normalize(result);
    }

    private static void AppendInlines(List<Inline> result, ContainerInline container)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    result.Add(new Text(literal.Content.ToString()));
                    break;
                case EmphasisInline emphasis:
                    var children = ConvertInlines(emphasis);
                    result.Add(emphasis.DelimiterCount >= 2 ? new Strong(children) : new Emphasis(children));
                    break;
                case LineBreakInline lineBreak:
                    result.Add(new LineBreak(lineBreak.IsHard));
                    break;
                case HtmlInline html when IsTag(html, "sup") && CollectUntilClosingTag(html, "sup") is { } superscript:
                    result.Add(new Superscript(superscript.Text));
                    inline = superscript.Closing;
                    break;
                case HtmlInline html:
                    result.Add(new RawInline(html.Tag));
                    break;
                case HtmlEntityInline entity:
                    result.Add(new Text(entity.Transcoded.ToString()));
                    break;
                case CodeInline code:
                    result.Add(new Text(code.Content));
                    break;
                case AutolinkInline autolink:
                    result.Add(new Text(autolink.Url));
                    break;
                case FootnoteLink { IsBackLink: false } footnoteLink:
                    result.Add(new FootnoteReference(FootnoteLabel(footnoteLink.Footnote.Label)));
                    break;
                case LinkInline { IsImage: true } image:
                    result.AddRange(ConvertInlines(image));
                    break;
                case ContainerInline nested:
                    AppendInlines(result, nested);
                    break;
            }
        }
    }

    /// <summary>Markdig keeps the caret of <c>[^1]</c> in the label; the model holds the label alone.</summary>
    private static string FootnoteLabel(string? label) => (label ?? string.Empty).TrimStart('^');

    private static bool IsTag(HtmlInline html, string name) =>
        html.Tag.Equals($"<{name}>", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <c>&lt;sup&gt;text&lt;/sup&gt;</c>: Markdig gives the tags and the text between as separate inlines.</summary>
    private static (string Text, Markdig.Syntax.Inlines.Inline Closing)? CollectUntilClosingTag(HtmlInline opening, string name)
    {
        var text = new StringBuilder();
        for (var inline = opening.NextSibling; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case HtmlInline html when html.Tag.Equals($"</{name}>", StringComparison.OrdinalIgnoreCase):
                    return (text.ToString(), html);
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Merges adjacent text runs so that equal text always gives an equal model.</summary>
    private static ValueList<Inline> Normalize(IEnumerable<Inline> inlines)
    {
        var result = new List<Inline>();
        foreach (var inline in inlines)
        {
            if (inline is Text { Value.Length: 0 })
            {
                continue;
            }

            if (inline is Text text && result.Count > 0 && result[^1] is Text previous)
            {
                result[^1] = new Text(previous.Value + text.Value);
            }
            else
            {
                result.Add(inline);
            }
        }

        return result.ToValueList();
    }

    [GeneratedRegex(@"^\s*<!--\s*page\s+(\d+)\s*-->\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageMarkerPattern();

    /// <summary>Ids like <c>p0012.b03</c> once a page is known, <c>b0001</c> before.</summary>
    private sealed class BlockIds
    {
        private int page;
        private int index;

        public SourceRef? Source => page > 0 ? new SourceRef(page) : null;

        public void StartPage(int number)
        {
            page = number;
            index = 0;
        }

        public string Next()
        {
            index++;
            return page > 0
                ? string.Create(CultureInfo.InvariantCulture, $"p{page:0000}.b{index:00}")
                : string.Create(CultureInfo.InvariantCulture, $"b{index:0000}");
        }
    }
}
