using System.Collections.Frozen;
using System.Text;

namespace Typeset.Morphology;

/// <summary>
/// az stores the DAWG keys in Windows-1251, one byte a letter (pymorphy2 itself uses UTF-8). Characters outside the code
/// page cannot occur in a key, so a word containing one is simply not in the dictionary.
/// </summary>
internal static class Cp1251
{
    private static readonly char[] ToCharTable = BuildToChar();

    private static readonly FrozenDictionary<char, byte> FromOtherChars = Enumerable.Range(0x80, 0x80)
        .Where(b => ToCharTable[b] != '\0' && !IsCyrillicLetter(ToCharTable[b]))
        .ToFrozenDictionary(b => ToCharTable[b], b => (byte)b);

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

        return c switch
        {
            'ё' => Yo,
            'Ё' => 0xA8,
            _ => FromOtherChars.GetValueOrDefault(c),
        };
    }

    public static char ToChar(byte b) => ToCharTable[b];

    /// <summary>Lower-cases <paramref name="word"/> into <paramref name="bytes"/>; false if a character has no byte.</summary>
    public static bool TryEncodeLower(ReadOnlySpan<char> word, Span<byte> bytes)
    {
        for (var i = 0; i < word.Length; i++)
        {
            var b = ToByte(char.ToLowerInvariant(word[i]));
            if (b == 0)
            {
                return false;
            }

            bytes[i] = b;
        }

        return true;
    }

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

    private static bool IsCyrillicLetter(char c) => c is >= 'А' and <= 'я';

    private static char[] BuildToChar()
    {
        // The code page's table from the runtime's own provider (in the shared framework), not typed in by hand.
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(1251, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\0"))
            ?? throw new InvalidOperationException("Windows-1251 is not available in this runtime");
        var table = new char[256];
        Span<byte> one = stackalloc byte[1];
        Span<char> decoded = stackalloc char[2];
        for (var b = 1; b < 256; b++)
        {
            one[0] = (byte)b;
            table[b] = encoding.GetChars(one, decoded) == 1 ? decoded[0] : '\0';
        }

        return table;
    }
}
