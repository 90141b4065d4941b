using System.Runtime.InteropServices;

namespace Typeset.Interop.Leptonica;

/// <summary>
/// Leptonica's dewarping of one page (the steps of its <c>dewarpSinglePage</c>, without its debug folder): the page
/// thresholded with background normalisation, a model of its text lines' curvature built (vertical disparity, and
/// horizontal where the line ends allow; a page of two columns gets vertical only), and the model applied to the page
/// itself. Null when leptonica could not build a valid model: too few long lines, or curvature beyond its limits.
/// </summary>
public static class PageDewarp
{
    /// <summary>
    /// What leptonica's page model says (its L_Dewarp fields): the text lines it fitted, the least and greatest
    /// curvature among them in its micro-units (a line's quadratic coefficient × 10⁶, in the page's pixels), and
    /// whether a horizontal model was built too.
    /// </summary>
    public sealed record Model(int Lines, int MinCurvature, int MaxCurvature, bool Horizontal)
    {
        /// <summary>The most curved line's sag in pixels over a line <paramref name="length"/> pixels long.</summary>
        public double Sag(int length) => Math.Max(Math.Abs(MinCurvature), Math.Abs(MaxCurvature)) * 1e-6 * (length / 2.0) * (length / 2.0);
    }

    // Offsets in leptonica 1.82's struct L_Dewarp (dewarp.h): ten pointers, then its l_int32 fields in order.
    private const int NlinesOffset = 10 * 8 + 6 * 4;
    private const int MincurvOffset = NlinesOffset + 4;
    private const int MaxcurvOffset = NlinesOffset + 8;
    private const int WidthOffset = 10 * 8;
    private const int VsuccessOffset = NlinesOffset + 11 * 4;
    private const int HsuccessOffset = NlinesOffset + 12 * 4;

    /// <summary>The dewarped 8-bit page, pixels brought in from beyond the edges white; null without a valid model.</summary>
    public static Pix? Apply(Pix grey) => Apply(grey, out _);

    /// <summary>The dewarped 8-bit page and the model it came from (null when none was built); null without a valid model.</summary>
    public static Pix? Apply(Pix grey, out Model? model)
    {
        ArgumentNullException.ThrowIfNull(grey);
        if (grey.Depth != 8)
        {
            throw new ArgumentException("dewarping takes an 8-bit grey page", nameof(grey));
        }

        model = null;
        NativeMessages.Route();
        var dewarpa = LeptonicaNative.dewarpaCreate(1, 0, 1, 0, -1);
        if (dewarpa == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            LeptonicaNative.dewarpaUseBothArrays(dewarpa, 1);
            LeptonicaNative.dewarpaSetCheckColumns(dewarpa, 1);
            using var binary = Pix.Own(LeptonicaNative.pixAdaptThresholdToBinary(grey.Handle, IntPtr.Zero, 1.0f));
            if (binary is null)
            {
                return null;
            }

            var dewarp = LeptonicaNative.dewarpCreate(binary.Handle, 0);
            if (dewarp == IntPtr.Zero || LeptonicaNative.dewarpaInsertDewarp(dewarpa, dewarp) != 0)
            {
                return null;
            }

            LeptonicaNative.dewarpBuildPageModel(dewarp, IntPtr.Zero);
            if (LeptonicaNative.dewarpaModelStatus(dewarpa, 0, out var vertical, out var horizontal) != 0 || vertical == 0)
            {
                return null;
            }

            model = new Model(Marshal.ReadInt32(dewarp, NlinesOffset), Marshal.ReadInt32(dewarp, MincurvOffset), Marshal.ReadInt32(dewarp, MaxcurvOffset), horizontal != 0);
            if (Marshal.ReadInt32(dewarp, WidthOffset) != grey.Width || Marshal.ReadInt32(dewarp, VsuccessOffset) != 1 || Marshal.ReadInt32(dewarp, HsuccessOffset) != horizontal)
            {
                // The struct is not laid out as in the leptonica this was written for: its fields cannot be trusted.
                model = null;
                return null;
            }

            var status = LeptonicaNative.dewarpaApplyDisparity(dewarpa, 0, grey.Handle, 255, 0, 0, out var dewarped, IntPtr.Zero);
            var result = Pix.Own(dewarped);
            if (status != 0 || result is null || result.Depth != 8)
            {
                result?.Dispose();
                return null;
            }

            return result;
        }
        finally
        {
            LeptonicaNative.dewarpaDestroy(ref dewarpa);
        }
    }
}
