using System.Runtime.InteropServices;

namespace Typeset.Interop.Hunspell;

/// <summary>libhunspell's C API (Debian libhunspell-1.7-0). Strings are UTF-8: the dictionaries we load declare SET UTF-8.</summary>
internal static partial class HunspellNative
{
    public const string Library = "libhunspell-1.7.so.0";

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr Hunspell_create(string affPath, string dicPath);

    [LibraryImport(Library)]
    public static partial void Hunspell_destroy(IntPtr handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Hunspell_spell(IntPtr handle, string word);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Hunspell_suggest(IntPtr handle, out IntPtr list, string word);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Hunspell_stem(IntPtr handle, out IntPtr list, string word);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Hunspell_add(IntPtr handle, string word);

    [LibraryImport(Library)]
    public static partial IntPtr Hunspell_get_dic_encoding(IntPtr handle);

    [LibraryImport(Library)]
    public static partial void Hunspell_free_list(IntPtr handle, ref IntPtr list, int count);
}
