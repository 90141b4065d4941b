using Typeset.Publishing.Hyphenation;

namespace Typeset.Publishing.Layout;

/// <summary>
/// Where words of running text may be hyphenated: Liang points inside each run of letters, never in words with digits
/// or in all-capital words (acronyms), and in capitalised words only when <see cref="Capitalized"/> is set.
/// Results are cached per word; thread-safe.
/// </summary>
public sealed class WordHyphenation(LiangHyphenator hyphenator, bool capitalized = true)
{
    /// <summary>
    /// TeX's \hyphenpenalty and \exhyphenpenalty. Higher than TeX's 50: Russian words are long, and with font
    /// expansion the breaker can afford it; on the benchmark book 300 keeps hyphenated lines near 15 % (50 gave 25 %).
    /// </summary>
    public const double HyphenPenalty = 450;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);

    public bool Capitalized { get; } = capitalized;

    /// <summary>Char offsets in <paramref name="token"/> (a word with its punctuation) where a hyphen may be inserted.</summary>
    public IReadOnlyList<int> Points(string token)
    {
        if (cache.TryGetValue(token, out var cached))
        {
            return cached;
        }

        var points = new List<int>();
        if (!token.Any(char.IsDigit))
        {
            var start = 0;
            while (start < token.Length)
            {
                if (!char.IsLetter(token[start]))
                {
                    start++;
                    continue;
                }

                var end = start;
                while (end < token.Length && char.IsLetter(token[end]))
                {
                    end++;
                }

                var letters = token[start..end];
                if (MayHyphenate(letters))
                {
                    points.AddRange(hyphenator.Points(letters).Select(point => start + point));
                }

                start = end;
            }
        }

        return cache.GetOrAdd(token, points.ToArray());
    }

    private bool MayHyphenate(string letters)
    {
        if (letters.Length < hyphenator.LeftMin + hyphenator.RightMin)
        {
            return false;
        }

        var capitals = letters.Count(char.IsUpper);
        return capitals == 0 || (capitals == 1 && char.IsUpper(letters[0]) && Capitalized);
    }
}
