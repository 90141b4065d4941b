using Typeset.Configuration;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// Page and text block in PDF points; margins mirror, so odd (recto) pages have the inner margin on the left.
/// <see cref="Width"/> and <see cref="Height"/> are the trim size; the PDF page (media) adds the bleed and, with crop
/// marks, room for them on every side: <see cref="Offset"/> is where the trim box starts.
/// </summary>
internal sealed record PageGeometry(double Width, double Height, double Inner, double Outer, double Top, double Bottom, double Bleed = 0, double MarkArea = 0)
{
    public const double PointsPerMillimetre = 72 / 25.4;

    /// <summary>Crop marks: 5 mm long, 3 mm away from the trim, outside any bleed.</summary>
    public const double CropMarkLength = 5 * PointsPerMillimetre;

    public const double CropMarkGap = 3 * PointsPerMillimetre;

    public static PageGeometry From(TypesettingSettings settings)
    {
        var bleed = settings.BleedMm * PointsPerMillimetre;
        return new(
            settings.PageWidthMm * PointsPerMillimetre,
            settings.PageHeightMm * PointsPerMillimetre,
            settings.MarginInnerMm * PointsPerMillimetre,
            settings.MarginOuterMm * PointsPerMillimetre,
            settings.MarginTopMm * PointsPerMillimetre,
            settings.MarginBottomMm * PointsPerMillimetre,
            bleed,
            settings.CropMarks ? Math.Max(bleed, CropMarkGap) + CropMarkLength - bleed : 0);
    }

    public double TextWidth => Width - Inner - Outer;

    public double TextHeight => Height - Top - Bottom;

    public double Offset => Bleed + MarkArea;

    public double MediaWidth => Width + 2 * Offset;

    public double MediaHeight => Height + 2 * Offset;

    public double TextLeft(int pageNumber) => pageNumber % 2 == 1 ? Inner : Outer;
}
