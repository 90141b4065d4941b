namespace Typeset.Publishing.Epub;

/// <summary>
/// <paramref name="SplitLevel"/>: a new XHTML file starts before each heading of this level or higher (1 = chapters only).
/// <paramref name="EmbedFonts"/>: not supported yet; reported as a warning.
/// </summary>
public sealed record EpubSettings(int SplitLevel = 1, bool EmbedFonts = false);
