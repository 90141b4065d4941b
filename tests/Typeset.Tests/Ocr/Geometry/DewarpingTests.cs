using SkiaSharp;
using Typeset.Interop.Leptonica;
using Typeset.Ocr;
using Typeset.Ocr.Geometry;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr.Geometry;

/// <summary>Curved lines measured and straightened with leptonica's dewarping; flat and skewed pages left alone.</summary>
public class DewarpingTests
{
    private static readonly string[] Lines = [.. Enumerable.Range(1, 32).Select(i => $"{i}. " + SyntheticScan.Pangram + " " + SyntheticScan.Pangram[..(20 + i % 7)])];

    private static GreyImage Flat(float rotate = 0) => SyntheticScan.Grey(SyntheticScan.Render(Lines, width: 1700, height: 2000, sizePx: 26, rotateDegrees: rotate));

    /// <summary>
    /// The page bent as a book's page bends towards its spine on the left: every line sinks and the lines above and
    /// below the middle splay apart, by up to <paramref name="sink"/> and <paramref name="splay"/> of the page's height
    /// at the spine, with the square of the distance from the outer edge (as bench/ocr/make-curved.sh bends real pages).
    /// </summary>
    private static GreyImage Bent(GreyImage flat, double sink = 0.05, double splay = 0.02)
    {
        var (width, height) = (flat.Width, flat.Height);
        var pixels = new byte[width * height];
        for (var x = 0; x < width; x++)
        {
            var near = Math.Pow(1 - x / (double)width, 2);
            for (var y = 0; y < height; y++)
            {
                var source = y - near * (sink * height + splay * height * (y - height / 2.0) / (height / 2.0));
                var y0 = (int)Math.Floor(source);
                var f = source - y0;
                byte At(int row) => row >= 0 && row < height ? flat[x, row] : (byte)255;
                pixels[y * width + x] = (byte)(At(y0) * (1 - f) + At(y0 + 1) * f + 0.5);
            }
        }

        return new GreyImage(width, height, pixels, flat.Dpi);
    }

    [Fact]
    public void Parallel_lines_measure_no_bend_level_or_skewed()
    {
        var level = LineBend.Measure(Flat())!.Value;
        var skewed = LineBend.Measure(Flat(rotate: 3))!.Value;

        Assert.True(level.Degrees < Dewarping.MinBend, $"{level.Degrees}: {level.Cells}");
        // Each cell's angle is known to a few tenths of a degree: a skewed page may reach the gate, and leptonica decides.
        Assert.True(skewed.Degrees < 1, $"{skewed.Degrees}: {skewed.Cells}");
    }

    [Fact]
    public void A_skewed_flat_page_is_not_dewarped()
    {
        var (_, dewarped, reason) = Dewarping.Apply(Flat(rotate: 3));

        Assert.False(dewarped, reason);
    }

    [Fact]
    public void Lines_bent_towards_a_spine_measure_a_bend()
    {
        var bend = LineBend.Measure(Bent(Flat()));

        Assert.NotNull(bend);
        Assert.True(bend.Value.Degrees >= 2 * Dewarping.MinBend, $"bend {bend.Value.Degrees}: {bend.Value.Cells}");
    }

    [Fact]
    public void A_page_without_text_has_no_bend() =>
        Assert.Null(LineBend.Measure(new GreyImage(800, 1000, Enumerable.Repeat((byte)235, 800 * 1000).ToArray(), 300)));

    [Fact]
    public void A_bent_page_is_dewarped_and_its_lines_come_out_straighter()
    {
        var bent = Bent(Flat());
        var before = LineBend.Measure(bent)!.Value.Degrees;

        var (image, dewarped, reason) = Dewarping.Apply(bent);

        Assert.True(dewarped, reason);
        Assert.Contains("leptonica's model", reason);
        Assert.Equal((bent.Width, bent.Height), (image.Width, image.Height));
        var after = LineBend.Measure(image)!.Value.Degrees;
        Assert.True(after <= before / 2, $"bend {before}° before, {after}° after");
    }

    [Fact]
    public void A_flat_page_is_left_as_it_is_and_nothing_is_logged()
    {
        var flat = Flat();

        var (image, dewarped, reason) = Dewarping.Apply(flat);

        Assert.False(dewarped);
        Assert.Null(reason);
        Assert.Same(flat, image);
    }

    [Fact]
    public void Leptonicas_model_of_a_bent_page_has_its_lines_and_curvature()
    {
        var bent = Bent(Flat());
        using var pix = Pix.FromGrey(bent.Pixels, bent.Width, bent.Height, bent.Dpi);

        using var dewarped = PageDewarp.Apply(pix, out var model);

        Assert.NotNull(dewarped);
        Assert.NotNull(model);
        Assert.InRange(model.Lines, 20, 40);
        Assert.True(model.Sag(bent.Width) > bent.Width / 100.0, $"curvature {model.MinCurvature} to {model.MaxCurvature}");
        Assert.Equal(8, dewarped.Depth);
    }

    [Fact]
    public void Leptonica_finds_no_curve_worth_straightening_on_a_flat_page()
    {
        var flat = Flat();
        using var pix = Pix.FromGrey(flat.Pixels, flat.Width, flat.Height, flat.Dpi);

        using var dewarped = PageDewarp.Apply(pix, out var model);

        Assert.True(model is null || model.Sag(flat.Width) < flat.Width / 200.0, $"curvature {model?.MinCurvature} to {model?.MaxCurvature}");
    }

    [Fact]
    public void Dewarping_takes_a_grey_page_only()
    {
        using var bits = Pix.FromWhiteBits(new byte[4 * 10], 30, 10, 4, 300);

        Assert.Throws<ArgumentException>(() => PageDewarp.Apply(bits));
    }

    [Fact]
    public void A_curved_capture_is_dewarped_in_the_page_geometry_and_the_step_logged()
    {
        var pages = CaptureGeometry.Pages(Bent(Flat()));

        var page = Assert.Single(pages);
        Assert.True(page.Resampled);
        var step = Assert.Single(page.Steps, s => s.Step == Dewarping.Step);
        Assert.Contains("bent", step.Detail);
    }
}
