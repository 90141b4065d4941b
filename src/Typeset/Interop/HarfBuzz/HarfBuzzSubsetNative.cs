using System.Runtime.InteropServices;

namespace Typeset.Interop.HarfBuzz;

/// <summary>
/// HarfBuzz's subsetter (hb-subset) as exported by the native library HarfBuzzSharp ships (libHarfBuzzSharp, which the
/// managed HarfBuzzSharp package does not wrap): blobs, faces, sets and the subset input.
/// </summary>
internal static partial class HarfBuzzSubsetNative
{
    public const string Library = "libHarfBuzzSharp";

    /// <summary>hb_memory_mode_t: HarfBuzz makes its own copy of the bytes.</summary>
    public const int MemoryModeDuplicate = 0;

    /// <summary>hb_subset_flags_t: keep every glyph id (removed glyphs become empty), so content streams stay valid.</summary>
    public const uint FlagRetainGids = 0x02;

    /// <summary>hb_subset_flags_t: drop TrueType hinting (instructions, fpgm, prep, cvt): a printer's RIP does not use it.</summary>
    public const uint FlagNoHinting = 0x01;

    /// <summary>hb_subset_flags_t: do not add glyphs reachable through GSUB: the PDF draws the glyphs it names, nothing else.</summary>
    public const uint FlagNoLayoutClosure = 0x200;

    /// <summary>hb_subset_sets_t: tables to drop.</summary>
    public const int SetDropTableTag = 3;

    [LibraryImport(Library)]
    public static unsafe partial IntPtr hb_blob_create(byte* data, uint length, int mode, IntPtr userData, IntPtr destroy);

    [LibraryImport(Library)]
    public static partial void hb_blob_destroy(IntPtr blob);

    [LibraryImport(Library)]
    public static unsafe partial byte* hb_blob_get_data(IntPtr blob, out uint length);

    [LibraryImport(Library)]
    public static partial IntPtr hb_face_create(IntPtr blob, uint index);

    [LibraryImport(Library)]
    public static partial void hb_face_destroy(IntPtr face);

    [LibraryImport(Library)]
    public static partial uint hb_face_get_glyph_count(IntPtr face);

    [LibraryImport(Library)]
    public static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(Library)]
    public static partial void hb_set_add(IntPtr set, uint codepoint);

    [LibraryImport(Library)]
    public static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(Library)]
    public static partial void hb_subset_input_destroy(IntPtr input);

    [LibraryImport(Library)]
    public static partial IntPtr hb_subset_input_glyph_set(IntPtr input);

    [LibraryImport(Library)]
    public static partial IntPtr hb_subset_input_set(IntPtr input, int setType);

    [LibraryImport(Library)]
    public static partial void hb_subset_input_set_flags(IntPtr input, uint flags);

    [LibraryImport(Library)]
    public static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);
}
