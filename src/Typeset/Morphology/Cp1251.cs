namespace Typeset.Morphology;

/// <summary>
/// az stores the DAWG keys in Windows-1251, one byte a letter (pymorphy2 itself uses UTF-8). Characters outside the code
/// page cannot occur in a key, so a word containing one is simply not in the dictionary.
/// </summary>
internal static class Cp1251
{
    private static readonly char[] ToCharTable = BuildToChar();

    /// <summary>Bytes of the other characters, indexed by character (the highest is ™, U+2122): a plain array, nothing to set up.</summary>
    private static readonly byte[] FromChar = BuildFromChar();

    public const byte Yo = 0xB8;
    public const byte Ye = 0xE5;

    /// <summary>The byte for <paramref name="c"/>, or 0 when the code page has none (0 never occurs in a key).</summary>
    public static byte ToByte(char c)
    {
        if (c is >= '\u0001' and < '\u0080')
        {
            return (byte)c;
        }

        if (c is >= 'А' and <= 'я')
        {
            return (byte)(c - 0x350);
        }

        return c < FromChar.Length ? FromChar[c] : (byte)0;
    }

    public static char ToChar(byte b) => ToCharTable[b];

    /// <summary>Lower-cases <paramref name="word"/> into <paramref name="bytes"/>; false if a character has no byte.</summary>
    public static bool TryEncodeLower(ReadOnlySpan<char> word, Span<byte> bytes)
    {
        for (var i = 0; i < word.Length; i++)
        {
            var b = ToByte(ToLower(word[i]));
            if (b == 0)
            {
                return false;
            }

            bytes[i] = b;
        }

        return true;
    }

    /// <summary>Lower case without the globalization library for the letters Russian words are made of (it costs 100× there).</summary>
    private static char ToLower(char c) => c switch
    {
        >= 'а' and <= 'я' or 'ё' => c,
        >= 'А' and <= 'Я' => (char)(c + 0x20),
        'Ё' => 'ё',
        >= 'A' and <= 'Z' => (char)(c + 0x20),
        < '\u0080' => c,
        _ => char.ToLowerInvariant(c),
    };

    public static byte[] Encode(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = ToByte(text[i]);
            if (bytes[i] == 0)
            {
                throw new ArgumentException($"\"{text}\" has a character outside Windows-1251", nameof(text));
            }
        }

        return bytes;
    }

    public static string Decode(ReadOnlySpan<byte> bytes) => string.Create(bytes.Length, bytes, static (chars, source) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = ToCharTable[source[i]];
        }
    });

    /// <summary>Windows-1251 from 0x80 to 0xBF (0x98 is unassigned); 0xC0–0xFF are А–я in order.</summary>
    private const string UpperHalf =
        "\u0402\u0403\u201A\u0453\u201E\u2026\u2020\u2021\u20AC\u2030\u0409\u2039\u040A\u040C\u040B\u040F" +
        "\u0452\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u0000\u2122\u0459\u203A\u045A\u045C\u045B\u045F" +
        "\u00A0\u040E\u045E\u0408\u00A4\u0490\u00A6\u00A7\u0401\u00A9\u0404\u00AB\u00AC\u00AD\u00AE\u0407" +
        "\u00B0\u00B1\u0406\u0456\u0491\u00B5\u00B6\u00B7\u0451\u2116\u0454\u00BB\u0458\u0405\u0455\u0457";

    private static byte[] BuildFromChar()
    {
        var table = new byte[UpperHalf.Max() + 1];
        for (var b = 0; b < UpperHalf.Length; b++)
        {
            if (UpperHalf[b] != '\0')
            {
                table[UpperHalf[b]] = (byte)(0x80 + b);
            }
        }

        return table;
    }

    private static char[] BuildToChar()
    {
        var table = new char[256];
        for (var b = 1; b < 0x80; b++)
        {
            table[b] = (char)b;
        }

        UpperHalf.CopyTo(table.AsSpan(0x80));
        for (var b = 0xC0; b < 0x100; b++)
        {
            table[b] = (char)(b + 0x350);
        }

        return table;
    }
}
