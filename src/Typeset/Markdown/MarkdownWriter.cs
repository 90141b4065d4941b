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

    public static string WriteBlock(Block block) => block switch
    {
        Heading heading => new string('#', Math.Clamp(heading.Level, 1, 6)) + " " + WriteInlines(heading.Content, singleLine: true),
        Paragraph paragraph => WriteInlines(paragraph.Content),
        Figure figure => "![" + WriteInlines(figure.Caption, insideBrackets: true) + "](" + WriteDestination(figure.ImagePath) + ")",
        Footnote footnote => "[^" + footnote.Label + "]: " + WriteInlines(footnote.Content),
        Quote quote => string.Join("\n>\n", quote.Paragraphs.Select(p => "> " + WriteInlines(p.Content).Replace("\n", "\n> ", StringComparison.Ordinal))),
        ThematicBreak => "---",
        PageMarker marker => $"<!-- page {marker.Page} -->",
        _ => throw new InvalidOperationException($"Unknown block {block.GetType().Name}"),
    };

    /// <summary>The editable source text of a block: what text edits address by offset.</summary>
    public static string SourceText(Block block) => block switch
    {
        Heading heading => WriteInlines(heading.Content, singleLine: true),
        Paragraph paragraph => WriteInlines(paragraph.Content),
        Figure figure => WriteInlines(figure.Caption, insideBrackets: true),
        Footnote footnote => WriteInlines(footnote.Content),
        _ => string.Empty,
    };

    public static string WriteInlines(IEnumerable<Inline> inlines, bool singleLine = false, bool insideBrackets = false)
    {
        var builder = new StringBuilder();
        var atLineStart = true;
        AppendInlines(builder, inlines, singleLine, insideBrackets, ref atLineStart);
        return builder.ToString();
    }

    private static void AppendInlines(StringBuilder builder, IEnumerable<Inline> inlines, bool singleLine, bool insideBrackets, ref bool atLineStart)
    {
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case Text text:
                    AppendEscaped(builder, text.Value, atLineStart);
                    atLineStart = false;
                    break;
                case Emphasis emphasis:
                    builder.Append('*');
                    atLineStart = false;
                    AppendInlines(builder, emphasis.Content, singleLine, insideBrackets, ref atLineStart);
                    builder.Append('*');
                    break;
                case Strong strong:
                    builder.Append("**");
                    atLineStart = false;
                    AppendInlines(builder, strong.Content, singleLine, insideBrackets, ref atLineStart);
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
                default:
                    throw new InvalidOperationException($"Unknown inline {inline.GetType().Name}");
            }
        }
    }

    private static string EscapeHtml(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string WriteDestination(string path) =>
        path.Length == 0 ? string.Empty
        : path.IndexOfAny([' ', '(', ')', '<', '>']) >= 0 ? "<" + path.Replace(">", "%3E", StringComparison.Ordinal) + ">"
        : path;

    /// <summary>Escapes only what Markdown would otherwise read as markup, so OCR text stays readable.</summary>
    private static void AppendEscaped(StringBuilder builder, string text, bool atLineStart)
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
        if (first is '#' or '>' or '=' or '~' or '|')
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
