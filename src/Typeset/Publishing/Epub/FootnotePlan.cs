using System.Text;
using Typeset.Model;

namespace Typeset.Publishing.Epub;

/// <summary>Where a footnote reference links to; <see cref="ReferenceId"/> is the reference's own anchor.</summary>
internal sealed record NoteLink(string ReferenceId, string NoteId, string NoteFile);

/// <summary>A footnote definition as rendered: its id, and the first reference to link back to (none when unreferenced).</summary>
internal sealed record NoteAnchor(string NoteId, string? BacklinkHref);

/// <summary>
/// Pairs footnote references with definitions and decides where each definition is rendered.
/// OCR restarts footnote numbers on every page, so labels repeat: a reference takes the next definition
/// of its label that follows it, and ids get a counter suffix (fn-1, fn-1-2) to stay unique.
/// </summary>
internal sealed class FootnotePlan
{
    private readonly Dictionary<(int Block, int Ordinal), (string ReferenceId, int Definition)> links = [];
    private readonly Dictionary<int, string> noteIds = [];
    private readonly Dictionary<int, string> backlinks = [];
    private readonly Dictionary<int, string> movedTo = [];
    private readonly Dictionary<string, List<int>> notesByFile = [];

    public FootnotePlan(IReadOnlyList<Block> blocks, ChapterPlan chapters, List<string> warnings)
    {
        var ids = new UniqueIds();
        var definitionsByLabel = new Dictionary<string, List<int>>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is Footnote footnote)
            {
                ListFor(definitionsByLabel, footnote.Label).Add(i);
                noteIds[i] = ids.Next("fn-", footnote.Label);
            }
        }

        var firstReferences = new SortedDictionary<int, (int Block, int Ordinal, string ReferenceId)>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var ordinal = 0;
            foreach (var reference in FootnoteReferences(blocks[i]))
            {
                var referenceId = ids.Next("fnref-", reference.Label);
                var definition = NextDefinition(definitionsByLabel, reference.Label, i);
                if (definition is null)
                {
                    warnings.Add($"Footnote reference [^{reference.Label}] in block {blocks[i].Id} has no definition after it; rendered as plain superscript.");
                }
                else
                {
                    links[(i, ordinal)] = (referenceId, definition.Value);
                    firstReferences.TryAdd(definition.Value, (i, ordinal, referenceId));
                }

                ordinal++;
            }
        }

        // A definition always follows its references, so in block order the file of each first reference is already final
        // (that reference may sit in a definition moved earlier in this loop).
        foreach (var (definition, (block, _, referenceId)) in firstReferences)
        {
            var file = RenderedFile(block, chapters);
            movedTo[definition] = file;
            ListFor(notesByFile, file).Add(definition);
            backlinks[definition] = $"{file}#{referenceId}";
        }

        foreach (var notes in notesByFile.Values)
        {
            notes.Sort((a, b) => (firstReferences[a].Block, firstReferences[a].Ordinal).CompareTo((firstReferences[b].Block, firstReferences[b].Ordinal)));
        }
    }

    /// <summary>The link for the <paramref name="ordinal"/>-th footnote reference of a block, or null when it has no definition.</summary>
    public NoteLink? Link(int block, int ordinal) =>
        links.TryGetValue((block, ordinal), out var link) ? new NoteLink(link.ReferenceId, noteIds[link.Definition], movedTo[link.Definition]) : null;

    public NoteAnchor Anchor(int footnoteBlock) => new(noteIds[footnoteBlock], backlinks.GetValueOrDefault(footnoteBlock));

    /// <summary>True when the definition is rendered at the end of its first reference's file instead of where it stands.</summary>
    public bool IsMoved(int footnoteBlock) => movedTo.ContainsKey(footnoteBlock);

    /// <summary>Definitions rendered at the end of the file, in the order of their first references.</summary>
    public IReadOnlyList<int> NotesAtEndOf(string fileName) => notesByFile.GetValueOrDefault(fileName) ?? [];

    /// <summary>Footnote references in reading order: the same walk the XHTML writer does when it numbers them.</summary>
    private static IEnumerable<FootnoteReference> FootnoteReferences(Block block) => block switch
    {
        Heading heading => Walk(heading.Content),
        Paragraph paragraph => Walk(paragraph.Content),
        Figure figure => Walk(figure.Caption),
        Footnote footnote => Walk(footnote.Content),
        Quote quote => quote.Paragraphs.SelectMany(paragraph => Walk(paragraph.Content)),
        _ => [],
    };

    private string RenderedFile(int block, ChapterPlan chapters) =>
        movedTo.TryGetValue(block, out var file) ? file : chapters.ChapterOf(block).FileName;

    private static IEnumerable<FootnoteReference> Walk(IEnumerable<Inline> inlines)
    {
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case FootnoteReference reference:
                    yield return reference;
                    break;
                case Emphasis emphasis:
                    foreach (var nested in Walk(emphasis.Content))
                    {
                        yield return nested;
                    }

                    break;
                case Strong strong:
                    foreach (var nested in Walk(strong.Content))
                    {
                        yield return nested;
                    }

                    break;
            }
        }
    }

    private static int? NextDefinition(Dictionary<string, List<int>> definitionsByLabel, string label, int afterBlock)
    {
        if (!definitionsByLabel.TryGetValue(label, out var definitions))
        {
            return null;
        }

        var index = definitions.BinarySearch(afterBlock + 1);
        index = index >= 0 ? index : ~index;
        return index < definitions.Count ? definitions[index] : null;
    }

    private static List<T> ListFor<T>(Dictionary<string, List<T>> lists, string key)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        return list;
    }

    /// <summary>
    /// ASCII ids from arbitrary labels (other characters, '-' included, become uXXXX), with a counter suffix for repeats:
    /// a sanitized label never contains '-', so "fn-1-2" cannot clash with another label's id.
    /// </summary>
    private sealed class UniqueIds
    {
        private readonly Dictionary<string, int> uses = [];

        public string Next(string prefix, string label)
        {
            var stem = prefix + Sanitize(label);
            var count = uses[stem] = uses.GetValueOrDefault(stem) + 1;
            return count == 1 ? stem : $"{stem}-{count}";
        }

        private static string Sanitize(string label)
        {
            var builder = new StringBuilder();
            foreach (var rune in label.EnumerateRunes())
            {
                if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '_'))
                {
                    builder.Append((char)rune.Value);
                }
                else
                {
                    builder.Append('u').Append(rune.Value.ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }
    }
}
