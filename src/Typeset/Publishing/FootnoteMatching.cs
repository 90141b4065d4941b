using Typeset.Model;

namespace Typeset.Publishing;

/// <summary>
/// Pairs footnote references with definitions, for every writer alike. OCR restarts note numbers on every page (and
/// per-chapter numbering restarts them in each chapter), so labels repeat: a reference takes the next definition of
/// its label that follows it.
/// </summary>
public sealed class FootnoteMatching
{
    private readonly Dictionary<(int Block, int Ordinal), int> definitionOf = [];
    private readonly List<(int Block, string Label)> unmatched = [];

    public FootnoteMatching(IReadOnlyList<Block> blocks)
    {
        var definitionsByLabel = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is Footnote footnote)
            {
                if (!definitionsByLabel.TryGetValue(footnote.Label, out var list))
                {
                    definitionsByLabel[footnote.Label] = list = [];
                }

                list.Add(i);
            }
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var ordinal = 0;
            foreach (var reference in References(blocks[i]))
            {
                if (NextDefinition(definitionsByLabel, reference.Label, i) is { } definition)
                {
                    definitionOf[(i, ordinal)] = definition;
                }
                else
                {
                    unmatched.Add((i, reference.Label));
                }

                ordinal++;
            }
        }
    }

    /// <summary>The definition block of the <paramref name="ordinal"/>-th reference of a block, or null when it has none.</summary>
    public int? DefinitionOf(int block, int ordinal) => definitionOf.TryGetValue((block, ordinal), out var definition) ? definition : null;

    /// <summary>References with no definition after them: writers print them as plain superscripts, with a warning.</summary>
    public IReadOnlyList<(int Block, string Label)> Unmatched => unmatched;

    /// <summary>Footnote references of a block at any depth in reading order: the order every writer numbers them in.</summary>
    public static IEnumerable<FootnoteReference> References(Block block) => BookWalk.References(block);

    public static IEnumerable<FootnoteReference> Walk(IEnumerable<Inline> inlines) => BookWalk.InlineDescendants(inlines).OfType<FootnoteReference>();

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
}
