using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Typeset.Interop.Hunspell;

/// <summary>
/// A thin, thread-safe wrapper of one libhunspell dictionary. libhunspell is not thread-safe, so calls are serialised;
/// results are cached because the same words recur throughout a book (spell is cheap, suggest is 20–110 ms).
/// </summary>
public sealed class HunspellDictionary : IDisposable
{
    public const string DefaultFolder = "/usr/share/hunspell";

    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, bool> spellCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> suggestCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> added = new(StringComparer.Ordinal);
    private IntPtr handle;

    private HunspellDictionary(IntPtr handle, string name)
    {
        this.handle = handle;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Opens <c>NAME.aff</c>/<c>NAME.dic</c> from <paramref name="folder"/> (Debian: hunspell-ru gives ru_RU).</summary>
    public static HunspellDictionary Open(string name = "ru_RU", string folder = DefaultFolder)
    {
        var aff = Path.Combine(folder, name + ".aff");
        var dic = Path.Combine(folder, name + ".dic");
        if (!File.Exists(aff) || !File.Exists(dic))
        {
            throw new FileNotFoundException($"Hunspell dictionary {name} not found in {folder} (install hunspell-ru)", dic);
        }

        IntPtr handle;
        try
        {
            handle = HunspellNative.Hunspell_create(aff, dic);
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException($"{HunspellNative.Library} not found (install libhunspell-1.7-0): {e.Message}", e);
        }

        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException($"libhunspell could not load {dic}");
        }

        var dictionary = new HunspellDictionary(handle, name);
        var encoding = dictionary.Encoding;
        if (!encoding.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            dictionary.Dispose();
            throw new InvalidOperationException($"{aff} declares SET {encoding}; only UTF-8 dictionaries are supported");
        }

        return dictionary;
    }

    public string Encoding
    {
        get
        {
            lock (gate)
            {
                return Marshal.PtrToStringUTF8(HunspellNative.Hunspell_get_dic_encoding(Handle)) ?? string.Empty;
            }
        }
    }

    private IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(HunspellDictionary));

    public bool Spell(string word) => spellCache.GetOrAdd(word, w =>
    {
        lock (gate)
        {
            return HunspellNative.Hunspell_spell(Handle, w) != 0;
        }
    });

    public IReadOnlyList<string> Suggest(string word) => suggestCache.GetOrAdd(word, w =>
    {
        lock (gate)
        {
            var count = HunspellNative.Hunspell_suggest(Handle, out var list, w);
            return TakeList(list, count);
        }
    });

    public IReadOnlyList<string> Stem(string word)
    {
        lock (gate)
        {
            var count = HunspellNative.Hunspell_stem(Handle, out var list, word);
            return TakeList(list, count);
        }
    }

    /// <summary>Adds a word for this session (the project's user words and names).</summary>
    public void Add(string word)
    {
        lock (gate)
        {
            HunspellNative.Hunspell_add(Handle, word);
            spellCache.TryRemove(word, out _);
            added.TryAdd(word, 0);
        }
    }

    /// <summary>A word <see cref="Add"/> added this session, as added or capitalised (as Hunspell accepts it).</summary>
    public bool IsAdded(string word) =>
        added.ContainsKey(word) || (word.Length > 0 && char.IsUpper(word[0]) && added.ContainsKey(char.ToLowerInvariant(word[0]) + word[1..]));

    public void Dispose()
    {
        lock (gate)
        {
            if (handle != IntPtr.Zero)
            {
                HunspellNative.Hunspell_destroy(handle);
                handle = IntPtr.Zero;
            }
        }
    }

    private string[] TakeList(IntPtr list, int count)
    {
        if (count <= 0 || list == IntPtr.Zero)
        {
            return [];
        }

        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(list, i * IntPtr.Size)) ?? string.Empty;
        }

        HunspellNative.Hunspell_free_list(handle, ref list, count);
        return words;
    }
}
