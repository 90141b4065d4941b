using System.Text;
using System.Text.RegularExpressions;

namespace Typeset.Bench.Cleanup;

/// <summary>
/// Seeded OCR-like damage, one family at a time, so each rule family's precision and recall can be measured against
/// the clean text. The look-alike table here is wider than the project's confusion file on purpose: real OCR makes
/// errors our model does not list, and recall must show that.
/// </summary>
public static partial class Damage
{
    public static readonly string[] Families =
        ["confusions", "dropped-letters", "glued-words", "mixed-script", "roman-numerals", "line-hyphens", "page-breaks", "captions", "names", "typography"];

    private static readonly (char, char)[] LookAlikes =
    [
        ('и', 'н'), ('н', 'и'), ('п', 'н'), ('н', 'п'), ('ш', 'щ'), ('щ', 'ш'), ('е', 'ё'), ('ь', 'ъ'), ('л', 'п'), ('т', 'г'),
        ('г', 'т'), ('з', 'э'), ('ц', 'щ'), ('о', 'с'), ('в', 'з'), ('к', 'н'), ('а', 'д'), ('ю', 'к'), ('б', 'ь'), ('у', 'ч'),
    ];

    private static readonly Dictionary<char, char> LatinTwins = new()
    {
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['х'] = 'x', ['у'] = 'y',
    };

    public static string Apply(string family, string markdown, int seed)
    {
        var random = new Random(seed);
        var paragraphs = markdown.Split("\n\n").ToList();
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            if (!IsProse(p))
            {
                continue;
            }

            paragraphs[i] = family switch
            {
                "confusions" => Words(p, random, 0.03, w => Substitute(w, random)),
                "dropped-letters" => Words(p, random, 0.025, w => w.Length >= 5 ? w.Remove(1 + random.Next(w.Length - 2), 1) : w),
                "glued-words" => GluedWords().Replace(p, m => random.NextDouble() < 0.3 ? m.Groups[1].Value + m.Groups[2].Value : m.Value),
                "mixed-script" => Words(p, random, 0.02, w => LatinLookAlike(w, random)),
                "roman-numerals" => RomanNumerals().Replace(p, m => m.Value.Replace('X', 'Х').Replace('I', 'І').Replace('V', 'У')),
                "line-hyphens" => Words(p, random, 0.05, w => Hyphenate(w, random), allowHyphenated: true, compoundRate: 0.5),
                "names" => p,
                "typography" => Untypeset(p),
                _ => p,
            };
        }

