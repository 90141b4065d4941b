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

    /// <summary>Routes every message leptonica would print to stderr through <paramref name="handler"/> (null restores stderr).</summary>
    [LibraryImport(Library)]
    public static partial void leptSetStderrHandler(delegate* unmanaged[Cdecl]<byte*, void> handler);
}
