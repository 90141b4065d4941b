namespace Typeset.Interop.Tesseract;

/// <summary>A box in image pixels, top-left origin.</summary>
public sealed record Box(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;
}

/// <summary>Tesseract's PolyBlockType: what page segmentation decided a block is.</summary>
public enum BlockKind
{
    Unknown = 0,
    FlowingText = 1,
    HeadingText = 2,
    PulloutText = 3,
    Equation = 4,
    InlineEquation = 5,
    Table = 6,
    VerticalText = 7,
    CaptionText = 8,
    FlowingImage = 9,
    HeadingImage = 10,
    PulloutImage = 11,
    HorizontalLine = 12,
    VerticalLine = 13,
    Noise = 14,
}

/// <summary>What Tesseract found on one page: blocks in its reading order.</summary>
public sealed record RecognizedPage(int Width, int Height, IReadOnlyList<RecognizedBlock> Blocks);

public sealed record RecognizedBlock(BlockKind Kind, Box Box, IReadOnlyList<RecognizedLine> Lines)
{
    public bool IsImage => Kind is BlockKind.FlowingImage or BlockKind.HeadingImage or BlockKind.PulloutImage;
}

/// <summary>A text line; <see cref="Baseline"/> is the y of its baseline, <see cref="StartsParagraph"/> Tesseract's own paragraph guess.</summary>
public sealed record RecognizedLine(Box Box, int Baseline, bool StartsParagraph, IReadOnlyList<RecognizedWord> Words);

/// <summary>
/// A word with its confidence (0–100). Font attributes are what the engine reports (the LSTM engine often reports none).
/// <see cref="Symbols"/> is filled for words with anything but letters, where footnote markers hide.
/// </summary>
public sealed record RecognizedWord(string Text, float Confidence, Box Box, bool Bold, bool Italic, int PointSize, IReadOnlyList<RecognizedSymbol>? Symbols,
    IReadOnlyList<SymbolAlternatives>? Alternatives = null);

public sealed record RecognizedSymbol(string Text, Box Box);

/// <summary>
/// What the recogniser also considered for the symbol at <paramref name="At"/> (its index among the word's symbols): the
/// symbol it chose and the others with their confidences (0–100), likeliest first. Only symbols with a rival are listed.
/// </summary>
public sealed record SymbolAlternatives(int At, string Chosen, IReadOnlyList<SymbolChoice> Others);

public sealed record SymbolChoice(string Text, float Confidence);