        var text = string.Join("\n\n", paragraphs);
        return family switch
        {
            "page-breaks" => PageBreaks(paragraphs, random, captions: false),
            "captions" => PageBreaks(paragraphs, random, captions: true),
            "names" => NameVariants(text, random),
            _ => text,
        };
    }

    /// <summary>Body paragraphs only: headings, figures, footnote definitions and lists stay intact.</summary>
    public static bool IsProse(string paragraph) =>
        paragraph.Length > 80 && !paragraph.StartsWith('#') && !paragraph.StartsWith("![", StringComparison.Ordinal) &&
        !paragraph.StartsWith("[^", StringComparison.Ordinal) && !paragraph.StartsWith('*') && !paragraph.Contains('\t');

    /// <summary>Damages words at <paramref name="rate"/>; hyphenated compounds (rare, and the real-hyphen test) at <paramref name="compoundRate"/>.</summary>
    private static string Words(string paragraph, Random random, double rate, Func<string, string> damage, bool allowHyphenated = false, double compoundRate = 0) =>
        (allowHyphenated ? HyphenatedWord() : LowerWord()).Replace(paragraph, m =>
            random.NextDouble() < (m.Value.Contains('-', StringComparison.Ordinal) ? compoundRate : rate) ? damage(m.Value) : m.Value);

    private static string Substitute(string word, Random random)
    {
        var positions = Enumerable.Range(0, word.Length).Where(i => LookAlikes.Any(p => p.Item1 == word[i])).ToList();
        if (positions.Count == 0)
        {
            return word;
        }

        var at = positions[random.Next(positions.Count)];
        var options = LookAlikes.Where(p => p.Item1 == word[at]).ToList();
        return word[..at] + options[random.Next(options.Count)].Item2 + word[(at + 1)..];
    }

    private static string LatinLookAlike(string word, Random random)
    {
        var positions = Enumerable.Range(0, word.Length).Where(i => LatinTwins.ContainsKey(word[i])).ToList();
        return positions.Count == 0 ? word : Replace(word, positions[random.Next(positions.Count)], c => LatinTwins[c]);
    }

    private static string Replace(string word, int at, Func<char, char> map) => word[..at] + map(word[at]) + word[(at + 1)..];

    /// <summary>A real compound breaks at its own hyphen (the hyphen must survive); another word between vowel and consonant.</summary>
    private static string Hyphenate(string word, Random random)
    {
        var hyphen = word.IndexOf('-', StringComparison.Ordinal);
        if (hyphen > 0)
        {
            return word[..(hyphen + 1)] + "\n" + word[(hyphen + 1)..];
        }

        if (word.Length < 7)
        {
            return word;
        }

        var candidates = Enumerable.Range(2, word.Length - 4).Where(i => IsVowel(word[i - 1]) && !IsVowel(word[i])).ToList();
        if (candidates.Count == 0)
        {
            return word;
        }

        var at = candidates[random.Next(candidates.Count)];
        return word[..at] + "-\n" + word[at..];
    }

    private static bool IsVowel(char c) => "аеёиоуыэюя".Contains(char.ToLowerInvariant(c));

    /// <summary>Cuts paragraphs mid-sentence as a page end would, sometimes mid-word, sometimes with a caption between.</summary>
    private static string PageBreaks(List<string> paragraphs, Random random, bool captions)
    {
        var result = new List<string>();
        foreach (var paragraph in paragraphs)
        {
            var spaces = Regex.Matches(paragraph, @"(?<=[\p{Ll}\p{Lu},]) (?=\p{L})").Select(m => m.Index).Where(i => i > 40 && i < paragraph.Length - 40).ToList();
            if (!IsProse(paragraph) || spaces.Count == 0 || random.NextDouble() > 0.35)
            {
                result.Add(paragraph);
                continue;
            }

            var at = spaces[random.Next(spaces.Count)];
            var first = paragraph[..at];
            var second = paragraph[(at + 1)..];
            var word = Regex.Match(second, @"^\p{Ll}{7,}");
            if (word.Success && random.NextDouble() < 0.3)
            {
                var cut = 3 + random.Next(word.Length - 5);
                first = first + " " + second[..cut] + "-";
                second = second[cut..];
            }

            result.Add(first);
            if (captions)
            {
                result.Add($"*Фотография из архива, сделанная в {1900 + random.Next(50)} г. (АА)*");
            }

            result.Add(second);
        }

        return string.Join("\n\n", result);
    }

    /// <summary>One occurrence in three of a recurring name loses or gains a soft sign after its consonant.</summary>
    private static string NameVariants(string text, Random random)
    {
        var names = Name().Matches(text).GroupBy(m => m.Value).Where(g => g.Count() >= 3).Select(g => g.Key).ToHashSet();
        return Name().Replace(text, m =>
        {
            if (!names.Contains(m.Value) || random.NextDouble() > 0.34)
            {
                return m.Value;
            }

            var soft = m.Value.IndexOf('ь', 1);
            if (soft > 0)
            {
                return m.Value.Remove(soft, 1);
            }

            var consonant = Enumerable.Range(2, Math.Max(0, m.Value.Length - 4)).FirstOrDefault(i => "лнт".Contains(m.Value[i]) && !IsVowel(m.Value[i + 1]) && m.Value[i + 1] != 'ь');
            return consonant > 0 ? m.Value.Insert(consonant + 1, "ь") : m.Value;
        });
    }

    private static string Untypeset(string paragraph)
    {
        var builder = new StringBuilder(paragraph);
        builder.Replace('«', '"').Replace('»', '"').Replace('„', '"').Replace('“', '"').Replace("\u00A0— ", " - ").Replace('\u00A0', ' ').Replace("…", "...");
        return Regex.Replace(builder.ToString(), @"(?<=\d)–(?=\d)", "-");
    }

    [GeneratedRegex(@"(?<![\p{L}\-])\p{Ll}{4,}(?![\p{L}\-])")]
    private static partial Regex LowerWord();

    [GeneratedRegex(@"(?<![\p{L}\-])\p{Ll}{4,}(?:-\p{Ll}+)?(?![\p{L}\-])")]
    private static partial Regex HyphenatedWord();

    [GeneratedRegex(@"(?<![\p{L}])([вкс])[ \u00A0](\p{Ll}{3,})")]
    private static partial Regex GluedWords();

    [GeneratedRegex(@"(?<![\p{L}])[XVI]{2,}(?![\p{L}])")]
    private static partial Regex RomanNumerals();

    [GeneratedRegex(@"(?<![\p{L}\-])\p{Lu}\p{Ll}{5,}(?![\p{L}\-])")]
    private static partial Regex Name();
}
