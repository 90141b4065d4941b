namespace Typeset.Model;

/// <summary>The lines of a stanza of verse: its content cut at hard line breaks (soft ones are spaces within a line).</summary>
public static class VerseLines
{
    public static IReadOnlyList<ValueList<Inline>> Of(ValueList<Inline> stanza)
    {
        var lines = new List<ValueList<Inline>>();
        var current = new List<Inline>();
        foreach (var inline in stanza)
        {
            if (inline is LineBreak { Hard: true })
            {
                lines.Add(current.ToValueList());
                current = [];
            }
            else
            {
                current.Add(inline is LineBreak ? new Text(" ") : inline);
            }
        }

        lines.Add(current.ToValueList());
        return lines;
    }
}
