using System.Text;

namespace Typeset.Publishing.Hyphenation;

/// <summary>
/// Frank Liang's hyphenation (TeX's algorithm) over a pattern file in the libhyphen/TeX format: one pattern per
/// line such as <c>.аб1р</c> or <c>а2зовь</c>, odd digits allow a break, even ones forbid it; an optional
/// <c>\hyphenation{…}</c> list gives whole words with their hyphens. Thread-safe after loading.
/// </summary>
public sealed class LiangHyphenator
{
    /// <summary>Debian's hyphen-ru patterns (KOI8-R): the same file LibreOffice uses.</summary>
    public const string RussianPatternsPath = "/usr/share/hyphen/hyph_ru_RU.dic";

    private static readonly Lazy<LiangHyphenator> Russian = new(() => Load(RussianPatternsPath));

    // Pattern letters → the digit before each letter and after the last (length + 1 values).
    private readonly Dictionary<string, byte[]> patterns;
    private readonly Dictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> patternLookup;
    private readonly Dictionary<string, int[]> exceptions;
    private int maxPatternLength;

    public LiangHyphenator(IEnumerable<string> lines, int leftMin = 2, int rightMin = 2)
    {
        LeftMin = leftMin;
        RightMin = rightMin;
        patterns = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        exceptions = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var inExceptions = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('%') || line == "}" || IsHeader(line))
            {
                continue;
            }

            if (line.StartsWith(@"\hyphenation", StringComparison.Ordinal))
            {
                inExceptions = true;
                continue;
            }

            if (inExceptions)
            {
                AddException(line);
            }
            else
            {
                AddPattern(line);
            }
        }

        patternLookup = patterns.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int LeftMin { get; }

    public int RightMin { get; }

    public int PatternCount => patterns.Count;

    /// <summary>The Russian patterns, loaded once per process.</summary>
    public static LiangHyphenator LoadRussian() => Russian.Value;

    /// <summary>Reads a libhyphen .dic file; its first line names the encoding (KOI8-R, UTF-8, ISO8859-x).</summary>
    public static LiangHyphenator Load(string path, int leftMin = 2, int rightMin = 2)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"hyphenation patterns '{path}' not found; install hyphen-ru", path);
        }

        var bytes = File.ReadAllBytes(path);
        var firstLineEnd = Array.IndexOf(bytes, (byte)'\n');
        var charset = Encoding.ASCII.GetString(bytes, 0, firstLineEnd < 0 ? bytes.Length : firstLineEnd).Trim();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = Encoding.GetEncoding(charset.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) ? "utf-8" : charset);
        return new LiangHyphenator(encoding.GetString(bytes).Split('\n'), leftMin, rightMin);
    }

    /// <summary>
    /// Offsets inside <paramref name="word"/> (letters only, any case) where a hyphen may go: a point i means
    /// "before word[i]". At least <see cref="LeftMin"/> letters stay before and <see cref="RightMin"/> after.
    /// </summary>
    public IReadOnlyList<int> Points(string word)
    {
        if (word.Length < LeftMin + RightMin)
        {
            return [];
        }

        Span<char> lower = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            // The patterns are written without ё.
            var ch = Lower(word[i]);
            lower[i] = ch == 'ё' ? 'е' : ch;
        }

        if (exceptions.Count > 0 && exceptions.TryGetValue(new string(lower), out var listed))
        {
            return listed.Where(p => p >= LeftMin && p <= word.Length - RightMin).ToArray();
        }

        // Dotted word ".слово." so patterns can anchor at either end; values[k] is the digit before dotted[k].
        Span<char> dotted = word.Length + 2 <= 66 ? stackalloc char[word.Length + 2] : new char[word.Length + 2];
        dotted[0] = '.';
        lower.CopyTo(dotted[1..]);
        dotted[^1] = '.';
        Span<byte> values = stackalloc byte[dotted.Length + 1];
        values.Clear();
        for (var start = 0; start < dotted.Length; start++)
        {
            var longest = Math.Min(maxPatternLength, dotted.Length - start);
            for (var length = 1; length <= longest; length++)
            {
                if (patternLookup.TryGetValue(dotted.Slice(start, length), out var digits))
                {
                    for (var k = 0; k < digits.Length; k++)
                    {
                        values[start + k] = Math.Max(values[start + k], digits[k]);
                    }
                }
            }
        }

        var points = new List<int>();
        for (var i = LeftMin; i <= word.Length - RightMin; i++)
        {
            // Break before word[i] = before dotted[i + 1].
            if (values[i + 1] % 2 == 1)
            {
                points.Add(i);
            }
        }

        return points;
    }

    /// <summary>
    /// A letter in lower case: ASCII and Cyrillic directly, anything else through .NET. On Linux .NET lowers every
    /// non-ASCII character through ICU, a native call each time — two thirds of hyphenation's time on a Russian book.
    /// </summary>
    internal static char Lower(char ch) => ch switch
    {
        < '\u0080' => char.ToLowerInvariant(ch),
        >= '\u0430' and <= '\u045F' => ch, // а–я, ѐ–џ
        >= '\u0410' and <= '\u042F' => (char)(ch + 0x20), // А–Я
        >= '\u0400' and <= '\u040F' => (char)(ch + 0x50), // Ѐ–Џ (Ё)
        _ => char.ToLowerInvariant(ch),
    };

    /// <summary>The word with <paramref name="separator"/> at every hyphenation point (for tests and diagnostics).</summary>
    public string Hyphenate(string word, string separator = "-")
    {
        var builder = new StringBuilder(word);
        foreach (var point in Points(word).Reverse())
        {
            builder.Insert(point, separator);
        }

        return builder.ToString();
    }

    private static bool IsHeader(string line) =>
        line.Equals("KOI8-R", StringComparison.OrdinalIgnoreCase) || line.Equals("UTF-8", StringComparison.OrdinalIgnoreCase)
        || line.StartsWith("ISO", StringComparison.OrdinalIgnoreCase) || line.StartsWith("LEFTHYPHENMIN", StringComparison.Ordinal)
        || line.StartsWith("RIGHTHYPHENMIN", StringComparison.Ordinal) || line.StartsWith("COMPOUND", StringComparison.Ordinal)
        || line.StartsWith("NOHYPHEN", StringComparison.Ordinal);

    private void AddPattern(string pattern)
    {
        var letters = new StringBuilder();
        var digits = new List<byte> { 0 };
        foreach (var ch in pattern)
        {
            if (char.IsAsciiDigit(ch))
            {
                digits[^1] = (byte)(ch - '0');
            }
            else
            {
                letters.Append(ch);
                digits.Add(0);
            }
        }

        var key = letters.ToString().ToLowerInvariant();
        patterns[key] = [.. digits];
        maxPatternLength = Math.Max(maxPatternLength, key.Length);
    }

    private void AddException(string line)
    {
        foreach (var entry in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var points = new List<int>();
            var letters = new StringBuilder();
            foreach (var ch in entry.Trim('}'))
            {
                if (ch == '-')
                {
                    points.Add(letters.Length);
                }
                else
                {
                    letters.Append(ch);
                }
            }

            if (letters.Length > 0)
            {
                exceptions[letters.ToString().ToLowerInvariant().Replace('ё', 'е')] = [.. points];
            }
        }
    }
}
