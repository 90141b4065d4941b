namespace Typeset.Configuration;

/// <summary>Page geometry and type for the PDF (the <c>typesetting</c> section of pipeline.json). Lengths in millimetres, type in points.</summary>
public sealed record TypesettingSettings
{
    /// <summary>Trim size as written in pipeline.json: a name (A4, A5, A6, B5, 60x90/16, 70x100/16, 84x108/32) or "WIDTHxHEIGHT" in mm.</summary>
    public string TrimSize { get; init; } = "60x90/16";

    public double PageWidthMm { get; init; } = 145;

    public double PageHeightMm { get; init; } = 215;

    /// <summary>Mirrored margins: inner is the binding side.</summary>
    public double MarginInnerMm { get; init; } = 20;

    public double MarginOuterMm { get; init; } = 15;

    public double MarginTopMm { get; init; } = 17;

    public double MarginBottomMm { get; init; } = 20;

    /// <summary>Font family names, resolved to files in the system font folders (PT Serif, PT Sans from fonts-paratype).</summary>
    public string BodyFont { get; init; } = "PT Serif";

    public string HeadingFont { get; init; } = "PT Sans";

    public double FontSizePt { get; init; } = 10.5;

    public double LeadingPt { get; init; } = 13.5;

    /// <summary>First-line indent of body paragraphs, in em.</summary>
    public double ParagraphIndentEm { get; init; } = 1.5;
}
