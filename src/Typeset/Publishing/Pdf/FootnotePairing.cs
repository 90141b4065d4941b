using Typeset.Model;

namespace Typeset.Publishing.Pdf;

/// <summary>The PDF's view of <see cref="FootnoteMatching"/>: which definitions go to a page foot, and warnings for the rest.</summary>
internal sealed class FootnotePairing
{
    private readonly FootnoteMatching matching;

    public FootnotePairing(IReadOnlyList<Block> blocks, List<BookWarning> warnings)
    {
        matching = new FootnoteMatching(blocks);
        foreach (var (block, label) in matching.Unmatched)
        {
            warnings.Add(new BookWarning(blocks[block].Id, WarningKind.Footnote, $"footnote reference [^{label}] has no definition after it; printed as a plain superscript"));
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var ordinal = 0;
            foreach (var _ in FootnoteMatching.References(blocks[i]))
            {
                if (matching.DefinitionOf(i, ordinal++) is { } definition)
                {
                    Referenced.Add(definition);
                }
            }
        }
    }

    /// <summary>Definitions that some reference points to: they are printed at the page foot, not where they stand.</summary>
    public HashSet<int> Referenced { get; } = [];

    public int? DefinitionOf(int block, int ordinal) => matching.DefinitionOf(block, ordinal);

    /// <summary>Footnote references of a block in reading order (the order ParagraphBuilder numbers them).</summary>
    public static IEnumerable<FootnoteReference> References(Block block) => FootnoteMatching.References(block);

    public static IEnumerable<FootnoteReference> Walk(IEnumerable<Inline> inlines) => FootnoteMatching.Walk(inlines);
}
