using System.Runtime.InteropServices;

namespace Typeset.Interop.Tesseract;

/// <summary>The part of libtesseract's C API (capi.h, Debian libtesseract5) that the OCR stage uses. Strings are UTF-8.</summary>
internal static partial class TesseractNative
{
    public const string Library = "libtesseract.so.5";

    public const int PageSegModeAuto = 3;

    public const int PageSegModeOrientationOnly = 0;

    [LibraryImport(Library)]
    public static partial IntPtr TessVersion();

    [LibraryImport(Library)]
    public static partial IntPtr TessBaseAPICreate();

    [LibraryImport(Library)]
    public static partial void TessBaseAPIDelete(IntPtr api);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPIInit3(IntPtr api, string dataPath, string language);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool TessBaseAPISetVariable(IntPtr api, string name, string value);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetPageSegMode(IntPtr api, int mode);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetImage(IntPtr api, IntPtr imageData, int width, int height, int bytesPerPixel, int bytesPerLine);

    /// <summary>Sets a leptonica PIX as the image (Tesseract keeps its own reference until Clear); the PIX's resolution travels with it.</summary>
    [LibraryImport(Library)]
    public static partial void TessBaseAPISetImage2(IntPtr api, IntPtr pix);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetSourceResolution(IntPtr api, int ppi);

    [LibraryImport(Library)]
    public static partial int TessBaseAPIRecognize(IntPtr api, IntPtr monitor);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIClear(IntPtr api);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool TessBaseAPIDetectOrientationScript(
        IntPtr api, out int orientationDegrees, out float orientationConfidence, out IntPtr scriptName, out float scriptConfidence);

    [LibraryImport(Library)]
    public static partial IntPtr TessBaseAPIGetIterator(IntPtr api);

    [LibraryImport(Library)]
    public static partial void TessResultIteratorDelete(IntPtr iterator);

    [LibraryImport(Library)]
    public static partial IntPtr TessResultIteratorCopy(IntPtr iterator);

    [LibraryImport(Library)]
    public static partial IntPtr TessResultIteratorGetPageIterator(IntPtr iterator);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool TessResultIteratorNext(IntPtr iterator, PageLevel level);

    [LibraryImport(Library)]
    public static partial IntPtr TessResultIteratorGetUTF8Text(IntPtr iterator, PageLevel level);

    [LibraryImport(Library)]
    public static partial float TessResultIteratorConfidence(IntPtr iterator, PageLevel level);

    [LibraryImport(Library)]
    public static partial IntPtr TessResultIteratorWordFontAttributes(
        IntPtr iterator, out int isBold, out int isItalic, out int isUnderlined, out int isMonospace, out int isSerif,
        out int isSmallCaps, out int pointSize, out int fontId);

    [LibraryImport(Library)]
    public static partial void TessDeleteText(IntPtr text);

    /// <summary>The recogniser's choices for the symbol the iterator is at (with lstm_choice_mode 2, the LSTM's alternatives).</summary>
    [LibraryImport(Library)]
    public static partial IntPtr TessResultIteratorGetChoiceIterator(IntPtr iterator);

    [LibraryImport(Library)]
    public static partial void TessChoiceIteratorDelete(IntPtr choices);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool TessChoiceIteratorNext(IntPtr choices);

    /// <summary>The choice's text; owned by the iterator (not to be freed).</summary>
    [LibraryImport(Library)]
    public static partial IntPtr TessChoiceIteratorGetUTF8Text(IntPtr choices);

    [LibraryImport(Library)]
    public static partial float TessChoiceIteratorConfidence(IntPtr choices);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool TessPageIteratorIsAtBeginningOf(IntPtr iterator, PageLevel level);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool TessPageIteratorIsAtFinalElement(IntPtr iterator, PageLevel level, PageLevel element);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool TessPageIteratorBoundingBox(IntPtr iterator, PageLevel level, out int left, out int top, out int right, out int bottom);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool TessPageIteratorBaseline(IntPtr iterator, PageLevel level, out int x1, out int y1, out int x2, out int y2);

    [LibraryImport(Library)]
    public static partial int TessPageIteratorBlockType(IntPtr iterator);
}

/// <summary>TessPageIteratorLevel.</summary>
internal enum PageLevel
{
    Block = 0,
    Paragraph = 1,
    TextLine = 2,
    Word = 3,
    Symbol = 4,
}

/// <summary>libc's setenv: OpenMP reads OMP_THREAD_LIMIT from the native environment, which .NET's SetEnvironmentVariable does not touch.</summary>
internal static partial class LibC
{
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr getenv(string name);
}
