using Typeset.Model;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// Pairs footnote references with definitions the way the EPUB writer does: OCR restarts note numbers on every page,
/// so labels repeat, and a reference takes the next definition of its label that follows it.
/// </summary>
internal sealed class FootnotePairing
{
    private readonly Dictionary<(int Block, int Ordinal), int> definitionOf = [];

    public FootnotePairing(IReadOnlyList<Block> blocks, List<string> warnings)
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
                var definition = definitionsByLabel.TryGetValue(reference.Label, out var candidates) ? candidates.FirstOrDefault(d => d > i, -1) : -1;
                if (definition < 0)
                {
                    warnings.Add($"block {blocks[i].Id}: footnote reference [^{reference.Label}] has no definition after it; printed as a plain superscript");
                }
                else
                {
                    definitionOf[(i, ordinal)] = definition;
                    Referenced.Add(definition);
                }

                ordinal++;
            }
        }
    }

    /// <summary>Definitions that some reference points to: they are printed at the page foot, not where they stand.</summary>
    public HashSet<int> Referenced { get; } = [];

    public int? DefinitionOf(int block, int ordinal) => definitionOf.TryGetValue((block, ordinal), out var definition) ? definition : null;

    /// <summary>Footnote references of a block in reading order (the order ParagraphBuilder numbers them).</summary>
    public static IEnumerable<FootnoteReference> References(Block block) => block switch
    {
        Heading heading => Walk(heading.Content),
        Paragraph paragraph => Walk(paragraph.Content),
        Figure figure => Walk(figure.Caption),
        Footnote footnote => Walk(footnote.Content),
        Quote quote => quote.Paragraphs.SelectMany(paragraph => Walk(paragraph.Content)),
        _ => [],
    };

    public static IEnumerable<FootnoteReference> Walk(IEnumerable<Inline> inlines)
    {
        foreach (var inline in inlines)
        {
            var nested = inline switch
            {
                FootnoteReference reference => [reference],
                Emphasis emphasis => Walk(emphasis.Content),
                Strong strong => Walk(strong.Content),
                _ => [],
            };
            foreach (var reference in nested)
            {
                yield return reference;
            }
        }
    }
}
