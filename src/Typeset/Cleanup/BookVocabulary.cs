using System.Text.RegularExpressions;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Cleanup;

/// <summary>
/// The words of the book itself, counted case-insensitively, and the hyphenated compounds it writes mid-line:
/// the book's own usage is the best evidence for words a general dictionary lacks (names, terms).
/// </summary>
public sealed partial class BookVocabulary
{
    private readonly Dictionary<string, int> words = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> compounds = new(StringComparer.OrdinalIgnoreCase);

    public BookVocabulary(Book book)
    {
        foreach (var textPart in BookWalk.TextParts(book))
        {
            var text = MarkdownWriter.SourceText(textPart);
            foreach (Match match in WordPattern().Matches(text))
            {
                // A word ending at a line-end hyphen, or starting after one, is half a word: it is not evidence.
                var end = match.Index + match.Length;
                var beforeBreak = end + 1 < text.Length && IsHyphen(text[end]) && text[end + 1] == '\n';
                var afterBreak = match.Index >= 2 && text[match.Index - 1] == '\n' && IsHyphen(text[match.Index - 2]);
                if (beforeBreak || afterBreak)
                {
                    continue;
                }

                var word = match.Value;
                if (word.Contains('-', StringComparison.Ordinal))
                {
                    Increment(compounds, word);
                }

                foreach (var part in word.Split('-'))
                {
                    Increment(words, part);
                }
            }
        }
    }

    public int WordCount(string word) => words.GetValueOrDefault(word);

    public int CompoundCount(string compound) => compounds.GetValueOrDefault(compound);

    /// <summary>
    /// How many other words of the book share the stem of <paramref name="word"/> up to where <paramref name="correction"/>
    /// departs from it (four letters at least), differ from it only in an ending of up to three letters, and are unknown
    /// to <paramref name="isWord"/> as well: forms of one word the dictionary lacks (принсип, принсипы, принсипов).
    /// </summary>
    public int UnknownFamily(string word, string correction, Func<string, bool> isWord)
    {
        var lower = word.ToLowerInvariant();
        var target = correction.ToLowerInvariant();
        var differs = 0;
        while (differs < lower.Length && differs < target.Length && lower[differs] == target[differs])
        {
            differs++;
        }

        var stemLength = Math.Max(4, differs + 1);
        if (stemLength > lower.Length)
        {
            return 0;
        }

        sorted ??= words.Keys.Select(k => k.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var stem = lower[..stemLength];
        var index = Array.BinarySearch(sorted, stem, StringComparer.Ordinal);
        var family = 0;
        for (var i = index < 0 ? ~index : index; i < sorted.Length && sorted[i].StartsWith(stem, StringComparison.Ordinal); i++)
        {
            var other = sorted[i];
            var common = 0;
            while (common < other.Length && common < lower.Length && other[common] == lower[common])
            {
                common++;
            }

            if (other != lower && common >= Math.Min(other.Length, lower.Length) - 3 && Math.Abs(other.Length - lower.Length) <= 3 && !isWord(other))
            {
                family++;
            }
        }

        return family;
    }

    private string[]? sorted;

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static bool IsHyphen(char c) => c is '-' or '\u00AD' or '\u2010';

    [GeneratedRegex(@"\p{L}+(?:-\p{L}+)*")]
    private static partial Regex WordPattern();
}
