namespace Typeset.Publishing.Epub;

/// <summary>
/// <paramref name="SplitLevel"/>: a new XHTML file starts before each heading of this level or higher (1 = chapters only).
/// <paramref name="EmbedFonts"/>: embed PT Serif (four faces) and set the text in it.
/// <paramref name="CoverPath"/>: the cover image (absolute, or relative to the current folder); null draws one from the metadata.
/// <paramref name="SoftHyphens"/>: soft hyphens in long words of body text, for readers without Russian hyphenation.
/// <paramref name="ImageCacheFolder"/>: where scaled images are kept for the next build (output/work/epub/images); null: none.
/// <paramref name="AltText"/>: alt text per image path (as the Markdown gives it), written by the editor; an image without
/// one gets an empty alt and its caption describes it (a screen reader would otherwise read the caption twice).
/// <paramref name="PrintPages"/>: where the pages of the print edition begin, for the page list; null: no page list.
/// </summary>
public sealed record EpubSettings(
    int SplitLevel = 1, bool EmbedFonts = false, string? CoverPath = null, bool SoftHyphens = false, string? ImageCacheFolder = null,
    IReadOnlyDictionary<string, string>? AltText = null, PrintPageMap? PrintPages = null);
