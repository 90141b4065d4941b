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

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static bool IsHyphen(char c) => c is '-' or '\u00AD' or '\u2010';

    [GeneratedRegex(@"\p{L}+(?:-\p{L}+)*")]
    private static partial Regex WordPattern();
}
