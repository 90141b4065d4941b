namespace Typeset.Model;

/// <summary>Inline content of a block. Closed set: every consumer handles each kind.</summary>
public abstract record Inline;

/// <summary>Plain text; may contain no-break spaces and any Unicode.</summary>
public sealed record Text(string Value) : Inline;

/// <summary>Italic.</summary>
public sealed record Emphasis(ValueList<Inline> Content) : Inline;

/// <summary>Bold.</summary>
public sealed record Strong(ValueList<Inline> Content) : Inline;

/// <summary>
/// Superscript as OCR writes it (<c>&lt;sup&gt;1&lt;/sup&gt;</c>); raw footnote markers stay this way
/// until the footnotes stage binds them.
/// </summary>
public sealed record Superscript(string Value) : Inline;

/// <summary>A reference to a footnote definition (<c>[^label]</c>).</summary>
public sealed record FootnoteReference(string Label) : Inline;

/// <summary>
/// A line break inside a block. Soft breaks are the scan's line ends (kept so cleanup can decide joins);
/// hard breaks are intended (title pages, addresses).
/// </summary>
public sealed record LineBreak(bool Hard) : Inline;

/// <summary>Inline HTML other than superscripts, kept verbatim.</summary>
public sealed record RawInline(string Html) : Inline;

/// <summary>A link: its visible content and its target (a URL, or <c>#anchor</c>), never typographed or spell-checked.</summary>
public sealed record Link(ValueList<Inline> Content, string Target, string? Title = null) : Inline
{
    /// <summary>Written as an autolink (<c>&lt;https://…&gt;</c>): the text is the target itself.</summary>
    public bool IsAutolink => Title is null && Content.Count == 1 && Content[0] is Text text && text.Value == Target;
}

/// <summary>Inline code (<c>`code`</c>): set in a monospace face, never typographed, hyphenated or spell-checked.</summary>
public sealed record Code(string Value) : Inline;

public static class Inlines
{
    /// <summary>The content cut at its line breaks (only the hard ones, or every one), lines with no visible text left out.</summary>
    public static List<ValueList<Inline>> Lines(ValueList<Inline> content, bool hardOnly = false)
    {
        var lines = new List<ValueList<Inline>>();
        var current = new List<Inline>();
        foreach (var inline in content)
        {
            if (inline is LineBreak lineBreak && (lineBreak.Hard || !hardOnly))
            {
                lines.Add(current.ToValueList());
                current = [];
            }
            else
            {
                current.Add(inline);
            }
        }

        lines.Add(current.ToValueList());
        return lines.Where(line => PlainText(line).Trim().Length > 0).ToList();
    }

    /// <summary>The visible text of inline content: what a reader sees, markup removed, soft breaks as spaces.</summary>
    public static string PlainText(IEnumerable<Inline> inlines)
    {
        var builder = new System.Text.StringBuilder();
        Append(builder, inlines);
        return builder.ToString();
    }

    private static void Append(System.Text.StringBuilder builder, IEnumerable<Inline> inlines)
    {
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case Text text: builder.Append(text.Value); break;
                case Emphasis emphasis: Append(builder, emphasis.Content); break;
                case Strong strong: Append(builder, strong.Content); break;
                case Superscript sup: builder.Append(sup.Value); break;
                case FootnoteReference reference: builder.Append(reference.Label); break;
                case LineBreak: builder.Append(' '); break;
                case RawInline: break;
                case Link link: Append(builder, link.Content); break;
                case Code code: builder.Append(code.Value); break;
                default: throw new InvalidOperationException($"Unknown inline {inline.GetType().Name}");
            }
        }
    }
}
