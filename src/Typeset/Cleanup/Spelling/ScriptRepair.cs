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

    /// <summary>
    /// What Tesseract reads Cyrillic letters as when it takes a Russian word for a Latin one (He for не, Tak, ero, TBOH,
    /// 3TOM): each Latin letter or digit with the Cyrillic letters it may stand for, cheapest first. Capital Latin
    /// letters stand for lower-case Cyrillic ones too, since н, в, т, м, к print like small capitals H, B, T, M, K.
    /// </summary>
    private static readonly Dictionary<char, (char Letter, double Cost)[]> LatinReadings = new()
    {
        ['a'] = [('а', 0)], ['b'] = [('ь', 0.2), ('б', 0.5)], ['c'] = [('с', 0)], ['d'] = [('д', 0.5)], ['e'] = [('е', 0)],
        ['é'] = [('е', 0.1)], ['ë'] = [('ё', 0)], ['è'] = [('е', 0.1)], ['g'] = [('д', 0.5), ('б', 0.5)], ['k'] = [('к', 0)],
        ['m'] = [('м', 0), ('т', 0.4)], ['n'] = [('п', 0.3), ('н', 0.4), ('л', 0.5)], ['o'] = [('о', 0)], ['p'] = [('р', 0)],
        ['r'] = [('г', 0.2), ('т', 0.5)], ['s'] = [('э', 0.5)], ['t'] = [('т', 0.2)], ['u'] = [('и', 0.3)], ['x'] = [('х', 0), ('ж', 0.5), ('к', 0.5)],
        ['y'] = [('у', 0)],
        ['A'] = [('а', 0)], ['B'] = [('в', 0)], ['C'] = [('с', 0)], ['E'] = [('е', 0)], ['H'] = [('н', 0), ('и', 0.5)], ['K'] = [('к', 0)],
        ['M'] = [('м', 0)], ['O'] = [('о', 0)], ['P'] = [('р', 0)], ['T'] = [('т', 0)], ['X'] = [('х', 0)], ['Y'] = [('у', 0)],
        ['U'] = [('и', 0.3)],
        ['3'] = [('з', 0.3), ('э', 0.5)], ['0'] = [('о', 0.2)], ['6'] = [('б', 0.2)], ['4'] = [('ч', 0.5)],
    };

    /// <summary>Capital Latin letters that print like lower-case Cyrillic small capitals inside a word (aHan, pa3Bé).</summary>
    private const string SmallCapitalLookAlikes = "HBTMK";

    /// <summary>More readings than this are not tried (a long Latin word is a Latin word).</summary>
    private const int MaximumReadings = 512;

    /// <summary>
    /// The lower-case Cyrillic words a token read in Latin letters (and digits) may stand for, cheapest first, with the
    /// summed cost of the less obvious letter readings; empty when some character has no Cyrillic reading, when the
    /// token is a plain number, or when its capitals sit where no Russian word has them (TeX, McKay).
    /// </summary>
    public static IReadOnlyList<(string Word, double Cost)> CyrillicReadings(string token, bool digitsAlone = false)
    {
        if (token.Length == 0 || token.Length > 16 || !(digitsAlone || token.Any(char.IsAsciiLetter)) || token.Any(IsCyrillic))
        {
            return [];
        }

        for (var i = 1; i < token.Length; i++)
        {
            if (char.IsLower(token[i - 1]) && char.IsUpper(token[i]) && !SmallCapitalLookAlikes.Contains(token[i]))
            {
                return [];
            }
        }

        var readings = new List<(string Word, double Cost)> { (string.Empty, 0) };
        foreach (var c in token)
        {
            if (!LatinReadings.TryGetValue(c, out var options))
            {
                return [];
            }

            readings = readings.SelectMany(r => options.Select(o => (r.Word + o.Letter, r.Cost + o.Cost))).ToList();
            if (readings.Count > MaximumReadings)
            {
                return [];
            }
        }

        return readings.OrderBy(r => r.Cost).ToList();
    }

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
