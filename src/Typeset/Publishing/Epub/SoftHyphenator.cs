using System.Text;
using Typeset.Publishing.Hyphenation;

namespace Typeset.Publishing.Epub;

/// <summary>
/// Puts soft hyphens (U+00AD) into long Cyrillic words at the Liang points, for readers that have no Russian hyphenation
/// dictionary and would otherwise stretch justified lines. Words shorter than <see cref="MinimumLetters"/> are left
/// alone (little to gain, more noise for search and text-to-speech); so is any whitespace-delimited token that looks like
/// a URL or an e-mail address, or that already has a soft hyphen.
/// </summary>
internal sealed class SoftHyphenator(LiangHyphenator hyphenator)
{
    public const int MinimumLetters = 7;
    public const char SoftHyphen = '\u00AD';

    private readonly Dictionary<string, string> cache = new(StringComparer.Ordinal);

    public string Insert(string text)
    {
        StringBuilder? builder = null;
        var copied = 0;
        var tokenStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                continue;
            }

            var token = text.AsSpan(tokenStart, i - tokenStart);
            if (token.Length >= MinimumLetters && !LooksLikeAddress(token))
            {
                var wordStart = -1;
                for (var j = 0; j <= token.Length; j++)
                {
                    var isLetter = j < token.Length && IsCyrillicLetter(token[j]);
                    if (isLetter && wordStart < 0)
                    {
                        wordStart = j;
                    }
                    else if (!isLetter && wordStart >= 0)
                    {
                        if (j - wordStart >= MinimumLetters)
                        {
                            var word = token[wordStart..j].ToString();
                            var hyphenated = Hyphenate(word);
                            if (hyphenated.Length != word.Length)
                            {
                                builder ??= new StringBuilder(text.Length + 16);
                                builder.Append(text, copied, tokenStart + wordStart - copied).Append(hyphenated);
                                copied = tokenStart + j;
                            }
                        }

                        wordStart = -1;
                    }
                }
            }

            tokenStart = i + 1;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    private string Hyphenate(string word)
    {
        if (!cache.TryGetValue(word, out var hyphenated))
        {
            cache[word] = hyphenated = hyphenator.Hyphenate(word, SoftHyphen.ToString());
        }

        return hyphenated;
    }

    private static bool LooksLikeAddress(ReadOnlySpan<char> token) =>
        token.Contains("://", StringComparison.Ordinal) || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
        || token.Contains('@') || token.Contains(SoftHyphen);

    private static bool IsCyrillicLetter(char ch) => ch is (>= 'а' and <= 'я') or (>= 'А' and <= 'Я') or 'ё' or 'Ё';
}
