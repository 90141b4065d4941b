using System.Collections.Concurrent;
using SkiaSharp;

namespace Typeset.Publishing.Pdf;

/// <summary>A structure element of the tagged PDF: its standard type, reading-order key, alt text and parent.</summary>
/// <param name="Key">Identifies the element across pages and parts (a block index, "toc:3"…).</param>
/// <param name="Order">Reading order: elements are listed under their parent by it.</param>
internal sealed record StructureElement(string Key, string Type, (int Major, int Minor) Order, string? Alt = null, string? ParentKey = null, string? Attributes = null);

/// <summary>
/// How drawn content finds its place in the structure tree. SkiaSharp exposes neither Skia's structure-element tree
/// (<c>SkPDF::Metadata::fStructureElementTreeRoot</c>) nor anything that reaches it, and Skia writes no marked content
/// without it; but Skia writes every fill and stroke colour into the content stream as it is given. So each element is
/// drawn in a colour that names it — a "mark" — and <see cref="ContentRewriter"/> turns each colour back into the real
/// ink while wrapping what follows in marked content (<c>/P &lt;&lt;/MCID n&gt;&gt; BDC … EMC</c>, or
/// <c>/Artifact BMC … EMC</c> for running heads, folios, rules and crop marks); <see cref="PdfFinisher"/> then writes the
/// tree. Marks are handed out from any drawing thread (pages are drawn in parts at once) and mean the same in every part.
/// </summary>
internal sealed class PdfStructure
{
    /// <summary>Running heads and folios.</summary>
    public const int PaginationArtifact = 2;

    /// <summary>Rules and other decoration.</summary>
    public const int LayoutArtifact = 3;

    private const int FirstElementMark = 4;

    private readonly ConcurrentDictionary<string, int> marks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, StructureElement> elements = new();
    private readonly ConcurrentDictionary<(int Page, int Index), string> links = new();
    private int next = FirstElementMark - 1;

    /// <summary>The mark of <paramref name="element"/>, registered on first use (its parent must be registered first).</summary>
    public int Mark(StructureElement element) => marks.GetOrAdd(element.Key, _ =>
    {
        var mark = Interlocked.Increment(ref next);
        if (ColourOf(mark) == ContentRewriter.Registration)
        {
            // Never the registration colour: skip its code.
            mark = Interlocked.Increment(ref next);
        }

        elements[mark] = element;
        return mark;
    });

    public IReadOnlyDictionary<int, StructureElement> Elements => elements;

    /// <summary>Link annotations drawn on a page, in drawing order (Skia lists them in /Annots in that order), by the element they belong to.</summary>
    public void AddLink(int page, int index, string elementKey) => links[(page, index)] = elementKey;

    public IReadOnlyDictionary<(int Page, int Index), string> Links => links;

    /// <summary>The colour that names <paramref name="mark"/> in the content stream (24 bits of it).</summary>
    public static SKColor ColourOf(int mark) => new((byte)(mark >> 16), (byte)(mark >> 8), (byte)mark);

    public static int MarkOf(int red, int green, int blue) => (red << 16) | (green << 8) | blue;

    public static bool IsArtifact(int mark) => mark is PaginationArtifact or LayoutArtifact;
}
