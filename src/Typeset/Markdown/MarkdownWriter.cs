using System.Text;
using Typeset.Model;

namespace Typeset.Markdown;

/// <summary>
/// Writes the document model as Markdown that <see cref="MarkdownReader"/> reads back to an equal model.
/// The inline source text it produces is also the coordinate system of text edits.
/// </summary>
public static class MarkdownWriter
{
    public static string Write(Book book)
    {
        var builder = new StringBuilder();
        foreach (var block in book.Blocks)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append(WriteBlock(block)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The Markdown of one block (with everything inside it), no trailing newline.</summary>
    public static string WriteBlock(Block block) => string.Join("\n", Lines(block));

    private static List<string> Lines(Block block)
    {
        switch (block)
        {
            case Heading heading:
                return [new string('#', Math.Clamp(heading.Level, 1, 6)) + " " + WriteInlines(heading.Content, singleLine: true)];
            case Paragraph paragraph:
                return [.. WriteInlines(paragraph.Content).Split('\n')];
            case Figure figure:
                return ["![" + WriteInlines(figure.Caption, insideBrackets: true) + "](" + WriteDestination(figure.ImagePath) + ")"];
            case Footnote footnote:
                var body = Stack(footnote.Body, tight: false);
                if (body.Count == 0)
                {
                    return ["[^" + footnote.Label + "]:"];
                }

                // The first paragraph starts on the label's line; whatever follows is indented by four spaces.
                var opening = footnote.Body[0] is Paragraph ? "[^" + footnote.Label + "]: " + body[0] : "[^" + footnote.Label + "]:";
                var rest = footnote.Body[0] is Paragraph ? body.Skip(1) : body;
                return [opening, .. rest.Select(line => line.Length == 0 ? line : "    " + line)];
            case Quote quote:
                return Stack(quote.Body, tight: false).Select(line => line.Length == 0 ? ">" : "> " + line).ToList();
            case ListBlock list:
                return ListLines(list);
            case Table table:
                return TableLines(table);
            case Epigraph epigraph:
                var epigraphBody = Stack(epigraph.Body, tight: false);
                if (epigraph.Attribution.Count > 0)
                {
                    epigraphBody.AddRange(epigraphBody.Count > 0 ? [string.Empty] : []);
                    epigraphBody.AddRange(["::: attribution", .. WriteInlines(epigraph.Attribution).Split('\n'), ":::"]);
                }

                return Div("epigraph", epigraphBody, DivDepth(epigraph));
            case Verse verse:
                return Div("verse", Stack(verse.Stanzas, tight: false), DivDepth(verse));
            case FrontMatter matter:
                var name = matter.Kind switch
                {
                    FrontMatterKind.TitlePage => "titlepage",
                    FrontMatterKind.Imprint => "imprint",
                    FrontMatterKind.Contents => "contents",
                    _ => throw new InvalidOperationException($"Unknown front matter {matter.Kind}"),
                };
                return Div(name, matter.Kind == FrontMatterKind.Contents ? [] : Stack(matter.Body, tight: false), DivDepth(matter));
            case ThematicBreak:
                return ["---"];
            case PageMarker marker:
                return [$"<!-- page {marker.Page} -->"];
            default:
                throw new InvalidOperationException($"Unknown block {block.GetType().Name}");
        }
    }

    /// <summary>Blocks one after another: a blank line between them (or none in a tight list, except between paragraphs).</summary>
    private static List<string> Stack(IEnumerable<Block> blocks, bool tight)
    {
        var lines = new List<string>();
        Block? previous = null;
        foreach (var block in blocks)
        {
            if (previous is not null && (!tight || (previous is Paragraph && block is Paragraph)))
            {
                lines.Add(string.Empty);
            }

            lines.AddRange(Lines(block));
            previous = block;
        }

        return lines;
    }

    private static List<string> ListLines(ListBlock list)
    {
        var lines = new List<string>();
        var widest = (list.Start + list.Items.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (i > 0 && !list.Tight)
            {
                lines.Add(string.Empty);
            }

            var marker = list.Kind == ListKind.Ordered
                ? (list.Start + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + "."
                : "-";
            var indent = new string(' ', list.Kind == ListKind.Ordered ? widest + 2 : 2);
            var body = Stack(list.Items[i].Body, list.Tight);
            if (body.Count == 0)
            {
                lines.Add(marker);
                continue;
            }

            lines.Add(marker + new string(' ', indent.Length - marker.Length) + body[0]);
            lines.AddRange(body.Skip(1).Select(line => line.Length == 0 ? line : indent + line));
        }

        return lines;
    }

    private static List<string> TableLines(Table table)
    {
        var columns = table.ColumnCount;
        string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
        string Cell(TableCell cell) => WriteInlines(cell.Content, singleLine: true, inTable: true);

        // The header carries the column count: a header shorter than the widest row gets empty cells, so no row is cut.
        var header = table.Header.Cells.Select(Cell).Concat(Enumerable.Repeat(string.Empty, columns - table.Header.Cells.Count));
        var rule = Enumerable.Range(0, columns).Select(c => (c < table.Columns.Count ? table.Columns[c] : ColumnAlignment.Default) switch
        {
            ColumnAlignment.Left => ":---",
            ColumnAlignment.Center => ":---:",
            ColumnAlignment.Right => "---:",
            _ => "---",
        });
        List<string> lines = [Row(header), Row(rule), .. table.Rows.Select(row => Row(row.Cells.Select(Cell)))];
        if (table.Caption.Count > 0)
        {
            // pandoc's table caption: a paragraph after the table beginning with a colon.
            lines.AddRange([string.Empty, ": " + SourceText(TextRole.TableCaption, table.Caption)]);
        }

        return lines;
    }

    private static List<string> Div(string name, List<string> body, int depth)
    {
        // An outer fence is longer than any inside it, so every Markdown reader closes the right one.
        var fence = new string(':', 3 + depth);
        return [fence + " " + name, .. body, fence];
    }

    /// <summary>How many fenced divs are nested inside a block (an epigraph's attribution counts as one).</summary>
    private static int DivDepth(Block block)
    {
        var inner = BookWalk.Children(block).Select(child => DivDepth(child) + (IsDiv(child) ? 1 : 0)).DefaultIfEmpty(0).Max();
        return block is Epigraph { Attribution.Count: > 0 } ? Math.Max(inner, 1) : inner;
    }

    private static bool IsDiv(Block block) => block is Epigraph or Verse or FrontMatter;

    /// <summary>The editable source text of a text part: what text edits address by offset.</summary>
    public static string SourceText(TextPart part) => SourceText(part.Role, part.Content);

    public static string SourceText(TextRole role, IEnumerable<Inline> content) => role switch
    {
        TextRole.Heading or TextRole.TableCaption => WriteInlines(content, singleLine: true),
        TextRole.Caption => WriteInlines(content, insideBrackets: true),
        TextRole.TableCell => WriteInlines(content, singleLine: true, inTable: true),
        TextRole.Paragraph or TextRole.Attribution => WriteInlines(content),
        _ => throw new InvalidOperationException($"Unknown text role {role}"),
    };

    /// <summary>The source text of a block that is one text part itself (a paragraph, heading, figure); empty for containers.</summary>
    public static string SourceText(Block block) =>
        BookWalk.OwnText(block).ToList() is [var part] && BookWalk.Children(block).Any() == false ? SourceText(part.Role, part.Content) : string.Empty;

    public static string WriteInlines(IEnumerable<Inline> inlines, bool singleLine = false, bool insideBrackets = false, bool inTable = false)
    {
        var builder = new StringBuilder();
        var atLineStart = true;
        AppendInlines(builder, inlines, singleLine, inTable, ref atLineStart, spans: null);
        return builder.ToString();
    }

    /// <summary>
    /// Where, in the source text of a text part, cleanup must change nothing: code, link targets and autolinks (URLs),
    /// footnote references, superscripts, raw HTML. Offsets as in <see cref="SourceText(TextPart)"/>.
    /// </summary>
    public static IReadOnlyList<(int Start, int End)> ProtectedSpans(TextPart part)
    {
        var builder = new StringBuilder();
        var atLineStart = true;
        var spans = new List<(int Start, int End)>();
        AppendInlines(builder, part.Content, part.Role is TextRole.Heading or TextRole.TableCell or TextRole.TableCaption, part.Role == TextRole.TableCell, ref atLineStart, spans);
        return spans;
    }

    private static void AppendInlines(StringBuilder builder, IEnumerable<Inline> inlines, bool singleLine, bool inTable, ref bool atLineStart, List<(int Start, int End)>? spans)
    {
        foreach (var inline in inlines)
        {
            var start = builder.Length;
            switch (inline)
            {
                case Text text:
                    AppendEscaped(builder, text.Value, atLineStart, inTable);
                    atLineStart = false;
                    break;
                case Emphasis emphasis:
                    builder.Append('*');
                    atLineStart = false;
                    AppendInlines(builder, emphasis.Content, singleLine, inTable, ref atLineStart, spans);
                    builder.Append('*');
                    break;
                case Strong strong:
                    builder.Append("**");
                    atLineStart = false;
                    AppendInlines(builder, strong.Content, singleLine, inTable, ref atLineStart, spans);
                    builder.Append("**");
                    break;
                case Superscript superscript:
                    builder.Append("<sup>").Append(EscapeHtml(superscript.Value)).Append("</sup>");
                    atLineStart = false;
                    break;
                case FootnoteReference reference:
                    builder.Append("[^").Append(reference.Label).Append(']');
                    atLineStart = false;
                    break;
                case LineBreak lineBreak:
                    if (singleLine)
                    {
                        builder.Append(' ');
                        atLineStart = false;
                    }
                    else
                    {
                        builder.Append(lineBreak.Hard ? "\\\n" : "\n");
                        atLineStart = true;
                    }

                    break;
                case RawInline raw:
                    builder.Append(raw.Html);
                    atLineStart = false;
                    break;
                case Link { IsAutolink: true } autolink:
                    builder.Append('<').Append(autolink.Target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) && !((Text)autolink.Content[0]).Value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
                        ? autolink.Target["mailto:".Length..] : autolink.Target).Append('>');
                    atLineStart = false;
                    break;
                case Link link:
                    builder.Append('[');
                    atLineStart = false;
                    AppendInlines(builder, link.Content, singleLine: true, inTable, ref atLineStart, spans);
                    var target = builder.Length;
                    builder.Append("](").Append(WriteDestination(link.Target));
                    if (link.Title is { } title)
                    {
                        builder.Append(" \"").Append(title.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                    }

                    builder.Append(')');
                    spans?.Add((target, builder.Length));
                    break;
                case Code code:
                    AppendCode(builder, code.Value, inTable);
                    atLineStart = false;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown inline {inline.GetType().Name}");
            }

            if (spans is not null && inline is Code or Superscript or FootnoteReference or RawInline or Link { IsAutolink: true })
            {
                spans.Add((start, builder.Length));
            }
        }
    }

    /// <summary>A code span with a fence longer than any backtick run inside, padded where CommonMark would strip or merge.</summary>
    private static void AppendCode(StringBuilder builder, string value, bool inTable)
    {
        if (value.Length == 0)
        {
            return;
        }

        var longest = 0;
        for (var i = 0; i < value.Length;)
        {
            var run = 0;
            while (i < value.Length && value[i] == '`')
            {
                run++;
                i++;
            }

            longest = Math.Max(longest, run);
            i += run == 0 ? 1 : 0;
        }

        var fence = new string('`', longest + 1);
        var pad = value[0] == '`' || value[^1] == '`' || (value[0] == ' ' && value[^1] == ' ' && value.Trim().Length > 0) ? " " : string.Empty;
        var text = inTable ? value.Replace("|", "\\|", StringComparison.Ordinal) : value;
        builder.Append(fence).Append(pad).Append(text.Replace('\n', ' ')).Append(pad).Append(fence);
    }

    private static string EscapeHtml(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string WriteDestination(string path) =>
        path.Length == 0 ? string.Empty
        : path.IndexOfAny([' ', '(', ')', '<', '>']) >= 0 ? "<" + path.Replace(">", "%3E", StringComparison.Ordinal) + ">"
        : path;

    /// <summary>Escapes only what Markdown would otherwise read as markup, so OCR text stays readable.</summary>
    private static void AppendEscaped(StringBuilder builder, string text, bool atLineStart, bool inTable)
    {
        var escapeAt = atLineStart ? LineStartEscapeIndex(text) : -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (i == escapeAt)
            {
                builder.Append('\\');
            }

            switch (c)
            {
                case '\\' or '*' or '_' or '[' or ']' or '`' or '<':
                    builder.Append('\\').Append(c);
                    break;
                case '|' when inTable:
                    builder.Append("\\|");
                    break;
                case '&' when i + 1 < text.Length && (char.IsAsciiLetterOrDigit(text[i + 1]) || text[i + 1] == '#'):
                    builder.Append("\\&");
                    break;
                case '!' when i + 1 < text.Length && text[i + 1] == '[':
                    builder.Append("\\!");
                    break;
                case '\n':
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    /// <summary>
    /// Where to put a backslash in text that starts a line, so Markdown does not read it as a heading, quote,
    /// list, rule or code fence; -1 when none is needed.
    /// </summary>
    private static int LineStartEscapeIndex(string text)
    {
        if (text.Length == 0)
        {
            return -1;
        }

        var first = text[0];
        if (first is '#' or '>' or '=' or '~' or '|' || text.StartsWith(":::", StringComparison.Ordinal))
        {
            return 0;
        }

        if (first is '-' or '+')
        {
            return text.Length == 1 || text[1] is ' ' or '\t' or '-' or '+' ? 0 : -1;
        }

        if (char.IsAsciiDigit(first))
        {
            var i = 0;
            while (i < text.Length && i < 9 && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            return i < text.Length && text[i] is '.' or ')' && (i + 1 == text.Length || text[i + 1] is ' ' or '\t') ? i : -1;
        }

        return -1;
    }
}
