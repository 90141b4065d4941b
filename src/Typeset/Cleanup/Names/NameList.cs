namespace Typeset.Cleanup.Names;

/// <summary>dictionaries/names.tsv: canonical spellings of proper names and the variants to rewrite to them.</summary>
public sealed class NameList
{
    public static readonly NameList Empty = new(new Dictionary<string, string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

    private NameList(Dictionary<string, string> canonicalByVariant, HashSet<string> canonical)
    {
        CanonicalByVariant = canonicalByVariant;
        Canonical = canonical;
    }

    /// <summary>Each listed variant word (nominative) → its canonical word; multi-word names are paired word by word.</summary>
    public IReadOnlyDictionary<string, string> CanonicalByVariant { get; }

    /// <summary>Every word of every canonical name.</summary>
    public IReadOnlySet<string> Canonical { get; }

    public static NameList Load(string path) => Load([path]);

    /// <summary>
    /// Several lists, later ones winning: a name a later line spells otherwise stops being canonical, and its spelling stops
    /// being a variant (the editor's choices in dictionaries/user-names.tsv over names.tsv). Missing files are skipped.
    /// </summary>
    public static NameList Load(IEnumerable<string> paths)
    {
        var canonicalByVariant = new Dictionary<string, string>(StringComparer.Ordinal);
        var canonical = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths.Where(File.Exists))
        {
            Read(path, canonicalByVariant, canonical);
        }

        return new NameList(canonicalByVariant, canonical);
    }

    private static void Read(string path, Dictionary<string, string> canonicalByVariant, HashSet<string> canonical)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length > 2 || fields[0].Trim().Length == 0)
            {
                throw new FormatException($"{path}:{number}: expected canonical<TAB>variant, variant, …");
            }

            var words = Words(fields[0]);
            // A later line wins: its name (in any case form) is no longer anyone's variant, and its variants no longer canonical.
            var keys = words.Select(NameForms.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var variant in canonicalByVariant.Keys.Where(v => keys.Contains(NameForms.Key(v))).ToList())
            {
                canonicalByVariant.Remove(variant);
            }

            canonical.UnionWith(words);
            foreach (var variant in fields.Length == 2 ? fields[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [])
            {
                var variantWords = Words(variant);
                var variantKeys = variantWords.Select(NameForms.Key).Except(keys).ToHashSet(StringComparer.Ordinal);
                canonical.RemoveWhere(c => variantKeys.Contains(NameForms.Key(c)));
                if (variantWords.Length == words.Length)
                {
                    for (var i = 0; i < words.Length; i++)
                    {
                        if (variantWords[i] != words[i])
                        {
                            canonicalByVariant[variantWords[i]] = words[i];
                        }
                    }
                }
                else if (words.Length == 1 || variantWords.Length == 1)
                {
                    // "Маньчжоуго" for "Маньчжоу-го": one token each way once hyphens are part of the word.
                    canonicalByVariant[string.Join(" ", variantWords)] = string.Join(" ", words);
                }
            }
        }
    }

    private static string[] Words(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
