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

    /// <summary>Bleed beyond the trim on every side, in mm (0: none). The page grows by it; TrimBox/BleedBox mark both.</summary>
    public double BleedMm { get; init; }

    /// <summary>Draw crop marks at the trim corners, outside the bleed (the page grows to hold them).</summary>
    public bool CropMarks { get; init; }

    /// <summary>Start each chapter (level-1 heading) on a right-hand page, leaving a blank verso when needed.</summary>
    public bool ChapterOnRecto { get; init; } = true;

    /// <summary>Hyphenate body text with the Russian Liang patterns (hyphen-ru).</summary>
    public bool Hyphenate { get; init; } = true;

    /// <summary>Also hyphenate capitalised words (names); all-capital words and words with digits never are.</summary>
    public bool HyphenateCapitalized { get; init; } = true;

    /// <summary>Book title on verso pages, chapter title on recto pages (none on chapter openers).</summary>
    public bool RunningHeads { get; init; } = true;

    /// <summary>A title page (author, title, subtitle, publisher, city, year) before the text.</summary>
    public bool TitlePage { get; init; } = true;

    /// <summary>A table of contents with page numbers and links after the title page.</summary>
    public bool Toc { get; init; } = true;

    public const string ContentsFront = "front";
    public const string ContentsBack = "back";

    /// <summary>Where the contents goes when the book does not place it itself (<c>::: contents</c>): after the title leaves, or at the end, as many Russian books have it.</summary>
    public string Contents { get; init; } = ContentsFront;

    /// <summary>Badness a line may have (TeX's \tolerance: 100 = spaces stretched by their full stretchability).</summary>
    public double Tolerance { get; init; } = 200;

    /// <summary>Tallest figure image as a share of the text block height.</summary>
    public double FigureMaxHeight { get; init; } = 0.6;

    /// <summary>Warn when a figure's effective resolution on the page is below this (dots per inch).</summary>
    public double MinImageDpi { get; init; } = 300;

    /// <summary>Font expansion: glyphs of a justified line may widen or narrow by up to this share (0.03 = 3 %).</summary>
    public double FontExpansion { get; init; } = 0.03;

    /// <summary>The ICC profile shipped by Debian's libgs-common: Artifex's CMYK characterisation of SWOP (CGATS TR 001).</summary>
    public const string DefaultIccProfile = "/usr/share/color/icc/ghostscript/default_cmyk.icc";

    /// <summary>"PDF/X-4" (print: CMYK output intent, DeviceGray type) or "screen" (RGB, no output intent).</summary>
    public string PdfStandard { get; init; } = "PDF/X-4";

    public bool PdfX => PdfStandard != "screen";

    /// <summary>The output intent's CMYK profile (absolute path).</summary>
    public string IccProfile { get; init; } = DefaultIccProfile;

    /// <summary>Run the PDF/X-4 preflight on the file after writing it (a light scan of objects and content operators: a fraction of a second for a 300-page book).</summary>
    public bool Preflight { get; init; } = true;

    /// <summary>The registered printing condition the profile characterises (ICC registry name), for the output intent.</summary>
    public string OutputCondition { get; init; } = "CGATS TR 001";
}
