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

    public FootnotePlan(IReadOnlyList<Block> blocks, ChapterPlan chapters, List<BookWarning> warnings)
    {
        var ids = new UniqueIds();
        var matching = new FootnoteMatching(blocks);
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is Footnote footnote)
            {
                noteIds[i] = ids.Next("fn-", footnote.Label);
            }
        }

        var firstReferences = new SortedDictionary<int, (int Block, int Ordinal, string ReferenceId)>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var ordinal = 0;
            foreach (var reference in FootnoteMatching.References(blocks[i]))
            {
                var referenceId = ids.Next("fnref-", reference.Label);
                if (matching.DefinitionOf(i, ordinal) is { } definition)
                {
                    links[(i, ordinal)] = (referenceId, definition);
                    firstReferences.TryAdd(definition, (i, ordinal, referenceId));
                }
                else
                {
                    warnings.Add(BookWarning.General($"Footnote reference [^{reference.Label}] in block {blocks[i].Id} has no definition after it; rendered as plain superscript."));
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

    private string RenderedFile(int block, ChapterPlan chapters) =>
        movedTo.TryGetValue(block, out var file) ? file : chapters.ChapterOf(block).FileName;

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
