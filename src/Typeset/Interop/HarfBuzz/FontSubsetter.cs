namespace Typeset.Interop.HarfBuzz;

/// <summary>
/// Cuts a TrueType/OpenType font file down to the glyphs a document uses, with HarfBuzz's subsetter. Glyph ids are kept
/// (the removed glyphs become empty), so a PDF that draws glyphs by id through an identity CID-to-glyph map needs no other
/// change. Layout tables (GSUB, GPOS…) and hinting go: a PDF draws positioned glyphs, and a RIP rasterises at press
/// resolution without hints.
/// </summary>
public static class FontSubsetter
{
    private static readonly string[] DroppedTables = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "kerx", "DSIG", "hdmx", "LTSH", "VDMX", "vhea", "vmtx"];

    /// <summary>The subset font file, or null when HarfBuzz cannot read or subset <paramref name="font"/>.</summary>
    /// <param name="glyphs">Glyph ids to keep; glyph 0 (.notdef) is always kept.</param>
    public static unsafe byte[]? Subset(ReadOnlySpan<byte> font, IEnumerable<ushort> glyphs)
    {
        IntPtr blob = IntPtr.Zero, face = IntPtr.Zero, input = IntPtr.Zero, subset = IntPtr.Zero, result = IntPtr.Zero;
        try
        {
            fixed (byte* data = font)
            {
                blob = HarfBuzzSubsetNative.hb_blob_create(data, (uint)font.Length, HarfBuzzSubsetNative.MemoryModeDuplicate, IntPtr.Zero, IntPtr.Zero);
            }

            face = HarfBuzzSubsetNative.hb_face_create(blob, 0);
            if (HarfBuzzSubsetNative.hb_face_get_glyph_count(face) == 0)
            {
                return null;
            }

            input = HarfBuzzSubsetNative.hb_subset_input_create_or_fail();
            if (input == IntPtr.Zero)
            {
                return null;
            }

            var glyphSet = HarfBuzzSubsetNative.hb_subset_input_glyph_set(input);
            HarfBuzzSubsetNative.hb_set_add(glyphSet, 0);
            foreach (var glyph in glyphs)
            {
                HarfBuzzSubsetNative.hb_set_add(glyphSet, glyph);
            }

            var drop = HarfBuzzSubsetNative.hb_subset_input_set(input, HarfBuzzSubsetNative.SetDropTableTag);
            foreach (var table in DroppedTables)
            {
                HarfBuzzSubsetNative.hb_set_add(drop, Tag(table));
            }

            HarfBuzzSubsetNative.hb_subset_input_set_flags(input,
                HarfBuzzSubsetNative.FlagRetainGids | HarfBuzzSubsetNative.FlagNoHinting | HarfBuzzSubsetNative.FlagNoLayoutClosure);
            subset = HarfBuzzSubsetNative.hb_subset_or_fail(face, input);
            if (subset == IntPtr.Zero)
            {
                return null;
            }

            result = HarfBuzzSubsetNative.hb_face_reference_blob(subset);
            var bytes = HarfBuzzSubsetNative.hb_blob_get_data(result, out var length);
            return length == 0 ? null : new ReadOnlySpan<byte>(bytes, (int)length).ToArray();
        }
        finally
        {
            if (result != IntPtr.Zero)
            {
                HarfBuzzSubsetNative.hb_blob_destroy(result);
            }

            if (subset != IntPtr.Zero)
            {
                HarfBuzzSubsetNative.hb_face_destroy(subset);
            }

            if (input != IntPtr.Zero)
            {
                HarfBuzzSubsetNative.hb_subset_input_destroy(input);
            }

            if (face != IntPtr.Zero)
            {
                HarfBuzzSubsetNative.hb_face_destroy(face);
            }

            if (blob != IntPtr.Zero)
            {
                HarfBuzzSubsetNative.hb_blob_destroy(blob);
            }
        }
    }

    private static uint Tag(string tag) => (uint)((tag[0] << 24) | (tag[1] << 16) | (tag[2] << 8) | tag[3]);
}
