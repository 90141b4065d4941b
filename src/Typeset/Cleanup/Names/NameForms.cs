namespace Typeset.Cleanup.Names;

/// <summary>
/// Splits a Russian name into stem and case ending, and gives the key under which all its case forms fall together —
/// including forms with a fleeting vowel (Коломиец → Коломийца), so a name is never "corrected" into its own declension.
/// </summary>
public static class NameForms
{
    private static readonly string[] Endings =
    [
        "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими",
        "ах", "ях", "ам", "ям", "ом", "ем", "ой", "ей", "ою", "ею", "ов", "ев", "ий", "ый", "ая", "яя", "ую", "юю",
        "ое", "ее", "ые", "ие", "ых", "их", "ым", "им",
        "а", "я", "у", "ю", "е", "и", "ы", "ь", "й",
    ];

    private const int MinimumStem = 3;

    public static (string Stem, string Ending) Split(string word)
    {
        if (word.Contains('-', StringComparison.Ordinal) && !char.IsLower(word[^1]))
        {
            return (word, string.Empty);
        }

        foreach (var ending in Endings)
        {
            if (word.Length - ending.Length >= MinimumStem && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return (word[..^ending.Length], ending);
            }
        }

        return (word, string.Empty);
    }

    /// <summary>The lemma key: lower-case stem with the fleeting vowels of -иец/-ец/-ок/-ек/-ень removed.</summary>
    public static string Key(string word)
    {
        var stem = Split(word).Stem.ToLowerInvariant();
        foreach (var (full, reduced) in new[] { ("иец", "ийц"), ("ец", "ц"), ("ок", "к"), ("ек", "к"), ("ён", "н"), ("ен", "н") })
        {
            if (stem.EndsWith(full, StringComparison.Ordinal) && stem.Length > full.Length + 2)
            {
                return stem[..^full.Length] + reduced;
            }
        }

        return stem;
    }
}
