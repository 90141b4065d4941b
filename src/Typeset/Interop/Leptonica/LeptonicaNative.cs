using System.Runtime.InteropServices;

namespace Typeset.Interop.Leptonica;

/// <summary>The part of leptonica's C API (Debian liblept5, loaded with libtesseract) that the OCR stage uses.</summary>
internal static unsafe partial class LeptonicaNative
{
    public const string Library = "liblept.so.5";

    /// <summary>Reads page <paramref name="index"/> (0-based) of a TIFF file.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr pixReadTiff(string path, int index);

    [LibraryImport(Library)]
    public static partial IntPtr pixCreate(int width, int height, int depth);

    [LibraryImport(Library)]
    public static partial IntPtr pixConvertTo8(IntPtr pix, int colormapFlag);

    [LibraryImport(Library)]
    public static partial IntPtr pixConvertRGBToLuminance(IntPtr pix);

    [LibraryImport(Library)]
    public static partial void pixDestroy(ref IntPtr pix);

    [LibraryImport(Library)]
    public static partial int pixGetWidth(IntPtr pix);

    [LibraryImport(Library)]
    public static partial int pixGetHeight(IntPtr pix);

    [LibraryImport(Library)]
    public static partial int pixGetDepth(IntPtr pix);

    [LibraryImport(Library)]
    public static partial int pixGetSpp(IntPtr pix);

    [LibraryImport(Library)]
    public static partial int pixGetWpl(IntPtr pix);

    [LibraryImport(Library)]
    public static partial int pixGetXRes(IntPtr pix);

    [LibraryImport(Library)]
    public static partial int pixSetResolution(IntPtr pix, int xres, int yres);

    [LibraryImport(Library)]
    public static partial IntPtr pixGetData(IntPtr pix);

    /// <summary>
    /// Leptonica's single-page dewarping: builds a model of the text lines' curvature (vertical disparity, and horizontal
    /// when the line ends allow) and applies it. <paramref name="pixs"/> is 1, 8 or 32 bpp; returns 0 on success.
    /// </summary>
    [LibraryImport(Library)]
    public static partial int dewarpSinglePage(IntPtr pixs, int thresh, int adaptive, int useboth, int checkColumns, out IntPtr pixd, out IntPtr dewarpa, int debug);

    [LibraryImport(Library)]
    public static partial void dewarpaDestroy(ref IntPtr dewarpa);

    /// <summary>A dewarpa (a book's set of page models); 0 for <paramref name="sampling"/>, <paramref name="minlines"/> and -1 for <paramref name="maxdist"/> take leptonica's defaults.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr dewarpaCreate(int nptrs, int sampling, int redfactor, int minlines, int maxdist);

    [LibraryImport(Library)]
    public static partial int dewarpaUseBothArrays(IntPtr dewarpa, int useboth);

    [LibraryImport(Library)]
    public static partial int dewarpaSetCheckColumns(IntPtr dewarpa, int checkColumns);

    /// <summary>A page model for the 1-bit <paramref name="pixs"/> (cloned); owned by the dewarpa once inserted.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr dewarpCreate(IntPtr pixs, int pageno);

    [LibraryImport(Library)]
    public static partial int dewarpaInsertDewarp(IntPtr dewarpa, IntPtr dewarp);

    /// <summary>Fits the text lines' curvature; null <paramref name="debugfile"/> writes nothing.</summary>
    [LibraryImport(Library)]
    public static partial int dewarpBuildPageModel(IntPtr dewarp, IntPtr debugfile);

    /// <summary>Applies page <paramref name="pageno"/>'s model to <paramref name="pixs"/> (any depth), pixels from outside filled with <paramref name="grayin"/>; 0 on success.</summary>
    [LibraryImport(Library)]
    public static partial int dewarpaApplyDisparity(IntPtr dewarpa, int pageno, IntPtr pixs, int grayin, int x, int y, out IntPtr pixd, IntPtr debugfile);

    /// <summary>Background-normalised (then global) thresholding of an 8-bit image to 1 bit.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr pixAdaptThresholdToBinary(IntPtr pixs, IntPtr pixm, float gamma);

    /// <summary>Whether the vertical (and horizontal) disparity model of page <paramref name="pageno"/> was built; returns 0 on success.</summary>
    [LibraryImport(Library)]
    public static partial int dewarpaModelStatus(IntPtr dewarpa, int pageno, out int vsuccess, out int hsuccess);

    /// <summary>Routes every message leptonica would print to stderr through <paramref name="handler"/> (null restores stderr).</summary>
    [LibraryImport(Library)]
    public static partial void leptSetStderrHandler(delegate* unmanaged[Cdecl]<byte*, void> handler);
}
