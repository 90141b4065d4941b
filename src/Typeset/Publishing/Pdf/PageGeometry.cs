using Typeset.Configuration;

namespace Typeset.Publishing.Pdf;

/// <summary>Page and text block in PDF points; margins mirror, so odd (recto) pages have the inner margin on the left.</summary>
internal sealed record PageGeometry(double Width, double Height, double Inner, double Outer, double Top, double Bottom)
{
    private const double PointsPerMillimetre = 72 / 25.4;

    public static PageGeometry From(TypesettingSettings settings) => new(
        settings.PageWidthMm * PointsPerMillimetre,
        settings.PageHeightMm * PointsPerMillimetre,
        settings.MarginInnerMm * PointsPerMillimetre,
        settings.MarginOuterMm * PointsPerMillimetre,
        settings.MarginTopMm * PointsPerMillimetre,
        settings.MarginBottomMm * PointsPerMillimetre);

    public double TextWidth => Width - Inner - Outer;

    public double TextHeight => Height - Top - Bottom;

    public double TextLeft(int pageNumber) => pageNumber % 2 == 1 ? Inner : Outer;
}
