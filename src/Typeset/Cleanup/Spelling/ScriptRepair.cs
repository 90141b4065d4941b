namespace Typeset.Cleanup.Spelling;

/// <summary>
/// Latin and Cyrillic letters that print alike (a/а, C/С, X/Х …). OCR mixes them inside one word, and reads Roman
/// numerals as Cyrillic (ХХ, and Tesseract's ХУП for XVII).
/// </summary>
public static class ScriptRepair
{
    private static readonly Dictionary<char, char> LatinToCyrillic = new()
    {
        ['a'] = 'а', ['c'] = 'с', ['e'] = 'е', ['o'] = 'о', ['p'] = 'р', ['x'] = 'х', ['y'] = 'у', ['k'] = 'к', ['m'] = 'м',
        ['A'] = 'А', ['B'] = 'В', ['C'] = 'С', ['E'] = 'Е', ['H'] = 'Н', ['K'] = 'К', ['M'] = 'М', ['O'] = 'О', ['P'] = 'Р',
        ['T'] = 'Т', ['X'] = 'Х', ['Y'] = 'У',
    };

    private static readonly Dictionary<char, char> CyrillicToLatin = LatinToCyrillic
        .GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.First().Key);

    /// <summary>Cyrillic look-alikes of Roman numeral letters, with Tesseract's readings of V (У) and II (П).</summary>
    private static readonly Dictionary<char, string> RomanLookAlikes = new()
    {
        ['Х'] = "X", ['І'] = "I", ['С'] = "C", ['М'] = "M", ['У'] = "V", ['П'] = "II", ['Л'] = "L", ['Д'] = "D",
        ['X'] = "X", ['I'] = "I", ['V'] = "V", ['L'] = "L", ['C'] = "C", ['D'] = "D", ['M'] = "M",
    };

    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    public static bool IsLatin(char c) => char.IsAsciiLetter(c);

    public static bool IsMixed(string word) => word.Any(IsCyrillic) && word.Any(IsLatin);

    /// <summary>The word with every Latin look-alike made Cyrillic; null if some Latin letter has no Cyrillic twin.</summary>
    public static string? ToCyrillic(string word) => Map(word, IsLatin, LatinToCyrillic);

    /// <summary>The word with every Cyrillic look-alike made Latin; null if some Cyrillic letter has no Latin twin.</summary>
    public static string? ToLatin(string word) => Map(word, IsCyrillic, CyrillicToLatin);

    /// <summary>A Cyrillic reading of a Roman numeral (ХХ, ХУП) as the numeral (XX, XVII); null when it is not one.</summary>
    public static string? RomanNumeral(string word)
    {
        if (word.Length == 0 || !word.Any(IsCyrillic))
        {
            return null;
        }

        var builder = new System.Text.StringBuilder();
        foreach (var c in word)
        {
            if (!RomanLookAlikes.TryGetValue(c, out var latin))
            {
                return null;
            }

            builder.Append(latin);
        }

        var numeral = builder.ToString();
        return IsValidRoman(numeral) ? numeral : null;
    }

    public static bool IsValidRoman(string numeral) =>
        numeral.Length > 0 && System.Text.RegularExpressions.Regex.IsMatch(numeral, "^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$");

    private static string? Map(string word, Func<char, bool> foreign, Dictionary<char, char> twins)
    {
        var chars = word.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (foreign(chars[i]))
            {
                if (!twins.TryGetValue(chars[i], out var twin))
                {
                    return null;
                }

                chars[i] = twin;
            }
        }

        return new string(chars);
    }
}
